package org.perthensis.net;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;

/** Runs one probe for the calling task; tests substitute a scripted one. */
@FunctionalInterface
interface ProbeRunner {

    /**
     * Runs {@code probe}, suspending the calling task.
     *
     * @return {@code null} when it passed, else why it failed
     */
    String run(Scheduler scheduler, Probe probe, Duration timeout) throws Exception;

    /**
     * On a blocking thread, bounded by {@code timeout} twice over: the socket's own timeout, and
     * {@code withTimeout} for what no socket timeout covers, such as a name lookup.
     */
    ProbeRunner REAL = (scheduler, probe, timeout) -> {
        try {
            return scheduler.withTimeout(timeout, () -> scheduler.blocking(() -> probe.check(timeout)));
        } catch (TimeoutException e) {
            return "no answer within " + Durations.format(timeout);
        } catch (IOException e) {
            return Text.reason(e, timeout);
        }
    };
}
