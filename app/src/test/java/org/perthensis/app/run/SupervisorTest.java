package org.perthensis.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Event;
import java.time.Instant;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskInfo;
import org.perthensis.api.TaskInfo.State;
import org.perthensis.api.TaskList;
import org.perthensis.app.config.Restart;
import org.perthensis.testing.RecordingLogger;

/** The restart timeline, under virtual time so every timestamp is exact. */
class SupervisorTest {

    private final Scheduler scheduler = Scheduler.builder().virtualTime().build();
    private final RecordingLogger log = new RecordingLogger();
    private final AtomicInteger allEnded = new AtomicInteger();
    private final TaskStates states = new TaskStates(scheduler);
    private final Supervisor supervisor = new Supervisor(scheduler, log, states, allEnded::incrementAndGet);
    private final List<Long> starts = new ArrayList<>();
    private final List<Event> failed = new ArrayList<>();

    SupervisorTest() {
        scheduler.events().subscribe(Supervisor.FAILED_TOPIC, failed::add);
    }

    private List<Object> restartIns() {
        return failed.stream().map(e -> e.get("restartIn")).toList();
    }

    private static List<Object> seconds(long... s) {
        return java.util.Arrays.stream(s).mapToObj(Duration::ofSeconds).map(Object.class::cast).toList();
    }

    @Test
    void aFailingTaskIsRestartedAfterOneSecondDoublingUpToAMinute() {
        states.add("flaky", "test", "app");
        supervisor.start("flaky", "test", Restart.ON_FAILURE, s -> {
            starts.add(s.clock().millis());
            throw new IOException("gone");
        });
        List<Long> ticks = new ArrayList<>();
        scheduler.every("other", Duration.ofMinutes(1), s -> ticks.add(s.clock().millis()));
        scheduler.run(Duration.ofMinutes(6));
        assertEquals(List.of(0L, 1_000L, 3_000L, 7_000L, 15_000L, 31_000L, 63_000L, 123_000L, 183_000L, 243_000L,
                303_000L), starts);
        assertEquals(seconds(1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60), restartIns());
        assertEquals("ERROR task 'flaky' (type test) failed: java.io.IOException: gone; restarting in 1s", log.lines().get(0));
        assertEquals("ERROR task 'flaky' (type test) failed: java.io.IOException: gone; restarting in 1min",
                log.lines().get(6));
        assertEquals(List.of(0L, 60_000L, 120_000L, 180_000L, 240_000L, 300_000L, 360_000L), ticks,
                "a failing task does not hold up the others");
        assertEquals(0, allEnded.get());
    }

    @Test
    void theBackoffStartsAgainAfterAMinuteOfHealth() {
        AtomicInteger run = new AtomicInteger();
        supervisor.start("flaky", "test", Restart.ON_FAILURE, s -> {
            starts.add(s.clock().millis());
            if (run.incrementAndGet() == 4) {
                s.sleep(Duration.ofMinutes(1)); // healthy for exactly a minute
            }
            throw new IllegalStateException("broken");
        });
        scheduler.run(Duration.ofSeconds(75));
        assertEquals(List.of(0L, 1_000L, 3_000L, 7_000L, 68_000L, 70_000L, 74_000L), starts);
        assertEquals(seconds(1, 2, 4, 1, 2, 4, 8), restartIns());
    }

