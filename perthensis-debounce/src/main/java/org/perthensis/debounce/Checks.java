package org.perthensis.debounce;

import java.time.Duration;
import java.util.Locale;
import org.perthensis.api.Durations;

/** Validation shared by the config records; every message starts with the field name. */
final class Checks {

    private Checks() {
    }

    static int gpio(String field, Integer value) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": required, the GPIO (BCM) number of the input, such as 17");
        }
        if (value < 0) {
            throw new IllegalArgumentException(field + ": must be a GPIO number of 0 or more, got " + value);
        }
        return value;
    }

    static String pull(String field, String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        String pull = value.trim().toLowerCase(Locale.ROOT);
        return switch (pull) {
            case "up", "down", "off" -> pull;
            default -> throw new IllegalArgumentException(field + ": must be up, down or off, got '" + value + "'");
        };
    }

    static Duration positive(String field, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + ": must be positive, got " + Durations.format(value));
        }
        return value;
    }

    static Duration zeroOrPositive(String field, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + ": must be 0 (off) or positive, got " + Durations.format(value));
        }
        return value;
    }
}
