package org.perthensis.net;

import static java.lang.System.Logger.Level.WARNING;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskHandle;

/**
 * Logs dropped things with their count, one line per burst: the first drop starts a window
 * and its end logs every drop in it. Nothing dropped goes unlogged, and a flood of drops makes
 * one line per window. {@link #add} is thread-safe; the rest runs on the loop.
 */
final class DropReport {
    static final Duration WINDOW = Duration.ofSeconds(10);

    private final String taskName;
    private final Scheduler scheduler;
    private final System.Logger log;
    private final LongFunction<String> message;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private TaskHandle due;

    /** Reports on {@code scheduler}, the task's own: drops counted before the task runs are reported too. */
    DropReport(String taskName, Scheduler scheduler, System.Logger log, LongFunction<String> message) {
        this.taskName = taskName;
        this.scheduler = scheduler;
        this.log = log;
        this.message = message;
    }

    void add(long dropped) {
        pending.addAndGet(dropped);
        if (scheduled.compareAndSet(false, true)) {
            scheduler.post(() -> due = scheduler.after(taskName + " drop report", WINDOW, s -> {
                due = null;
                flush();
            }));
        }
    }

    /** Logs what is pending now, ending the window early: when the connection changes state, and at the end. */
    void flush() {
        if (due != null) {
            due.cancel();
            due = null;
        }
        scheduled.set(false);
        long count = pending.getAndSet(0);
        if (count > 0) {
            log.log(WARNING, message.apply(count));
        }
    }
}
