package org.perthensis.loop;

import org.perthensis.api.Scheduler;
import org.perthensis.testing.RecordingLogger;

/** The loop's own log lines, recorded for a test. */
final class TestLogs {

    private TestLogs() {
    }

    static RecordingLogger recording(Scheduler scheduler) {
        RecordingLogger logger = new RecordingLogger();
        ((Loop) scheduler).logTo(logger);
        return logger;
    }
}
