package org.perthensis.app;

import static java.lang.System.Logger.Level.WARNING;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Ends the process in order on SIGINT or SIGTERM: the first signal asks every task to stop and
 * gives their {@code finally} blocks {@code grace} to run; if the loop has not ended by then,
 * or on a second signal, the process exits at once.
 */
final class Stopper {

    private final Duration grace;
    private final System.Logger log;
    private final Consumer<String> requestStop;
    private final Runnable cleanup;
    private final IntConsumer halt;
    private final AtomicInteger signals = new AtomicInteger();
    private final CountDownLatch loopEnded = new CountDownLatch(1);

    /**
     * @param grace how long the tasks get to end
     * @param log where the steps are logged
     * @param requestStop asks the tasks to stop, given the log line saying why
     * @param cleanup what must happen even when the tasks do not end: the GPIO report and Pi4J's shutdown
     * @param halt ends the process with a status, without waiting for anything
     */
    Stopper(Duration grace, System.Logger log, Consumer<String> requestStop, Runnable cleanup,
            IntConsumer halt) {
        this.grace = grace;
        this.log = log;
        this.requestStop = requestStop;
        this.cleanup = cleanup;
        this.halt = halt;
    }

    /**
     * Handles one signal; called on the JVM's signal thread.
     *
     * @param name the signal, such as {@code TERM}
     */
    void signal(String name) {
        int n = signals.incrementAndGet();
        if (n == 1) {
            requestStop.accept("SIG" + name + ": stopping every task (send it again to exit at once)");
            Thread.ofPlatform().daemon().name("perthensis-stop").start(this::awaitLoopOrHalt);
        } else if (n == 2) {
            log.log(WARNING, "second signal (SIG" + name + "): exiting at once");
            Logging.flush();
            halt.accept(1);
        }
    }

    /** Tells the stopper that the loop has returned, so that no deadline applies any more. */
    void loopEnded() {
        loopEnded.countDown();
    }

    /** For a JVM exit that did not come through {@link #signal(String)}: stop the tasks and wait, within the grace. */
    void jvmExiting() {
        if (loopEnded.getCount() > 0) {
            requestStop.accept("the JVM is exiting: stopping every task");
            awaitLoop();
        }
        cleanup.run();
    }

    private void awaitLoopOrHalt() {
        if (!awaitLoop()) {
            log.log(WARNING, "tasks did not end within " + Durations.format(grace) + " (shutdownGrace); exiting without them");
            cleanup.run();
            Logging.flush();
            halt.accept(1);
        }
    }

    private boolean awaitLoop() {
        try {
            return loopEnded.await(grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
