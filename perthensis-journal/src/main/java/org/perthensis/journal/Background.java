package org.perthensis.journal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The journal's daemon thread: forces (or, under {@code NEVER}, writes out) appended records at
 * most once per interval, checkpoints the acknowledged position at most once per interval, and
 * ends the loss report's windows. It sleeps until there is something to do, so an idle journal
 * costs no wake-ups, and it never keeps the JVM alive. It starts when first woken: a journal
 * opened only to be read and closed never needs it.
 */
final class Background implements Runnable {
    private final FileJournal journal;
    private final long intervalNanos;
    private final Thread thread;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean stopping;

    Background(FileJournal journal, Duration interval, String name) {
        this.journal = journal;
        this.intervalNanos = interval.toNanos();
        this.thread = Thread.ofPlatform().daemon().name("perthensis-journal " + name).unstarted(this);
    }

    /** Has the thread look at the journal now; starts it the first time. */
    void wake() {
        if (!started.get() && started.compareAndSet(false, true)) {
            thread.start();
        } else {
            LockSupport.unpark(thread);
        }
    }

    /** Stops the thread and waits for the step under way to end. */
    void stop() {
        stopping = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        long lastFlush = System.nanoTime() - intervalNanos;
        long lastCheckpoint = lastFlush;
        while (!stopping) {
            long now = System.nanoTime();
            long wait = Long.MAX_VALUE;
            boolean worked = false;
            if (journal.dirty()) {
                long left = lastFlush + intervalNanos - now;
                if (left <= 0) {
                    lastFlush = now;
                    journal.flushInBackground();
                    worked = true;
                } else {
                    wait = left;
                }
            }
            if (journal.checkpointBehind()) {
                long left = lastCheckpoint + intervalNanos - now;
                if (left <= 0) {
                    lastCheckpoint = now;
                    journal.checkpointInBackground();
                    worked = true;
                } else {
                    wait = Math.min(wait, left);
                }
            }
            long due = journal.lossReportDue();
            if (due != Long.MAX_VALUE) {
                long left = due - now;
                if (left <= 0) {
                    journal.reportLosses(now);
                    worked = true;
                } else {
                    wait = Math.min(wait, left);
                }
            }
            if (worked) {
                continue;
            }
            if (wait == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, wait);
            }
        }
    }
}
