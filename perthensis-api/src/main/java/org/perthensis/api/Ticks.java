package org.perthensis.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A fixed-rate schedule followed by the task that runs it: the schedule of
 * {@link Scheduler#every(String, Duration, Task)}, without a task of its own, so the work
 * stays in the calling task and under its supervision. Made by {@link Scheduler#ticks(Duration)}.
 *
 * <p>Tick {@code k} is due at {@code t0 + k * period}, {@code t0} being when the schedule was
 * made: waking a little late does not shift the ticks after it (no drift). When the next tick
 * is already due as the task asks for it (the work overran, or the task was held up), it comes
 * at once and the schedule re-anchors there: there is never a burst of catch-up ticks.
 *
 * <pre>{@code
 * Ticks ticks = s.ticks(Duration.ofSeconds(5));
 * while (true) {
 *     ticks.await();     // the first at once, then every 5 s
 *     check();
 * }
 * }</pre>
 *
 * <p>A task that also wants to wake for an event waits with {@link #await(String)}: the event
 * or the tick, whichever comes first, and a tick taken that way keeps the rhythm as
 * {@link #await()} does. Use it from the task that made it only.
 */
public final class Ticks {

    private final Scheduler scheduler;
    private long periodNanos;
    /** When the last tick was due, after any re-anchoring; the next is one period later. */
    private long scheduled;
    private long count;

    Ticks(Scheduler scheduler, Duration period) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.periodNanos = positiveNanos(period);
        this.scheduled = scheduler.clock().nanos();
    }

    /**
     * Waits until the next tick is due and takes it. The first tick is due at once.
     *
     * @throws java.util.concurrent.CancellationException if the task is cancelled while waiting
     */
    public void await() {
        long due = dueNanos();
        long now = scheduler.clock().nanos();
        if (now < due) {
            scheduler.sleep(Duration.ofNanos(due - now));
            scheduled = due;
        } else {
            scheduled = count == 0 ? due : now; // late: at once, and the schedule starts again from here
        }
        count++;
    }

    /**
     * Waits until the next tick is due and takes it, or until an event matching
     * {@code pattern} is published, whichever comes first. A tick reached this way is taken at
     * its due time, like one {@link #await()} slept for, so waking a little late does not shift
     * the ticks after it; one already due when called comes at once and re-anchors, as there.
     *
     * @param pattern an event topic, or a prefix ending in {@code *}
     * @return the event if it came first (the tick is still to come), or empty if the tick was taken
     * @throws java.util.concurrent.CancellationException if the task is cancelled while waiting
     */
    public Optional<Event> await(String pattern) {
        long due = dueNanos();
        long now = scheduler.clock().nanos();
        if (now >= due) {
            await();
            return Optional.empty();
        }
        Optional<Event> event = scheduler.events().await(pattern, Duration.ofNanos(due - now));
        if (event.isPresent()) {
            return event;
        }
        scheduled = due;
        count++;
        return Optional.empty();
    }

    /**
     * Whether the next tick is due, so that {@link #await()} would return at once.
     *
     * @return {@code true} once its time has come
     */
    public boolean isDue() {
        return scheduler.clock().nanos() >= dueNanos();
    }

    /**
     * How long until the next tick is due.
     *
     * @return the time left, zero once it is due
     */
    public Duration untilDue() {
        return Duration.ofNanos(Math.max(0, dueNanos() - scheduler.clock().nanos()));
    }

    /**
     * When the next tick is due, on the scheduler's monotonic {@link Clock#nanos()}.
     *
     * @return the monotonic time of the next tick
     */
    public long dueNanos() {
        if (count == 0) {
            return scheduled;
        }
        long due = scheduled + periodNanos;
        return due < scheduled ? Long.MAX_VALUE : due; // a period of centuries saturates
    }

    /**
     * Changes the period from the last tick on: the next tick is due one new period after it.
     *
     * @param period the new period, positive
     * @throws IllegalArgumentException if {@code period} is zero or negative
     */
    public void changeRate(Duration period) {
        periodNanos = positiveNanos(period);
    }

    /**
     * The current period.
     *
     * @return the period
     */
    public Duration period() {
        return Duration.ofNanos(periodNanos);
    }

    /**
     * How many ticks {@link #await()} has taken.
     *
     * @return the count
     */
    public long count() {
        return count;
    }

    private static long positiveNanos(Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, got " + Durations.format(period));
        }
        try {
            return period.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2;
        }
    }
}
