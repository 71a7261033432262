package org.perthensis.ntp;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.perthensis.api.Clock;
import org.perthensis.api.WallClock;

/**
 * The corrected wall clock the {@code ntp} task offers to other tasks as a {@link WallClock}.
 *
 * <p>Until the first sync it is the system's own wall clock and {@link #hasTime()} is
 * {@code false}. The first sync sets it at once to the system time plus the measured offset:
 * this one step may go backwards, if the system clock was ahead, because nothing read before
 * was known to be right. From then on it runs on the monotonic clock, so someone setting the
 * system clock does not move it, and each later sync's correction is slewed in at 500 ppm
 * (half a millisecond per second, the rate of {@code adjtime(3)}): it never jumps and never
 * goes backwards.
 *
 * <p>Thread-safe: a GPIO listener may stamp its data with it too.
 */
public final class NtpClock implements WallClock {

    /** How fast a correction is slewed in: 500 ppm. */
    static final long SLEW_PARTS_PER_MILLION = 500;

    private final Clock clock;
    /** The corrected time at {@link #baseNanos} on the monotonic clock; {@code null} until the first sync. */
    private Instant base;
    private long baseNanos;
    /** What is still to be slewed in from {@link #baseNanos} on. */
    private Duration pending = Duration.ZERO;
    private Instant lastReturned;
    private SyncResult lastSync;

    NtpClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Instant now() {
        Instant t = base == null ? clock.wallTime() : corrected(clock.nanos());
        if (lastReturned != null && t.isBefore(lastReturned)) {
            return lastReturned; // only the system clock, before the first sync, can go back
        }
        lastReturned = t;
        return t;
    }

    @Override
    public synchronized boolean hasTime() {
        return base != null;
    }

    /**
     * What the last successful sync found.
     *
     * @return the last sync, or empty before the first one
     */
    public synchronized Optional<SyncResult> lastSync() {
        return Optional.ofNullable(lastSync);
    }

    /** Takes a new measurement: the first is stepped in, later ones are slewed. */
    synchronized SyncResult update(Server server, Sample sample) {
        long nowNanos = clock.nanos();
        Instant target = clock.wallTime().plus(sample.offset());
        if (base == null) {
            base = target;
            pending = Duration.ZERO;
            lastReturned = null;
        } else {
            Instant current = corrected(nowNanos);
            base = current;
            pending = Duration.between(current, target);
        }
        baseNanos = nowNanos;
        lastSync = new SyncResult(server.toString(), sample.offset(), sample.delay(), sample.stratum(), target);
        return lastSync;
    }

    private Instant corrected(long nowNanos) {
        long elapsed = nowNanos - baseNanos;
        Duration slewed = Duration.ofNanos(elapsed / 1_000_000 * SLEW_PARTS_PER_MILLION
                + elapsed % 1_000_000 * SLEW_PARTS_PER_MILLION / 1_000_000);
        Duration applied = pending.isNegative()
                ? (slewed.compareTo(pending.negated()) >= 0 ? pending : slewed.negated())
                : (slewed.compareTo(pending) >= 0 ? pending : slewed);
        return base.plusNanos(elapsed).plus(applied);
    }
}
