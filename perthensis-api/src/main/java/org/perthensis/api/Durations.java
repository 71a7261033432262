package org.perthensis.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one notation for durations, in config files and in everything the runtime prints:
 * {@code 250ms}, {@code 5s}, {@code 1.5s}, {@code 30min}, {@code 6h}, {@code 1h30min},
 * {@code 2d}, {@code 1500us}, or ISO-8601 such as {@code PT6H}.
 *
 * <p>What {@link #format(Duration)} writes, {@link #parse(String)} reads back to the same
 * duration, to the nanosecond, so a value copied from a log line into the config means what
 * the log said.
 *
 * <pre>{@code
 * Durations.parse("1h30m");                      // PT1H30M
 * Durations.format(Duration.ofMillis(1500));     // "1.5s"
 * Durations.format(Duration.ofNanos(1_500_000)); // "1.5ms"
 * }</pre>
 */
public final class Durations {

    /** Examples for messages that say what a duration looks like. */
    public static final String EXAMPLES = "\"250ms\", \"5s\", \"30min\", \"6h\", \"1h30m\" or \"PT6H\"";

    /** Units from largest to smallest; a compound duration names each at most once, in this order. */
    private enum Unit {
        DAYS("d", 86_400_000_000_000L),
        HOURS("h", 3_600_000_000_000L),
        MINUTES("min", 60_000_000_000L),
        SECONDS("s", 1_000_000_000L),
        MILLIS("ms", 1_000_000L),
        MICROS("us", 1_000L),
        NANOS("ns", 1L);

        final String symbol;
        final long nanos;

        Unit(String symbol, long nanos) {
            this.symbol = symbol;
            this.nanos = nanos;
        }

        static Unit of(String symbol) {
            return switch (symbol) {
                case "d" -> DAYS;
                case "h" -> HOURS;
                case "m", "min" -> MINUTES;
                case "s" -> SECONDS;
                case "ms" -> MILLIS;
                case "us", "\u00b5s" -> MICROS;
                default -> NANOS;
            };
        }
    }

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|min|us|\u00b5s|ns|d|h|m|s)");
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    private Durations() {
    }

    /**
     * Reads a duration.
     *
     * @param text such as {@code 250ms}, {@code 1h30m}, {@code 1.5s} or {@code PT6H}
     * @return the duration, never negative
     * @throws IllegalArgumentException with a message of the form {@code expected ..., got "..."}
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw notADuration("null");
        }
        String t = text.strip();
        boolean iso = t.regionMatches(true, 0, "P", 0, 1) || t.regionMatches(true, 0, "-P", 0, 2);
        Duration d = iso ? iso(text, t) : units(text, t);
        if (d.isNegative()) {
            throw negative(text);
        }
        return d;
    }

    private static Duration iso(String text, String t) {
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw notADuration(text);
        }
    }

    private static Duration units(String text, String t) {
        if (t.startsWith("-") && t.length() > 1) {
            units(text, t.substring(1)); // a well-formed negative gets the "not negative" message, not a format one
            throw negative(text);
        }
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(t);
        BigInteger total = BigInteger.ZERO;
        int at = 0;
        Unit previous = null;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                throw notADuration(text);
            }
            Unit unit = Unit.of(m.group(2));
            if (previous != null && unit.ordinal() <= previous.ordinal()) {
                throw notADuration(text); // "5s1h" or "1h1h"
            }
            try {
                total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit.nanos)).toBigIntegerExact());
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("expected a duration in whole nanoseconds, got \"" + text + "\"");
            }
            previous = unit;
            at = m.end();
        }
        if (previous == null) {
            throw notADuration(text);
        }
        BigInteger[] secondsAndNanos = total.divideAndRemainder(NANOS_PER_SECOND);
        try {
            return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValue());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("expected a shorter duration, got \"" + text + "\"");
        }
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("expected a duration such as " + EXAMPLES + ", got \"" + text + "\"");
    }

    private static IllegalArgumentException negative(String text) {
        return new IllegalArgumentException("expected a duration that is not negative, got \"" + text + "\"");
    }

    /**
     * Writes a duration in the notation {@link #parse(String)} reads: under a second in the
     * largest unit that keeps it short ({@code 250ms}, {@code 1.5ms}, {@code 40us}, {@code 7ns}),
     * from a second on in days, hours, minutes and seconds ({@code 1.5s}, {@code 1h30min},
     * {@code 2d6h}). Exact to the nanosecond.
     *
     * @param d a duration; a negative one is written with a leading {@code -}, which {@link #parse} refuses
     * @return the text
     */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        if (d.isZero()) {
            return "0s";
        }
        long seconds = d.getSeconds();
        int nanos = d.getNano();
        if (seconds == 0) {
            Unit unit = nanos >= Unit.MILLIS.nanos ? Unit.MILLIS : nanos >= Unit.MICROS.nanos ? Unit.MICROS : Unit.NANOS;
            return decimal(BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(unit.nanos))) + unit.symbol;
        }
        StringBuilder out = new StringBuilder();
        long left = seconds;
        for (Unit unit : new Unit[] {Unit.DAYS, Unit.HOURS, Unit.MINUTES}) {
            long perUnit = unit.nanos / Unit.SECONDS.nanos;
            if (left >= perUnit) {
                out.append(left / perUnit).append(unit.symbol);
                left %= perUnit;
            }
        }
        if (left > 0 || nanos > 0) {
            out.append(decimal(BigDecimal.valueOf(left).add(BigDecimal.valueOf(nanos, 9)))).append('s');
        }
        return out.toString();
    }

    private static String decimal(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
