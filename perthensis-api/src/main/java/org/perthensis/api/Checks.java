package org.perthensis.api;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The checks of config fields, with one message form for every module: {@code field: must
 * ..., got value}. Each returns the value to keep (the default for a missing one) or throws a
 * {@link FieldException} naming the field, which the runtime reports at its place in the file.
 * Durations are shown in {@link Durations}' notation, text in double quotes.
 *
 * <pre>{@code
 * public record Config(Integer pin, Duration settle, String pull) {
 *     public Config {
 *         pin = Checks.gpio("pin", pin);
 *         settle = Checks.positive("settle", settle, Duration.ofMillis(20));
 *         pull = Checks.oneOf("pull", pull, "down", List.of("up", "down", "off"));
 *     }
 * }
 * }</pre>
 */
public final class Checks {

    /** The highest BCM GPIO number of a Raspberry Pi's SoC; the 40-pin header has 0 to 27. */
    public static final int MAX_GPIO = 53;

    private Checks() {
    }

    /**
     * A problem of one field, for checks this class has not: {@code throw Checks.invalid("ping", "must be one line")}.
     *
     * @param field the field's name
     * @param problem what is wrong, in the form {@code must ..., got ...}
     * @return the exception to throw
     */
    public static FieldException invalid(String field, String problem) {
        return new FieldException(field, problem);
    }

    /**
     * A field that must be given.
     *
     * @param field the field's name
     * @param value its value, or null when missing
     * @param what what to give, such as {@code the server's host name, such as "192.0.2.10"}
     * @param <T> the value's type
     * @return the value
     * @throws FieldException if it is missing
     */
    public static <T> T required(String field, T value, String what) {
        if (value == null) {
            throw invalid(field, "is required; give " + what);
        }
        return value;
    }

    /**
     * Text that must be given and not blank.
     *
     * @param field the field's name
     * @param value its value, or null when missing
     * @param what what to give, such as {@code a host name such as "example.org"}
     * @return the value
     * @throws FieldException if it is missing or blank
     */
    public static String notBlank(String field, String value, String what) {
        if (required(field, value, what).isBlank()) {
            throw invalid(field, "is empty; give " + what);
        }
        return value;
    }

