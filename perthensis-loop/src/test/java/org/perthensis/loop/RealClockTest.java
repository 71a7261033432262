package org.perthensis.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Clock;
import org.perthensis.api.Periodic;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskHandle;

/**
 * The tests on the system clock. A busy machine can make any timer late, never early, so they
 * assert what holds there too: exact upper bounds (no run before it was due, never more runs
 * than were due, no catch-up burst, at most one wake-up per timer) and generous lower bounds
 * (at least half of what was due). How late timers are is measured in {@code bench/}.
 */
class RealClockTest {

    @Test
    void ninetySixPeriodicTasksNeverRunEarlyNorInABurstAndMakeAtLeastHalfTheirRuns() {
        Scheduler s = Scheduler.create();
        Clock clock = s.clock();
        int tasks = 96;
        long[] periods = new long[tasks];
        long[] created = new long[tasks];
        List<List<long[]>> startsAndEnds = new ArrayList<>();
        List<Periodic> periodics = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            int hz = 3 * (i + 1) + 5;
            periods[i] = 1_000_000_000L / hz;
            created[i] = clock.nanos();
            List<long[]> runs = new ArrayList<>();
            startsAndEnds.add(runs);
            periodics.add(s.every("rate-" + hz, Duration.ofNanos(periods[i]), sch -> {
                long start = clock.nanos();
                runs.add(new long[] {start, clock.nanos()});
            }));
        }
        s.run(Duration.ofSeconds(2));
        long end = clock.nanos();

        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            String name = periodics.get(i).name();
            List<long[]> runs = startsAndEnds.get(i);
            // Run k is due at the later of the end of run k-1 and one period after run k-1 was due
            // (fixed rate, re-anchored after an overrun); "earliest" never exceeds that due time.
            long earliest = created[i];
            for (int k = 0; k < runs.size(); k++) {
                long start = runs.get(k)[0];
                if (start < earliest) {
                    wrong.add(name + ": run " + k + " started " + (earliest - start) + " ns before it was due");
                    break;
                }
                earliest = Math.max(runs.get(k)[1], earliest + periods[i]);
            }
            long due = (end - created[i]) / periods[i] + 1;
            if (runs.size() > due) {
                wrong.add(name + ": ran " + runs.size() + " times, more than the " + due + " runs due");
            }
            long dueInTheSpan = Duration.ofSeconds(2).toNanos() / periods[i] + 1;
            if (runs.size() < dueInTheSpan / 2) {
                wrong.add(name + ": ran " + runs.size() + " times, less than half of the " + dueInTheSpan + " runs due");
            }
            assertEquals(runs.size(), periodics.get(i).runs(), name);
        }
        assertTrue(wrong.isEmpty(), () -> String.join("\n", wrong));
    }

    @Test
    void anIdleLoopWakesAtMostOncePerTimerInsteadOfPolling() {
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
        // The first edge needs no wake-up; every later edge, the sleep still pending at the end and the
        // end of the run itself one each. A polling loop would wake thousands of times.
        assertTrue(wakeups <= edges[0] + 1, "woke " + wakeups + " times for " + edges[0] + " timer edges");
        assertTrue(edges[0] >= 2, "a sleep of 250 ms ended only " + (edges[0] - 1) + " times in a second");
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
        s.run(Duration.ofSeconds(60));
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
                    Thread.sleep(60_000);
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
        s.run(Duration.ofSeconds(60));
        assertEquals(List.of("timed out", "await: Optional.empty"), log);
        assertEquals(TaskHandle.State.CANCELLED, ticker.state());
    }
}
