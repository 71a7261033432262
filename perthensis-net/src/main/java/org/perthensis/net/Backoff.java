package org.perthensis.net;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Waits between connection attempts: doubling from initial up to max, each shortened by random jitter. */
final class Backoff {
    private final long initial;
    private final long max;
    private final double jitter;
    private final DoubleSupplier random;
    private long next;

    /** {@code random} gives values in [0, 1); tests pass a fixed one. */
    Backoff(ConnectionProvider.Reconnect reconnect, DoubleSupplier random) {
        this.initial = reconnect.initial().toNanos();
        this.max = reconnect.max().toNanos();
        this.jitter = reconnect.jitter();
        this.random = random;
        this.next = initial;
    }

    /** The wait before the next attempt; the one after it is twice as long, up to max. */
    Duration next() {
        long base = next;
        next = base > max / 2 ? max : base * 2;
        return Duration.ofNanos(base - (long) (base * jitter * random.getAsDouble()));
    }

    /** Starts again from initial, after a connection came up. */
    void reset() {
        next = initial;
    }
}
