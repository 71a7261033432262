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
    private final System.Logger log;
    private final LongFunction<String> message;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile Scheduler scheduler;
    private TaskHandle due;

    DropReport(String taskName, System.Logger log, LongFunction<String> message) {
        this.taskName = taskName;
        this.log = log;
        this.message = message;
    }

    /** Starts reporting on this loop; drops counted before it are reported a window later. */
    void attach(Scheduler loop) {
        scheduler = loop;
        if (pending.get() > 0) {
            schedule(loop);
        }
    }

    void add(long dropped) {
        pending.addAndGet(dropped);
        Scheduler loop = scheduler;
        if (loop != null) {
            schedule(loop);
        }
    }

    private void schedule(Scheduler loop) {
        if (scheduled.compareAndSet(false, true)) {
            loop.post(() -> due = loop.after(taskName + " drop report", WINDOW, s -> {
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
