package org.perthensis.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Periodic;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskHandle;
import org.perthensis.testing.RecordingLogger;

class PeriodicTest {
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final List<Long> runs = new ArrayList<>();

    private void noteRun() {
        runs.add(s.clock().millis());
    }

    @Test
    void periodicTaskRunsAtFixedRateWithoutDrift() {
        // The body sleeps 30 ms of every 100: a naive "sleep(period) after the body" loop would drift by 30 ms a run.
        s.every(Duration.ofMillis(100), sch -> {
            noteRun();
            sch.sleep(30);
        });
        s.run(Duration.ofMillis(500));
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L, 500L), runs);
    }

    @Test
    void overrunStartsTheNextRunAtOnceAndReanchorsWithoutCatchUpBurst() {
        int[] call = {0};
        s.every(Duration.ofMillis(100), sch -> {
            noteRun();
            if (++call[0] == 2) {
                sch.sleep(350); // the run due at 100 ends at 450, past the runs due at 200, 300 and 400
            }
        });
        s.run(Duration.ofMillis(700));
        assertEquals(List.of(0L, 100L, 450L, 550L, 650L), runs);
    }

    @Test
    void periodicTaskStoppedDoesNotRunAgain() {
        Periodic p = s.every(Duration.ofMillis(100), sch -> noteRun());
        s.spawn("stopper", sch -> {
            sch.sleep(250);
            p.stop();
        });
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of(0L, 100L, 200L), runs);
        assertTrue(p.isStopped());
        assertEquals(3, p.runs());
    }

    @Test
    void periodicTaskRestartedRunsAgainAtOnceThenEveryPeriod() {
        Periodic p = s.every(Duration.ofMillis(100), sch -> noteRun());
        s.spawn("toggler", sch -> {
            sch.sleep(150);
            p.stop();
            sch.sleep(500);
            p.start();
        });
        s.run(Duration.ofMillis(900));
        assertEquals(List.of(0L, 100L, 650L, 750L, 850L), runs);
        assertFalse(p.isStopped());
    }

    @Test
    void stopNeverInterruptsARunningBodyAndStartNeverSchedulesTwice() {
        List<String> log = new ArrayList<>();
        Periodic[] self = new Periodic[1];
        self[0] = s.every(Duration.ofMillis(100), sch -> {
            log.add(sch.clock().millis() + " begin");
            self[0].stop();
            self[0].start();
            self[0].start();
            sch.sleep(20);
            log.add(sch.clock().millis() + " end");
        });
        s.run(Duration.ofMillis(250));
        assertEquals(List.of("0 begin", "20 end", "100 begin", "120 end", "200 begin", "220 end"), log);
    }

    @Test
    void changeRateAppliesFromTheNextPeriod() {
        Periodic p = s.every(Duration.ofMillis(1000), sch -> noteRun());
        s.spawn("changer", sch -> {
            sch.sleep(500);
            p.changeRate(Duration.ofMillis(250));
        });
        s.run(Duration.ofMillis(2000));
        // The run already due at 1000 keeps its time; the periods after it are 250 ms.
        assertEquals(List.of(0L, 1000L, 1250L, 1500L, 1750L, 2000L), runs);
        assertEquals(Duration.ofMillis(250), p.period());
    }

    @Test
    void changeRateRejectsZero() {
        Periodic p = s.every(Duration.ofMillis(10), sch -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.changeRate(Duration.ZERO));
        assertEquals("period must be positive, got 0s", e.getMessage());
    }

    @Test
    void everyAfterFirstRunsAfterOnePeriodWhileAHundredHertzTaskTicksTenTimes() {
        int[] ticks = {0};
        int[] ticksAtFirstLaterRun = {-1};
        s.every(Duration.ofMillis(10), sch -> ticks[0]++);
        s.everyAfter(Duration.ofMillis(100), sch -> {
            if (ticksAtFirstLaterRun[0] < 0) {
                ticksAtFirstLaterRun[0] = ticks[0];
            }
            noteRun();
        });
        s.run(Duration.ofMillis(350));
        assertEquals(List.of(100L, 200L, 300L), runs);
        // The 100 Hz task ran at 0, 10, ... 90; at 100 the later task goes first, its timer having been set first.
        assertEquals(10, ticksAtFirstLaterRun[0]);
    }

    @Test
    void afterStartsOnlyAfterItsDelay() {
        TaskHandle later = s.after(Duration.ofSeconds(1), sch -> noteRun());
        s.run(Duration.ofMillis(999));
        assertEquals(List.of(), runs);
        assertEquals(TaskHandle.State.RUNNING, later.state());
        s.run(Duration.ofMillis(1));
        assertEquals(List.of(1000L), runs);
        assertEquals(TaskHandle.State.SUCCESS, later.state());
        assertEquals("after 1s", later.name());
    }

    @Test
    void afterWithADelayTooLongForNanosecondsWaitsAndCanBeCancelled() {
        TaskHandle forever = s.after(ChronoUnit.FOREVER.getDuration(), sch -> noteRun());
        TaskHandle longest = s.after(Duration.ofSeconds(Long.MAX_VALUE), sch -> noteRun());
        Periodic rare = s.everyAfter(ChronoUnit.FOREVER.getDuration(), sch -> noteRun());
        s.run(Duration.ofDays(3650));
        assertEquals(List.of(), runs);
        assertEquals(List.of(TaskHandle.State.RUNNING, TaskHandle.State.RUNNING, TaskHandle.State.RUNNING),
                List.of(forever.state(), longest.state(), rare.state()));
        s.shutdown();
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of(TaskHandle.State.CANCELLED, TaskHandle.State.CANCELLED, TaskHandle.State.CANCELLED),
                List.of(forever.state(), longest.state(), rare.state()));
    }

    @Test
    void afterCancelledBeforeItsDelayNeverRuns() {
        TaskHandle later = s.after("later", Duration.ofSeconds(1), sch -> noteRun());
        s.spawn("canceller", sch -> {
            sch.sleep(500);
            later.cancel();
        });
        s.run(Duration.ofSeconds(2));
        assertEquals(List.of(), runs);
        assertEquals(TaskHandle.State.CANCELLED, later.state());
    }

    @Test
    void cancellingAPeriodicTaskEndsItForGood() {
        Periodic p = s.every("blink", Duration.ofMillis(100), sch -> noteRun());
        s.spawn("canceller", sch -> {
            sch.sleep(150);
            p.cancel();
        });
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of(0L, 100L), runs);
        assertEquals(TaskHandle.State.CANCELLED, p.state());
        assertEquals("blink", p.name());
    }

    @Test
    void aFailingBodyEndsItsPeriodicTaskOnly() {
        RecordingLogger logger = TestLogs.recording(s);
        Periodic bad = s.every("bad", Duration.ofMillis(100), sch -> {
            if (sch.clock().millis() == 200) {
                throw new IllegalStateException("boom");
            }
        });
        Periodic good = s.every("good", Duration.ofMillis(100), sch -> noteRun());
        s.run(Duration.ofMillis(400));
        assertEquals(TaskHandle.State.FAILED, bad.state());
        assertEquals(3, bad.runs());
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L), runs);
        assertEquals(TaskHandle.State.RUNNING, good.state());
        assertEquals(List.of("ERROR task 'bad' failed: java.lang.IllegalStateException: boom"), logger.lines());
    }
}
