package org.perthensis.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.perthensis.testing.RecordingLogger;

/** Signals on the real clock, with generous limits: a grace of 100 ms, waits of seconds. */
class StopperTest {

    private final RecordingLogger log = new RecordingLogger();
    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Integer> halted = new LinkedBlockingQueue<>();
    private final Stopper stopper = new Stopper(log, code -> {
        steps.add("halt " + code);
        halted.add(code);
    });

    private void attach(Duration grace) {
        assertTrue(stopper.attach(grace, why -> steps.add("stop: " + why), () -> steps.add("cleanup")));
    }

    @Test
    void theFirstSignalAsksTheTasksToStopAndASecondExitsAtOnce() throws InterruptedException {
        attach(Duration.ofMinutes(1));
        stopper.signal("TERM");
        assertEquals(List.of("stop: SIGTERM: stopping every task (send it again to exit at once)"), steps);
        stopper.signal("INT");
        assertEquals(1, halted.poll(5, TimeUnit.SECONDS));
        assertEquals(List.of("WARNING second signal (SIGINT): exiting at once"), log.lines());
    }

    @Test
    void tasksThatDoNotEndWithinTheGraceAreLeftBehindAfterTheCleanup() throws InterruptedException {
        attach(Duration.ofMillis(100));
        stopper.signal("TERM");
        assertEquals(1, halted.poll(10, TimeUnit.SECONDS));
        assertEquals(List.of("stop: SIGTERM: stopping every task (send it again to exit at once)", "cleanup", "halt 1"), steps);
        assertEquals(List.of("WARNING tasks did not end within 100ms (shutdownGrace); exiting without them"), log.lines());
    }

    @Test
    void aLoopThatEndsWithinTheGraceLeavesTheExitToTheApp() throws InterruptedException {
        attach(Duration.ofMillis(100));
        stopper.signal("HUP");
        stopper.loopEnded();
        assertNull(halted.poll(1, TimeUnit.SECONDS));
        assertEquals(List.of("stop: SIGHUP: stopping every task (send it again to exit at once)"), steps);
    }

    @Test
    void aSignalBeforeTheTasksStartIsRememberedAndTheLaunchIsNotAttached() throws InterruptedException {
        stopper.signal("TERM");
        assertTrue(stopper.stopRequested());
        assertEquals(List.of("INFO SIGTERM: stopping before any task has started"), log.lines());
        assertFalse(stopper.attach(Duration.ofMillis(100), why -> steps.add("stop: " + why), () -> steps.add("cleanup")),
                "the tasks must not start");
        stopper.loopEnded();
        assertNull(halted.poll(1, TimeUnit.SECONDS));
        assertEquals(List.of(), steps);
    }

    @Test
    void aJvmExitFromElsewhereStopsTheTasksAndCleansUp() {
        attach(Duration.ofMillis(100));
        stopper.jvmExiting();
        assertEquals(List.of("stop: the JVM is exiting: stopping every task", "cleanup"), steps);
        steps.clear();
        stopper.loopEnded();
        stopper.jvmExiting();
        assertEquals(List.of("cleanup"), steps, "after a normal end only the (idempotent) cleanup runs");
    }
}
