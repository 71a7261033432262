package org.perthensis.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskHandle;
import org.perthensis.api.TaskHandle.State;
import org.perthensis.testing.RecordingLogger;

class TaskLifecycleTest {
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final List<String> log = new ArrayList<>();

    private void note(String what) {
        log.add(s.clock().millis() + " " + what);
    }

    @Test
    void spawnedTaskRunsOnTheNextStep() {
        s.spawn("a", sch -> note("a"));
        assertEquals(List.of(), log, "nothing runs before the loop does");
        s.run(Duration.ZERO);
        assertEquals(List.of("0 a"), log);
    }

    @Test
    void taskSpawnedByATaskRunsAfterTheSpawnerYields() {
        s.spawn("parent", sch -> {
            sch.spawn("child", c -> note("child"));
            note("parent before yield");
            sch.yieldTurn();
            note("parent after yield");
        });
        s.run(Duration.ZERO);
        assertEquals(List.of("0 parent before yield", "0 child", "0 parent after yield"), log);
    }

    @Test
    void sleepResumesAfterItsTime() {
        s.spawn("sleeper", sch -> {
            note("start");
            sch.sleep(Duration.ofMillis(250));
            note("woke");
            sch.sleep(1000);
            note("woke again");
        });
        s.run(Duration.ofSeconds(5));
        assertEquals(List.of("0 start", "250 woke", "1250 woke again"), log);
    }