    @Test
    void eachFailureIsPublishedWithTheTaskTypeErrorAndRestartDelay() {
        supervisor.start("door", "debounce", Restart.ON_FAILURE, s -> {
            throw new IOException("pin 12 is busy");
        });
        scheduler.run(Duration.ZERO);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("task", "door");
        expected.put("type", "debounce");
        expected.put("error", "java.io.IOException: pin 12 is busy");
        expected.put("restartIn", Duration.ofSeconds(1));
        assertEquals(1, failed.size());
        assertEquals("task.failed", failed.get(0).topic());
        assertEquals(expected, failed.get(0).payload());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(((Map<?, ?>) failed.get(0).payload()).keySet()));
    }

    @Test
    void withRestartNeverAFailureIsReportedOnceAndTheTaskStaysEnded() {
        supervisor.start("once", "test", Restart.NEVER, s -> {
            starts.add(s.clock().millis());
            throw new IOException("gone");
        });
        scheduler.run(Duration.ofMinutes(5));
        assertEquals(List.of(0L), starts);
        assertEquals(java.util.Arrays.asList((Object) null), restartIns());
        assertEquals(List.of("ERROR task 'once' (type test) failed: java.io.IOException: gone; not restarting (restart: never)"),
                log.lines());
        assertTrue(supervisor.anyFailedForGood());
        assertEquals(1, allEnded.get());
    }

    @Test
    void withRestartOnFailureATaskThatReturnsStaysEnded() {
        supervisor.start("job", "test", Restart.ON_FAILURE, s -> starts.add(s.clock().millis()));
        scheduler.run(Duration.ofMinutes(1));
        assertEquals(List.of(0L), starts);
        assertEquals(List.of("INFO task 'job' (type test) ended"), log.lines());
        assertFalse(supervisor.anyFailedForGood());
        assertEquals(1, allEnded.get());
    }

    @Test
    void withRestartAlwaysATaskThatReturnsIsRestartedWithBackoff() {
        supervisor.start("job", "test", Restart.ALWAYS, s -> starts.add(s.clock().millis()));
        scheduler.run(Duration.ofSeconds(10));
        assertEquals(List.of(0L, 1_000L, 3_000L, 7_000L), starts);
        assertEquals("INFO task 'job' (type test) ended; restarting in 1s (restart: always)", log.lines().get(0));
        assertEquals(List.of(), failed);
    }

    @Test
    void cancellingASupervisedTaskIsNoFailure() {
        List<String> cleanedUp = new ArrayList<>();
        supervisor.start("led", "test", Restart.ALWAYS, s -> {
            try {
                s.sleep(Duration.ofHours(1));
            } finally {
                cleanedUp.add("off at " + s.clock().millis());
            }
        });
        scheduler.run(Duration.ofSeconds(5));
        scheduler.shutdown();
        scheduler.run(Duration.ofSeconds(5));
        assertEquals(List.of("off at 5000"), cleanedUp);
        assertEquals(List.of(), failed);
        assertEquals(List.of(), log.lines());
        assertEquals(1, allEnded.get());
    }

    private static Instant at(long millis) {
        return Scheduler.Builder.VIRTUAL_EPOCH.plusMillis(millis);
    }

    private static TaskInfo info(State state, long since, Long started, int restarts, String failure, Long failedAt) {
        return new TaskInfo("door", "debounce", "org.example.door", state, at(since), started == null ? null : at(started),
                restarts, failure, failedAt == null ? null : at(failedAt));
    }

    @Test
    void theTaskListFollowsATaskThroughItsWholeLifeWithExactTimes() {
        List<Object> published = new ArrayList<>();
        scheduler.events().subscribe(TaskList.TOPIC, e -> published.add(e.payload()));
        AtomicInteger run = new AtomicInteger();
        states.add("door", "debounce", "org.example.door");
        assertEquals(List.of(info(State.STARTING, 0, null, 0, null, null)), states.tasks());
        supervisor.start("door", "debounce", Restart.ON_FAILURE, s -> {
            switch (run.incrementAndGet()) {
                case 1 -> {
                    s.sleep(Duration.ofSeconds(5));
                    throw new IOException("pin 12 is busy");
                }
                case 2 -> {
                    s.sleep(Duration.ofSeconds(2));
                    throw new IllegalStateException("still busy");
                }
                default -> s.sleep(Duration.ofHours(1));
            }
        });
        scheduler.run(Duration.ofSeconds(3));
        assertEquals(Optional.of(info(State.RUNNING, 0, 0L, 0, null, null)), states.task("door"));
        scheduler.run(Duration.ofSeconds(2)); // fails at 5 s, restarts at 6 s
        assertEquals(info(State.RESTARTING, 5_000, 0L, 0, "java.io.IOException: pin 12 is busy", 5_000L), states.tasks().get(0));
        scheduler.run(Duration.ofSeconds(4)); // runs again from 6 s, fails at 8 s, restarts at 10 s
        assertEquals(info(State.RESTARTING, 8_000, 0L, 1, "java.lang.IllegalStateException: still busy", 8_000L),
                states.tasks().get(0));
        scheduler.run(Duration.ofSeconds(6));
        assertEquals(info(State.RUNNING, 10_000, 0L, 2, "java.lang.IllegalStateException: still busy", 8_000L),
                states.tasks().get(0));
        scheduler.shutdown();
        scheduler.run(Duration.ofSeconds(1));
        TaskInfo stopped = info(State.STOPPED, 15_000, 0L, 2, "java.lang.IllegalStateException: still busy", 8_000L);
        assertEquals(List.of(stopped), states.tasks());
        assertEquals(List.of(
                info(State.RUNNING, 0, 0L, 0, null, null),
                info(State.RESTARTING, 5_000, 0L, 0, "java.io.IOException: pin 12 is busy", 5_000L),
                info(State.RUNNING, 6_000, 0L, 1, "java.io.IOException: pin 12 is busy", 5_000L),
                info(State.RESTARTING, 8_000, 0L, 1, "java.lang.IllegalStateException: still busy", 8_000L),
                info(State.RUNNING, 10_000, 0L, 2, "java.lang.IllegalStateException: still busy", 8_000L),
                stopped), published);
    }

    @Test
    void aTaskThatFailsForGoodOrEndsStaysSoInTheTaskListAfterTheStop() {
        states.add("door", "debounce", "org.example.door");
        states.add("job", "test", "app");
        supervisor.start("door", "debounce", Restart.NEVER, s -> {
            s.sleep(Duration.ofSeconds(2));
            throw new IOException("gone");
        });
        supervisor.start("job", "test", Restart.ON_FAILURE, s -> s.sleep(Duration.ofSeconds(3)));
        scheduler.run(Duration.ofSeconds(5));
        scheduler.shutdown();
        scheduler.run(Duration.ofSeconds(1));
        states.allStopped();
        assertEquals(List.of(info(State.FAILED, 2_000, 0L, 0, "java.io.IOException: gone", 2_000L),
                new TaskInfo("job", "test", "app", State.ENDED, at(3_000), at(0), 0, null, null)), states.tasks());
    }
}