    /**
     * A duration that must be more than zero.
     *
     * @param field the field's name
     * @param value its value, or null for the default
     * @param fallback the default
     * @return the value, or the default
     * @throws FieldException if it is zero or negative
     */
    public static Duration positive(String field, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw invalid(field, "must be positive, got " + Durations.format(value));
        }
        return value;
    }

    /**
     * A duration that may be zero, which means "off" for many fields.
     *
     * @param field the field's name
     * @param value its value, or null for the default
     * @param fallback the default
     * @return the value, or the default
     * @throws FieldException if it is negative
     */
    public static Duration notNegative(String field, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative()) {
            throw invalid(field, "must not be negative, got " + Durations.format(value));
        }
        return value;
    }

    /**
     * A duration with an upper limit.
     *
     * @param field the field's name
     * @param value its value, not null
     * @param limitName what the limit is, such as the other field it may not exceed, or null
     * @param limit the longest allowed
     * @return the value
     * @throws FieldException if it is longer than {@code limit}
     */
    public static Duration atMost(String field, Duration value, String limitName, Duration limit) {
        if (value.compareTo(limit) > 0) {
            throw invalid(field, "must be at most " + named(limitName, Durations.format(limit)) + ", got "
                    + Durations.format(value));
        }
        return value;
    }

    /**
     * A duration with a lower limit.
     *
     * @param field the field's name
     * @param value its value, not null
     * @param limitName what the limit is, such as the other field it may not undercut, or null
     * @param limit the shortest allowed
     * @return the value
     * @throws FieldException if it is shorter than {@code limit}
     */
    public static Duration atLeast(String field, Duration value, String limitName, Duration limit) {
        if (value.compareTo(limit) < 0) {
            throw invalid(field, "must be at least " + named(limitName, Durations.format(limit)) + ", got "
                    + Durations.format(value));
        }
        return value;
    }

    /**
     * A duration that must be strictly longer than another.
     *
     * @param field the field's name
     * @param value its value, not null
     * @param limitName what it must exceed, such as the other field, or null
     * @param limit what it must exceed
     * @return the value
     * @throws FieldException if it is not longer than {@code limit}
     */
    public static Duration longerThan(String field, Duration value, String limitName, Duration limit) {
        if (value.compareTo(limit) <= 0) {
            throw invalid(field, "must be longer than " + named(limitName, Durations.format(limit)) + ", got "
                    + Durations.format(value));
        }
        return value;
    }

    /**
     * A whole number with a lower limit.
     *
     * @param field the field's name
     * @param value its value, or null for the default
     * @param min the least allowed
     * @param fallback the default
     * @return the value, or the default
     * @throws FieldException if it is below {@code min}
     */
    public static int atLeast(String field, Integer value, int min, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < min) {
            throw invalid(field, "must be at least " + min + ", got " + value);
        }
        return value;
    }

    /**
     * A whole number within limits.
     *
     * @param field the field's name
     * @param value its value, or null for the default
     * @param min the least allowed
     * @param max the most allowed
     * @param fallback the default
     * @return the value, or the default
     * @throws FieldException if it is outside {@code min..max}
     */
    public static int between(String field, Integer value, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw invalid(field, "must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    /**
     * A BCM GPIO number, which must be given.
     *
     * @param field the field's name
     * @param value its value, or null when missing
     * @return the value
     * @throws FieldException if it is missing or not a GPIO of a Raspberry Pi
     */
    public static int gpio(String field, Integer value) {
        required(field, value, "a BCM GPIO number, such as 17");
        if (value < 0 || value > MAX_GPIO) {
            throw invalid(field, "must be a BCM GPIO number from 0 to " + MAX_GPIO
                    + " (0 to 27 on the 40-pin header), got " + value);
        }
        return value;
    }

    /**
     * One word of a fixed list, matched in any case.
     *
     * @param field the field's name
     * @param value its value, or null for the default
     * @param fallback the default
     * @param allowed the words allowed, in lower case
     * @return the allowed word as listed, or the default
     * @throws FieldException if it is none of them
     */
    public static String oneOf(String field, String value, String fallback, List<String> allowed) {
        if (value == null) {
            return fallback;
        }
        String word = value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(word)) {
            throw invalid(field, "must be one of " + allowed.stream().map(Checks::quote).collect(Collectors.joining(", "))
                    + ", got " + quote(value));
        }
        return word;
    }

    /**
     * A 7-bit I2C address, written as a number ({@code 118}) or as hexadecimal text
     * ({@code "0x76"}), as datasheets write it.
     *
     * @param field the field's name
     * @param value its value: an {@link Integer}, text such as {@code "0x76"}, or null for the default
     * @param fallback the default
     * @return the address, or the default
     * @throws FieldException if it is neither a number nor such text, or outside
     *     {@link Buses#MIN_I2C_ADDRESS} to {@link Buses#MAX_I2C_ADDRESS}
     */
    public static int i2cAddress(String field, Object value, int fallback) {
        if (value == null) {
            return fallback;
        }
        Integer address = value instanceof Integer i ? i : null;
        if (value instanceof String text) {
            String digits = text.strip().toLowerCase(Locale.ROOT);
            try {
                address = digits.startsWith("0x") ? Integer.parseInt(digits.substring(2), 16) : Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                address = null;
            }
        }
        if (address == null || address < Buses.MIN_I2C_ADDRESS || address > Buses.MAX_I2C_ADDRESS) {
            throw invalid(field, "must be an I2C address from 0x03 to 0x77, such as \"0x76\" or 118, got "
                    + (value instanceof String text ? quote(text) : String.valueOf(value)));
        }
        return address;
    }

    /**
     * An event pattern, which must be given: a topic such as {@code net.down}, or a prefix ending
     * in {@code *} such as {@code net.*}; see {@link Events}.
     *
     * @param field the field's name
     * @param value its value, or null when missing
     * @return the value
     * @throws FieldException if it is missing or not a pattern
     */
    public static String eventPattern(String field, String value) {
        notBlank(field, value, "an event topic such as \"net.down\", or a prefix such as \"net.*\"");
        if (!Events.isPattern(value)) {
            throw invalid(field, "must be an event topic, or a prefix ending in '*' such as \"net.*\", got "
                    + quote(value));
        }
        return value;
    }

    /**
     * A list of event patterns, such as the events a task forwards; each is checked as
     * {@link #eventPattern} and a bad one is named by its place, such as {@code forward[2]}.
     *
     * @param field the field's name
     * @param value its value, or null for the default
     * @param fallback the default
     * @return an unmodifiable copy of the value, or the default
     * @throws FieldException if an entry is not a pattern
     */
    public static List<String> eventPatterns(String field, List<String> value, List<String> fallback) {
        if (value == null) {
            return fallback;
        }
        for (int i = 0; i < value.size(); i++) {
            eventPattern(field + "[" + i + "]", value.get(i));
        }
        return List.copyOf(value);
    }

    /**
     * Text as messages show it.
     *
     * @param text the text
     * @return it in double quotes
     */
    public static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String named(String name, String value) {
        return name == null ? value : name + " (" + value + ")";
    }
}
