package org.perthensis.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Event;
import org.perthensis.api.Scheduler;
import org.perthensis.testing.RecordingLogger;

/** The restart timeline, under virtual time so every timestamp is exact. */
class SupervisorTest {

    private final Scheduler scheduler = Scheduler.builder().virtualTime().build();
    private final RecordingLogger log = new RecordingLogger();
    private final AtomicInteger allEnded = new AtomicInteger();
    private final Supervisor supervisor = new Supervisor(scheduler, log, allEnded::incrementAndGet);
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
}
