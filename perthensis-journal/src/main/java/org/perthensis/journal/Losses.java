package org.perthensis.journal;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts every record the journal loses and logs dropped, rejected and expired ones one line
 * per burst: the first of a kind opens a window of {@link #WINDOW_NANOS}, and its end logs how
 * many there were in it. Damage found on opening or reading is rare and logged at once by the
 * caller. Thread-safe.
 */
final class Losses {
    static final long WINDOW_NANOS = 10_000_000_000L;

    private final String journal;
    private final System.Logger log;
    private final Runnable wake;
    private final Burst dropped;
    private final Burst rejected;
    private final Burst expired;
    private final AtomicLong corrupt = new AtomicLong();
    private final AtomicLong torn = new AtomicLong();

    Losses(String journal, System.Logger log, JournalOptions options, long maxBytes, Runnable wake) {
        this.journal = journal;
        this.log = log;
        this.wake = wake;
        String full = ", the journal was full (maxBytes " + Sizes.bytes(maxBytes) + ", overflow ";
        this.dropped = new Burst((n, all) -> "dropped " + n + " unacknowledged " + (n == 1 ? "record" : "records") + full
                + "drop-oldest); " + all + " dropped in all");
        this.rejected = new Burst((n, all) -> "rejected " + records(n) + full + "reject-newest); " + all + " rejected in all");
        String age = options.maxAge() == null ? "" : Sizes.duration(options.maxAge());
        this.expired = new Burst((n, all) -> "skipped " + records(n) + " older than maxAge " + age + "; "
                + all + " expired in all");
    }

    void dropped(long n) {
        add(dropped, n);
    }

    void rejected(long n) {
        add(rejected, n);
    }

    void expired(long n) {
        add(expired, n);
    }

    void corrupt(long n) {
        corrupt.addAndGet(n);
    }

    void torn() {
        torn.incrementAndGet();
    }

    long droppedCount() {
        return dropped.total.get();
    }

    long rejectedCount() {
        return rejected.total.get();
    }

    long expiredCount() {
        return expired.total.get();
    }

    long corruptCount() {
        return corrupt.get();
    }

    long tornCount() {
        return torn.get();
    }

    /** Logs a finding now, as one line that names the journal. */
    void warn(String message) {
        log.log(WARNING, journal + ": " + message);
    }

    /** Logs a failure that ends the journal's use. */
    void error(String message) {
        log.log(ERROR, journal + ": " + message);
    }

    private void add(Burst b, long n) {
        if (n <= 0) {
            return;
        }
        b.total.addAndGet(n);
        if (b.pending.getAndAdd(n) == 0) {
            synchronized (b) {
                if (b.windowEnd == 0) {
                    b.windowEnd = System.nanoTime() + WINDOW_NANOS;
                }
            }
            wake.run();
        }
    }

    /** When the earliest open window ends ({@link System#nanoTime()}), or {@link Long#MAX_VALUE}. */
    long due() {
        return Math.min(dropped.due(), Math.min(rejected.due(), expired.due()));
    }

    /** Logs the windows that have ended by {@code now}; with {@code Long.MAX_VALUE}, all of them. */
    void report(long now) {
        dropped.report(now);
        rejected.report(now);
        expired.report(now);
    }

    private static String records(long n) {
        return n == 1 ? "1 record" : n + " records";
    }

    private interface Line {
        String of(long inWindow, long inAll);
    }

    private final class Burst {
        final AtomicLong total = new AtomicLong();
        final AtomicLong pending = new AtomicLong();
        final Line line;
        /** The end of the open window, or 0; guarded by this. */
        long windowEnd;

        Burst(Line line) {
            this.line = line;
        }

        synchronized long due() {
            return windowEnd == 0 ? Long.MAX_VALUE : windowEnd;
        }

        void report(long now) {
            synchronized (this) {
                if (windowEnd == 0 || (now != Long.MAX_VALUE && now - windowEnd < 0)) {
                    return;
                }
                windowEnd = 0;
            }
            long n = pending.getAndSet(0);
            if (n > 0) {
                log.log(WARNING, journal + ": " + line.of(n, total.get()));
            }
        }
    }
}
