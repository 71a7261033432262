package org.perthensis.ntp;

import java.time.Duration;
import java.util.Locale;

/** Durations and offsets as people read them in log lines. */
final class Durations {

    private Durations() {
    }

    /** Like the configuration's own notation: {@code 30min}, {@code 6h}, {@code 1h30min}, {@code 2s}, {@code 250ms}. */
    static String text(Duration d) {
        if (d.isNegative()) {
            return "-" + text(d.negated());
        }
        if (d.isZero()) {
            return "0s";
        }
        long s = d.getSeconds();
        StringBuilder b = new StringBuilder();
        append(b, s / 3600, "h");
        append(b, s / 60 % 60, "min");
        append(b, s % 60, "s");
        int nanos = d.getNano();
        if (nanos % 1_000_000 == 0) {
            append(b, nanos / 1_000_000, "ms");
        } else {
            b.append(String.format(Locale.ROOT, "%.3fms", nanos / 1e6));
        }
        return b.toString();
    }

    private static void append(StringBuilder b, long amount, String unit) {
        if (amount != 0) {
            b.append(amount).append(unit);
        }
    }

    /** Milliseconds as a double, the unit of the events' {@code offset} and {@code delay}. */
    static double millis(Duration d) {
        return d.getSeconds() * 1e3 + d.getNano() / 1e6;
    }

    /** Signed milliseconds with microsecond digits: {@code +0.123 ms}. */
    static String signedMillis(Duration d) {
        return String.format(Locale.ROOT, "%+.3f ms", millis(d));
    }

    /** Milliseconds with microsecond digits: {@code 0.456 ms}. */
    static String plainMillis(Duration d) {
        return String.format(Locale.ROOT, "%.3f ms", millis(d));
    }
}
