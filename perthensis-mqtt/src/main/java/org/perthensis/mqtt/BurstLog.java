package org.perthensis.mqtt;

import static java.lang.System.Logger.Level.WARNING;

import java.time.Duration;
import java.util.function.LongFunction;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskHandle;

/**
 * Logs things lost or refused, one line per burst: the first is logged at once and opens a
 * window of {@value #WINDOW_SECONDS} seconds, and the window's end logs how many more came in it.
 * Nothing goes unlogged, and a flood makes two lines per window. Used on the loop.
 */
final class BurstLog {
    static final int WINDOW_SECONDS = 10;

    private final String name;
    private final Scheduler scheduler;
    private final System.Logger log;
    private final LongFunction<String> more;
    private long pending;
    private TaskHandle window;

    /**
     * @param more the line for those that came after the first in a window, given their count
     */
    BurstLog(String name, Scheduler scheduler, System.Logger log, LongFunction<String> more) {
        this.name = name;
        this.scheduler = scheduler;
        this.log = log;
        this.more = more;
    }

    /**
     * Counts some; the first of a burst is logged at once.
     *
     * @param count how many
     * @param first the line for them, should they open a burst
     */
    void add(long count, String first) {
        if (window == null) {
            log.log(WARNING, first);
            window = scheduler.after(name, Duration.ofSeconds(WINDOW_SECONDS), s -> {
                window = null;
                flush();
            });
        } else {
            pending += count;
        }
    }

    /** Logs those pending now, ending the window early: at a change of state, and at the end. */
    void flush() {
        if (window != null) {
            window.cancel();
            window = null;
        }
        if (pending > 0) {
            long count = pending;
            pending = 0;
            log.log(WARNING, more.apply(count));
        }
    }
}
