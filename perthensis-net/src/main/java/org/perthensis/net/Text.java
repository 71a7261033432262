package org.perthensis.net;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/** How durations and failures read in log lines, events and error messages. */
final class Text {

    private Text() {
    }

    /** A duration the way the configuration writes them: {@code 250ms}, {@code 1.5s}, {@code 5min}, {@code 6h}. */
    static String of(Duration d) {
        if (d.isNegative()) {
            return "-" + of(d.negated());
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "min";
        }
        return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
    }

    /** Why an I/O operation failed, in a few words. */
    static String reason(IOException e, Duration timeout) {
        if (e instanceof SocketTimeoutException) {
            return "no answer within " + of(timeout);
        }
        if (e instanceof UnknownHostException) {
            return "cannot resolve " + e.getMessage();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** {@code 1 line}, {@code 7 lines}. */
    static String count(long n, String singular) {
        return n + " " + singular + (n == 1 ? "" : "s");
    }

    static Duration positive(String field, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + ": must be positive, was " + of(value));
        }
        return value;
    }

    static int atLeast(String field, int min, Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < min) {
            throw new IllegalArgumentException(field + ": must be at least " + min + ", was " + value);
        }
        return value;
    }
}
