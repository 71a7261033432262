package org.perthensis.ntp;

import java.time.Duration;

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
            b.append(millisWithMicros(Math.round(nanos / 1e3))).append("ms");
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
        return (d.isNegative() ? "-" : "+") + plainMillis(d.abs());
    }

    /** Milliseconds with microsecond digits: {@code 0.456 ms}; negative with a minus sign. */
    static String plainMillis(Duration d) {
        long micros = Math.round(millis(d.abs()) * 1e3);
        return (d.isNegative() && micros != 0 ? "-" : "") + millisWithMicros(micros) + " ms";
    }

    // Built by hand: java.util.Formatter takes long to load on a small board, inside the task's turn.
    private static String millisWithMicros(long micros) {
        String fraction = Long.toString(1000 + micros % 1000).substring(1);
        return micros / 1000 + "." + fraction;
    }
}
