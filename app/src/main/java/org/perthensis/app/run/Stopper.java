package org.perthensis.app.run;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.perthensis.api.Durations;
import org.perthensis.app.config.ConfigReader;

/**
 * Ends the process in order on SIGINT, SIGTERM or SIGHUP, from the first line of {@code main}
 * on: the first signal asks every task to stop and gives their {@code finally} blocks
 * {@code shutdownGrace} to run; if the loop has not ended by then, or on a second signal, the
 * process exits at once. A signal that comes before the tasks have started is remembered, and
 * the launch ends before starting them.
 */
public final class Stopper {

    private final System.Logger log;
    private final IntConsumer halt;
    private final AtomicInteger signals = new AtomicInteger();
    private final CountDownLatch loopEnded = new CountDownLatch(1);
    private Duration grace = ConfigReader.DEFAULT_GRACE;
    private Consumer<String> requestStop;
    private Runnable cleanup = () -> { };
    private boolean requested;

    /**
     * A stopper with no launch attached yet.
     *
     * @param log where the steps are logged
     * @param halt ends the process with a status, without waiting for anything
     */
    public Stopper(System.Logger log, IntConsumer halt) {
        this.log = log;
        this.halt = halt;
    }

    /**
     * Hands the stopper a launch that is about to start its tasks.
     *
     * @param shutdownGrace how long the tasks get to end
     * @param stop asks the tasks to stop, given the log line saying why
     * @param whatMustHappen what must happen even when the tasks do not end: the GPIO report and Pi4J's shutdown
     * @return false if a stop was requested already: then the tasks must not start
     */
    public synchronized boolean attach(Duration shutdownGrace, Consumer<String> stop, Runnable whatMustHappen) {
        grace = shutdownGrace;
        cleanup = whatMustHappen;
        if (requested) {
            return false;
        }
        requestStop = stop;
        return true;
    }

    /**
     * Whether a signal (or the JVM's exit) asked the launch to stop.
     *
     * @return true once asked
     */
    public synchronized boolean stopRequested() {
        return requested;
    }

    /**
     * Handles one signal; called on the JVM's signal thread.
     *
     * @param name the signal, such as {@code TERM}
     */
    public void signal(String name) {
        int n = signals.incrementAndGet();
        if (n == 1) {
            request("SIG" + name + ": stopping every task (send it again to exit at once)",
                    "SIG" + name + ": stopping before any task has started");
            Thread.ofPlatform().daemon().name("perthensis-stop").start(this::awaitLoopOrHalt);
        } else if (n == 2) {
            log.log(WARNING, "second signal (SIG" + name + "): exiting at once");
            halt.accept(1);
        }
    }

    private void request(String withTasks, String beforeTasks) {
        Consumer<String> stop;
        synchronized (this) {
            requested = true;
            stop = requestStop;
        }
        if (stop != null) {
            stop.accept(withTasks);
        } else {
            log.log(INFO, beforeTasks);
        }
    }

    /** Tells the stopper that the launch has returned, so that no deadline applies any more. */
    public void loopEnded() {
        loopEnded.countDown();
    }

    /** For a JVM exit that did not come through {@link #signal(String)}: stop the tasks and wait, within the grace. */
    public void jvmExiting() {
        if (loopEnded.getCount() > 0) {
            request("the JVM is exiting: stopping every task", "the JVM is exiting before any task has started");
            awaitLoop();
        }
        cleanup().run();
    }

    private synchronized Runnable cleanup() {
        return cleanup;
    }

    private synchronized Duration grace() {
        return grace;
    }

    private void awaitLoopOrHalt() {
        if (!awaitLoop()) {
            log.log(WARNING, "tasks did not end within " + Durations.format(grace()) + " (shutdownGrace); exiting without them");
            cleanup().run();
            halt.accept(1);
        }
    }

    private boolean awaitLoop() {
        try {
            return loopEnded.await(grace().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
