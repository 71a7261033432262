package org.perthensis.app;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as people write them in a config file: {@code 250ms}, {@code 5s},
 * {@code 30min}, {@code 6h}, {@code 1h30m}, {@code 1.5s}, or ISO-8601 such as {@code PT6H}.
 * Negative durations are always an error; whether zero makes sense is the config record's call.
 */
final class Durations {

    static final String EXAMPLES = "\"250ms\", \"5s\", \"30min\", \"6h\", \"1h30m\" or \"PT6H\"";

    /** Units from largest to smallest; a compound duration names each at most once, in this order. */
    private enum Unit {
        DAYS("d", Duration.ofDays(1)),
        HOURS("h", Duration.ofHours(1)),
        MINUTES("min", Duration.ofMinutes(1)),
        SECONDS("s", Duration.ofSeconds(1)),
        MILLIS("ms", Duration.ofMillis(1));

        final String symbol;
        final Duration length;

        Unit(String symbol, Duration length) {
            this.symbol = symbol;
            this.length = length;
        }

        static Unit of(String symbol) {
            return switch (symbol) {
                case "d" -> DAYS;
                case "h" -> HOURS;
                case "m", "min" -> MINUTES;
                case "s" -> SECONDS;
                default -> MILLIS;
            };
        }
    }

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|min|d|h|m|s)");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param text the text from the config file
     * @return the duration, never negative
     * @throws IllegalArgumentException with a message of the form "expected ..., got ..."
     */
    static Duration parse(String text) {
        String t = text.strip();
        boolean iso = t.regionMatches(true, 0, "P", 0, 1) || t.regionMatches(true, 0, "-P", 0, 2);
        Duration d = iso ? iso(text, t) : units(text, t);
        if (d.isNegative()) {
            throw new IllegalArgumentException("expected a duration that is not negative, got \"" + text + "\"");
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
            throw new IllegalArgumentException("expected a duration that is not negative, got \"" + text + "\"");
        }
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
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
            total = total.plus(times(new BigDecimal(m.group(1)), unit.length, text));
            previous = unit;
            at = m.end();
        }
        if (previous == null) {
            throw notADuration(text);
        }
        return total;
    }

    private static Duration times(BigDecimal amount, Duration unit, String text) {
        try {
            BigDecimal nanos = amount.multiply(BigDecimal.valueOf(unit.toNanos()));
            return Duration.ofSeconds(0, nanos.toBigIntegerExact().longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("expected a duration in whole nanoseconds and at most 292 years, got \""
                    + text + "\"");
        }
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("expected a duration such as " + EXAMPLES + ", got \"" + text + "\"");
    }

    /**
     * Writes a duration the way {@link #parse(String)} reads it: {@code 250ms}, {@code 1min30s}.
     *
     * @param d a duration, not negative
     * @return the short text
     */
    static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        Duration left = d;
        for (Unit unit : Unit.values()) {
            long n = left.dividedBy(unit.length);
            if (n > 0) {
                out.append(n).append(unit.symbol);
                left = left.minus(unit.length.multipliedBy(n));
            }
        }
        if (!left.isZero()) {
            out.append(left.toNanos()).append("ns");
        }
        return out.toString();
    }
}
