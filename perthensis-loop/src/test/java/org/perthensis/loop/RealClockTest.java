package org.perthensis.loop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Periodic;
import org.perthensis.api.Scheduler;

/** The few tests on the system clock; tolerances are generous so a busy CI machine stays green. */
class RealClockTest {

    @Test
    void ninetySixPeriodicTasksEachRunWithinTwoRunsOfTheirOwnRate() {
        Scheduler s = Scheduler.create();
        List<Periodic> tasks = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            int hz = 3 * (i + 1) + 5;
            tasks.add(s.every("rate-" + hz, Duration.ofNanos(1_000_000_000L / hz), sch -> { }));
        }
        s.run(Duration.ofSeconds(2));
        List<String> off = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            int hz = 3 * (i + 1) + 5;
            long target = 2L * hz; // tasko's rate test counts runs over the span; the run at t=0 makes one more
            long runs = tasks.get(i).runs();
            if (Math.abs(runs - target) > 2 && Math.abs(runs - (target + 1)) > 2) {
                off.add(hz + " Hz ran " + runs + " times, expected " + target + " +-2");
            }
        }
        assertTrue(off.isEmpty(), () -> String.join("\n", off));
    }

    @Test
    void anIdleLoopSleepsUntilItsNextTimerInsteadOfPolling() {
        Scheduler s = Scheduler.create();
        int[] edges = {0};
        s.spawn("blink", sch -> {
            while (true) {
                edges[0]++;
                sch.sleep(250);
            }
        });
        s.run(Duration.ofSeconds(1));
        long wakeups = ((Loop) s).idleWakeups();
        // One wake-up per timer (4 edges) plus the end of the run; a polling loop would wake thousands of times.
        assertTrue(wakeups <= edges[0] + 3, "woke " + wakeups + " times for " + edges[0] + " timer edges");
    }
}
