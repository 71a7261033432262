package org.perthensis.web;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One warning per burst for something that may come many times (refused requests, dropped
 * streams): the first of a minute is logged, the rest only counted, and the next line after
 * the minute says how many there were. Every one is counted in {@link #total()} too, for
 * {@code /metrics}, so nothing goes unseen. Thread-safe; it never starts a timer.
 */
final class BurstLog {

    static final long WINDOW_NANOS = 60_000_000_000L;

    private final System.Logger log;
    private final LongSupplier nanos;
    private final AtomicLong total = new AtomicLong();
    private long windowEnds = Long.MIN_VALUE;
    private long quiet;
    private boolean open;

    BurstLog(System.Logger log, LongSupplier nanos) {
        this.log = log;
        this.nanos = nanos;
    }

    /** Counts one, and logs {@code line} unless a line was logged less than a minute ago. */
    void note(String line) {
        total.incrementAndGet();
        String out;
        synchronized (this) {
            long now = nanos.getAsLong();
            if (open && now - windowEnds < 0) {
                quiet++;
                return;
            }
            out = quiet == 0 ? line : line + " (and " + quiet + " more in the minute before, not logged)";
            quiet = 0;
            open = true;
            windowEnds = now + WINDOW_NANOS;
        }
        log.log(System.Logger.Level.WARNING, out);
    }

    /** Logs what the last window counted but did not log, as the task stops. */
    void flush(String what) {
        long left;
        synchronized (this) {
            left = quiet;
            quiet = 0;
        }
        if (left > 0) {
            log.log(System.Logger.Level.WARNING, left + " more " + what + " in the last minute, not logged");
        }
    }

    long total() {
        return total.get();
    }
}
