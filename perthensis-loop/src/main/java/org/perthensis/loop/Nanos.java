package org.perthensis.loop;

import java.time.Duration;
import java.util.Objects;
import org.perthensis.api.Durations;

/**
 * The loop's time arithmetic, in nanoseconds of its monotonic clock. Every duration a caller
 * hands the loop goes through {@link #of}, and every due time is a {@link #saturatedAdd}, so
 * a duration of centuries ({@code ChronoUnit.FOREVER.getDuration()}) means "never" instead of
 * an {@code ArithmeticException} or a due time that wrapped into the past.
 */
final class Nanos {

    private Nanos() {
    }

    /**
     * A duration in nanoseconds. One too long for a {@code long} (about 292 years) becomes
     * {@code Long.MAX_VALUE / 2}, or its negative, so that adding it to a clock reading still fits.
     *
     * @param d the duration
     * @param what its name, for the message if it is null
     * @return its nanoseconds, saturated
     */
    static long of(Duration d, String what) {
        Objects.requireNonNull(d, what);
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }

    /**
     * A duration that must be more than zero, in nanoseconds as {@link #of} gives them.
     *
     * @param d the duration
     * @param what its name, for the messages
     * @return its nanoseconds, saturated
     * @throws IllegalArgumentException {@code period must be positive, got 0s}
     */
    static long positive(Duration d, String what) {
        long nanos = of(d, what);
        if (nanos <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + Durations.format(d));
        }
        return nanos;
    }

    /** {@code a + b}, or just short of {@link TimerHeap#NEVER} where the sum would overflow. */
    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE - 1 : sum;
    }
}
