package org.perthensis.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.perthensis.api.Scheduler;

/** The driver thread's timer slack on Linux: what lets its timed parks wake on time. */
@EnabledOnOs(OS.LINUX)
class TimerSlackTest {

    @Test
    void runningOnTheSystemClockLowersTheDriverThreadsTimerSlackToOneNanosecond() throws Exception {
        assertEquals("1", slackAfter(Scheduler.create()));
    }

    @Test
    void runningUnderVirtualTimeLeavesTheTimerSlackAlone() throws Exception {
        assertEquals("50000", slackAfter(Scheduler.builder().virtualTime().build()));
    }

    /** The slack of a fresh platform thread set to the kernel's default of 50 us, after it ran {@code s} for 1 ms. */
    private static String slackAfter(Scheduler s) throws Exception {
        AtomicReference<String> slack = new AtomicReference<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                // Threads inherit their creator's slack, so one lowered by an earlier test would hide a missing write.
                Files.writeString(TimerSlack.ownSlackFile(), "50000");
                s.run(Duration.ofMillis(1));
                slack.set(Files.readString(TimerSlack.ownSlackFile()).trim());
            } catch (Exception e) {
                failed.set(e);
            }
        });
        t.join();
        if (failed.get() != null) {
            throw failed.get();
        }
        return slack.get();
    }
}