    @Test
    void tasksReadyAtTheSameInstantRunInTheOrderTheyBecameReady() {
        for (String name : List.of("c", "a", "b")) {
            s.spawn(name, sch -> {
                sch.sleep(100);
                note(name);
            });
        }
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("100 c", "100 a", "100 b"), log);
    }

    @Test
    void yieldLetsEveryOtherReadyTaskRunOnce() {
        for (String name : List.of("x", "y")) {
            s.spawn(name, sch -> {
                for (int i = 0; i < 3; i++) {
                    note(name + i);
                    sch.yieldTurn();
                }
            });
        }
        s.run(Duration.ZERO);
        assertEquals(List.of("0 x0", "0 y0", "0 x1", "0 y1", "0 x2", "0 y2"), log);
    }

    @Test
    void cancellationRunsFinallyBlocks() {
        TaskHandle led = s.spawn("led", sch -> {
            note("on");
            try {
                sch.sleep(Duration.ofHours(1));
            } finally {
                note("off");
            }
        });
        s.spawn("killer", sch -> {
            sch.sleep(300);
            led.cancel();
        });
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("0 on", "300 off"), log);
        assertEquals(State.CANCELLED, led.state());
        assertTrue(led.failure().isEmpty());
    }

    @Test
    void cancelledTaskIsCancelledAgainAtEverySuspensionPoint() {
        TaskHandle stubborn = s.spawn("stubborn", sch -> {
            try {
                sch.sleep(Duration.ofHours(1));
            } catch (CancellationException ignored) {
                note("swallowed");
            }
            sch.sleep(10);
            note("never");
        });
        s.spawn("killer", sch -> stubborn.cancel());
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("0 swallowed"), log);
        assertEquals(State.CANCELLED, stubborn.state());
    }

    @Test
    void taskCancelledBeforeItStartsNeverRuns() {
        TaskHandle never = s.spawn("never", sch -> note("ran"));
        never.cancel();
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of(), log);
        assertEquals(State.CANCELLED, never.state());
    }

    @Test
    void aThrowingTaskDoesNotStopTheOthersAndIsLoggedByName() {
        RecordingLogger logger = TestLogs.recording(s);
        TaskHandle broken = s.spawn("broken", sch -> {
            sch.sleep(100);
            throw new IllegalStateException("sensor unplugged");
        });
        TaskHandle counter = s.spawn("counter", sch -> {
            for (int i = 1; i <= 3; i++) {
                sch.sleep(100);
                note("tick " + i);
            }
        });
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("100 tick 1", "200 tick 2", "300 tick 3"), log);
        assertEquals(State.FAILED, broken.state());
        assertInstanceOf(IllegalStateException.class, broken.failure().orElseThrow());
        assertEquals(State.SUCCESS, counter.state());
        assertEquals(List.of("ERROR task 'broken' failed: java.lang.IllegalStateException: sensor unplugged"),
                logger.lines());
    }

    @Test
    void joinWaitsUntilTheOtherTaskEnds() {
        TaskHandle worker = s.spawn("worker", sch -> sch.sleep(700));
        s.spawn("waiter", sch -> {
            worker.join();
            note("joined " + worker.state());
            worker.join();
            note("joined again");
        });
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("700 joined SUCCESS", "700 joined again"), log);
    }

    @Test
    void shutdownCancelsEveryTaskAndReturnsFromRunForever() {
        s.spawn("forever", sch -> {
            try {
                while (true) {
                    sch.sleep(1000);
                }
            } finally {
                note("cleaned up");
            }
        });
        s.spawn("stopper", sch -> {
            sch.sleep(2500);
            sch.shutdown();
        });
        s.runForever();
        assertEquals(List.of("2500 cleaned up"), log);
        assertThrows(IllegalStateException.class, s::runForever);
    }

    @Test
    void suspendingOutsideATaskIsRefusedWithAClearMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.sleep(10));
        assertEquals("sleep must be called from a task running on this scheduler", e.getMessage());
    }

    @Test
    void aListenerThatSleepsIsReportedAndTheTaskGoesOn() {
        RecordingLogger logger = TestLogs.recording(s);
        s.events().subscribe("x", e -> s.sleep(10));
        s.spawn("publisher", sch -> {
            sch.events().publish("x");
            note("still running");
        });
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("0 still running"), log);
        assertEquals(1, logger.lines().size());
        assertTrue(logger.lines().get(0).startsWith("ERROR a listener of 'x' (event 'x') failed:"
                + " java.lang.IllegalStateException: sleep cannot be called from an event listener"), logger.lines().get(0));
    }

    @Test
    void runContinuesWhereThePreviousRunLeftOff() {
        s.spawn("ticker", sch -> {
            while (true) {
                sch.sleep(1000);
                note("tick");
            }
        });
        s.run(Duration.ofMillis(2500));
        assertEquals(List.of("1000 tick", "2000 tick"), log);
        assertEquals(2500, s.clock().millis());
        s.run(Duration.ofMillis(1000));
        assertEquals(List.of("1000 tick", "2000 tick", "3000 tick"), log);
        assertEquals(3500, s.clock().millis());
    }

    @Test
    void everythingDueExactlyAtTheEndOfTheSpanRuns() {
        s.spawn("edge", sch -> {
            sch.sleep(1000);
            note("at the end");
        });
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("1000 at the end"), log);
    }

    @Test
    void aTaskHoldingTheTurnTooLongIsReportedByName() {
        // Turns are timed on the real clock, also under virtual time. The limit is far above what a busy
        // machine adds to a short turn, so only the hog, which holds the turn twice as long, can be named.
        Scheduler strict = Scheduler.builder().virtualTime().slowTurnWarning(Duration.ofMillis(250)).build();
        RecordingLogger logger = TestLogs.recording(strict);
        strict.spawn("hog", sch -> {
            Thread.sleep(500); // blocking without blocking(...): the mistake being reported
            sch.yieldTurn();
        });
        strict.spawn("polite", sch -> sch.sleep(5));
        strict.run(Duration.ofSeconds(1));
        assertEquals(1, logger.lines().size(), logger.lines()::toString);
        Matcher m = Pattern.compile("WARNING task 'hog' kept the turn for (\\S+) \\(limit 250ms\\);"
                + " other tasks waited. Move blocking work into blocking\\(...\\) or add sleep/yieldTurn calls")
                .matcher(logger.lines().get(0));
        assertTrue(m.matches(), logger.lines().get(0));
        assertTrue(Durations.parse(m.group(1)).toMillis() >= 500, logger.lines().get(0));
    }
}
