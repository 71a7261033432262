package org.perthensis.mqtt;

/**
 * A token bucket: on average {@code rate} messages a second, and up to {@code burst} at once
 * after a quiet time, so that a backlog after an outage reaches the broker at a pace it takes.
 * Times are the scheduler's monotonic nanoseconds.
 */
final class Pace {
    private static final long SECOND = 1_000_000_000L;

    private final long rate;
    private final long burst;
    /** Tokens, in units of 1/SECOND of a message, so that refilling stays exact. */
    private long tokens;
    private long at;

    Pace(int rate, int burst, long now) {
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst * SECOND;
        this.at = now;
    }

    /** How many messages may go out now. */
    long available(long now) {
        refill(now);
        return tokens / SECOND;
    }

    /** Takes {@code n} messages' worth, no more than {@link #available} said. */
    void take(long n) {
        tokens -= n * SECOND;
    }

    /** How long until the next message may go out, in nanoseconds; 0 if one may now. */
    long delay(long now) {
        refill(now);
        long missing = SECOND - tokens;
        return missing <= 0 ? 0 : (missing + rate - 1) / rate;
    }

    private void refill(long now) {
        long elapsed = now - at;
        at = now;
        if (elapsed > 0) {
            long full = burst * SECOND;
            tokens = elapsed >= full / rate ? full : Math.min(full, tokens + elapsed * rate);
        }
    }
}
