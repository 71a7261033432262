package org.perthensis.api;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The waits between attempts: {@code initial}, doubling after each failed attempt up to
 * {@code max}, each shortened by a random part of up to {@code jitter} so that many devices
 * retrying at once spread out. {@link #reset()} starts again from {@code initial}; what counts
 * as success (a connection that stayed up, a task that ran for a minute) is the caller's rule.
 *
 * <pre>{@code
 * Backoff backoff = new Backoff(new Backoff.Config(null, null, null)); // 1s doubling to 60s, 20% jitter
 * while (!connect()) {
 *     s.sleep(backoff.next());
 * }
 * backoff.reset();
 * }</pre>
 *
 * <p>Not thread-safe: one task uses it.
 */
public final class Backoff {

    /**
     * The settings of a backoff, as a config file writes them:
     * {@code "reconnect": {"initial": "1s", "max": "60s", "jitter": 0.2}}.
     *
     * @param initial the first wait (default: 1s)
     * @param max the longest wait, at least {@code initial} (default: 60s, or {@code initial} if longer)
     * @param jitter the largest part taken off a wait at random, from 0 (none) to below 1 (default: 0.2)
     */
    public record Config(Duration initial, Duration max, Double jitter) {

        /** The first wait unless configured: 1 s. */
        public static final Duration DEFAULT_INITIAL = Duration.ofSeconds(1);
        /** The longest wait unless configured: 60 s. */
        public static final Duration DEFAULT_MAX = Duration.ofSeconds(60);
        /** The random part unless configured: up to a fifth of each wait. */
        public static final double DEFAULT_JITTER = 0.2;

        /**
         * Supplies defaults and checks the values.
         *
         * @param initial the first wait, or null for 1s
         * @param max the longest wait, or null for 60s
         * @param jitter the random part, or null for 0.2
         * @throws FieldException for a bad value, naming the field
         */
        public Config {
            initial = Checks.positive("initial", initial, DEFAULT_INITIAL);
            if (max == null) {
                max = initial.compareTo(DEFAULT_MAX) > 0 ? initial : DEFAULT_MAX;
            } else {
                Checks.atLeast("max", max, "initial", initial);
            }
            jitter = jitter == null ? DEFAULT_JITTER : jitter;
            if (!(jitter >= 0 && jitter < 1)) {
                throw Checks.invalid("jitter", "must be from 0 (none) to below 1, got " + jitter);
            }
        }

        /**
         * Settings without a random part, for waits that need not spread: {@code initial} doubling to {@code max}.
         *
         * @param initial the first wait
         * @param max the longest wait
         * @return the settings
         */
        public static Config exact(Duration initial, Duration max) {
            return new Config(initial, max, 0.0);
        }
    }

    private final long initial;
    private final long max;
    private final double jitter;
    private final DoubleSupplier random;
    private long next;
    private int failures;

    /**
     * A backoff with a random jitter.
     *
     * @param config the settings
     */
    public Backoff(Config config) {
        this(config, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * A backoff whose random part comes from {@code random}, as tests need.
     *
     * @param config the settings
     * @param random values from 0 (inclusive) to 1 (exclusive)
     */
    public Backoff(Config config, DoubleSupplier random) {
        Objects.requireNonNull(config, "config");
        this.initial = nanos(config.initial());
        this.max = nanos(config.max());
        this.jitter = config.jitter();
        this.random = Objects.requireNonNull(random, "random");
        this.next = initial;
    }

    /**
     * The wait before the next attempt; the one after it is twice as long, up to {@code max}.
     *
     * @return the wait
     */
    public Duration next() {
        long base = next;
        next = base > max / 2 ? max : base * 2;
        if (failures < Integer.MAX_VALUE) {
            failures++;
        }
        return Duration.ofNanos(base - (long) (base * jitter * random.getAsDouble()));
    }

    /** Starts again from {@code initial}: the next wait is the first one. */
    public void reset() {
        next = initial;
        failures = 0;
    }

    /**
     * How many waits {@link #next()} has given since the last {@link #reset()}.
     *
     * @return the count
     */
    public int attempts() {
        return failures;
    }

    /**
     * Whether the waits have reached {@code max}.
     *
     * @return {@code true} once the next wait is the longest
     */
    public boolean atMax() {
        return next >= max;
    }

    private static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2;
        }
    }
}
