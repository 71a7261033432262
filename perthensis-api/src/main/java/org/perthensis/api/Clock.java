package org.perthensis.api;

import java.time.Duration;
import java.time.Instant;

/**
 * The scheduler's time: monotonic time for scheduling, wall time for timestamps.
 *
 * <p>Monotonic time starts at zero when the scheduler is created. Under a virtual clock it
 * stands still while tasks run and jumps when all of them wait, so timestamps in tests are
 * exact. Thread-safe.
 */
public interface Clock {

    /**
     * Monotonic time since the scheduler was created.
     *
     * @return nanoseconds, never decreasing
     */
    long nanos();

    /**
     * Monotonic time since the scheduler was created, in whole milliseconds.
     *
     * @return milliseconds, never decreasing
     */
    default long millis() {
        return nanos() / 1_000_000L;
    }

    /**
     * Monotonic time since the scheduler was created.
     *
     * @return the elapsed time
     */
    default Duration elapsed() {
        return Duration.ofNanos(nanos());
    }

    /**
     * Wall-clock time: the system's, or under a virtual clock its start plus elapsed virtual time.
     * It can jump when the system clock is set; never schedule with it.
     *
     * @return the current wall time
     */
    Instant wallTime();

    /**
     * Whether this is a virtual clock.
     *
     * @return {@code true} for a virtual clock
     */
    boolean isVirtual();
}
