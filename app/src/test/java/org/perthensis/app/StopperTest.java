package org.perthensis.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

    private Stopper stopper(Duration grace) {
        return new Stopper(grace, log, why -> steps.add("stop: " + why), () -> steps.add("cleanup"), code -> {
            steps.add("halt " + code);
            halted.add(code);
        });
    }

    @Test
    void theFirstSignalAsksTheTasksToStopAndASecondExitsAtOnce() throws InterruptedException {
        Stopper stopper = stopper(Duration.ofMinutes(1));
        stopper.signal("TERM");
        assertEquals(List.of("stop: SIGTERM: stopping every task (send it again to exit at once)"), steps);
        stopper.signal("INT");
        assertEquals(1, halted.poll(5, TimeUnit.SECONDS));
        assertEquals(List.of("WARNING second signal (SIGINT): exiting at once"), log.lines());
    }

    @Test
    void tasksThatDoNotEndWithinTheGraceAreLeftBehindAfterTheCleanup() throws InterruptedException {
        Stopper stopper = stopper(Duration.ofMillis(100));
        stopper.signal("TERM");
        assertEquals(1, halted.poll(10, TimeUnit.SECONDS));
        assertEquals(List.of("stop: SIGTERM: stopping every task (send it again to exit at once)", "cleanup", "halt 1"), steps);
        assertEquals(List.of("WARNING tasks did not end within 100ms (shutdownGrace); exiting without them"), log.lines());
    }

    @Test
    void aLoopThatEndsWithinTheGraceLeavesTheExitToTheApp() throws InterruptedException {
        Stopper stopper = stopper(Duration.ofMillis(100));
        stopper.signal("TERM");
        stopper.loopEnded();
        assertNull(halted.poll(1, TimeUnit.SECONDS));
        assertEquals(List.of("stop: SIGTERM: stopping every task (send it again to exit at once)"), steps);
    }

    @Test
    void aJvmExitFromElsewhereStopsTheTasksAndCleansUp() {
        Stopper stopper = stopper(Duration.ofMillis(100));
        stopper.jvmExiting();
        assertEquals(List.of("stop: the JVM is exiting: stopping every task", "cleanup"), steps);
        steps.clear();
        stopper.loopEnded();
        stopper.jvmExiting();
        assertEquals(List.of("cleanup"), steps, "after a normal end only the (idempotent) cleanup runs");
    }
}
