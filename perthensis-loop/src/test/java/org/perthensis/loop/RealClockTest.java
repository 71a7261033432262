package org.perthensis.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Periodic;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskHandle;

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

    @Test
    void aTaskHandedTheTurnAheadOfItsTimerNeverWakesEarly() {
        // Timers are waited out by spinning the last stretch, by the task itself; it must still never return early.
        Scheduler s = Scheduler.create();
        List<Long> early = new ArrayList<>();
        long[] sleeps = {70_000, 300_000, 1_000_000, 3_000_000};
        int[] done = {0};
        for (long sleepNanos : sleeps) {
            s.spawn("sleeper-" + sleepNanos, sch -> {
                for (int i = 0; i < 50; i++) {
                    long before = System.nanoTime();
                    sch.sleep(Duration.ofNanos(sleepNanos));
                    long slept = System.nanoTime() - before;
                    if (slept < sleepNanos) {
                        early.add(slept);
                    }
                }
                if (++done[0] == sleeps.length) {
                    sch.shutdown();
                }
            });
        }
        s.run(Duration.ofSeconds(10));
        assertEquals(sleeps.length, done[0]);
        assertEquals(List.of(), early);
    }

    @Test
    void timeoutsAndEventWaitsExpireOnTheRealClock() {
        Scheduler s = Scheduler.create();
        List<String> log = new ArrayList<>();
        s.spawn("waiter", sch -> {
            try {
                sch.withTimeout(Duration.ofMillis(3), () -> sch.blocking(() -> {
                    Thread.sleep(10_000);
                    return "slept";
                }));
                log.add("blocking call finished");
            } catch (TimeoutException e) {
                log.add("timed out");
            }
            log.add("await: " + sch.events().await("never.published", Duration.ofMillis(2)));
            sch.shutdown();
        });
        TaskHandle ticker = s.spawn("ticker", sch -> {
            while (true) {
                sch.sleep(Duration.ofNanos(50_000));
            }
        });
        s.run(Duration.ofSeconds(10));
        assertEquals(List.of("timed out", "await: Optional.empty"), log);
        assertEquals(TaskHandle.State.CANCELLED, ticker.state());
    }
}
