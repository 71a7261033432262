package org.perthensis.app;

import java.time.Duration;
import java.util.List;

/** Config records shaped like the feature modules' ones, for the tests. Public, as a provider's must be. */
public final class Configs {

    private Configs() {
    }

    /** A pin's pull resistor, bound case-insensitively: {@code "down"}. */
    public enum Pull {
        /** Pull up. */
        UP,
        /** Pull down. */
        DOWN,
        /** No pull. */
        OFF
    }

    /**
     * Like the debounce type's.
     *
     * @param pin the BCM pin, required
     * @param pull the pull resistor
     * @param settle the settle time (default: 20ms)
     * @param invert whether low means pressed
     */
    public record Door(Integer pin, Pull pull, Duration settle, Boolean invert) {
        /**
         * Checks the values.
         *
         * @param pin the BCM pin
         * @param pull the pull resistor
         * @param settle the settle time
         * @param invert whether low means pressed
         */
        public Door {
            if (pin == null) {
                throw new IllegalArgumentException("pin: is required, such as \"pin\": 12");
            }
            if (pin < 0 || pin > 27) {
                throw new IllegalArgumentException("pin: must be a BCM GPIO number from 0 to 27, got " + pin);
            }
            settle = settle == null ? Duration.ofMillis(20) : settle;
        }
    }

    /**
     * Like the heartbeat type's, with a nested record.
     *
     * @param pin the BCM pin
     * @param pattern on and off times
     * @param alerts patterns switched on by events
     */
    public record Blink(Integer pin, List<Duration> pattern, List<Alert> alerts) {
    }

    /**
     * A nested record.
     *
     * @param on the topic that switches it on
     * @param pattern on and off times, an even number
     */
    public record Alert(String on, List<Duration> pattern) {
        /**
         * Checks the pattern.
         *
         * @param on the topic
         * @param pattern the times
         */
        public Alert {
            if (pattern != null && pattern.size() % 2 != 0) {
                throw new IllegalArgumentException("pattern: needs an even number of durations, got " + pattern.size());
            }
        }
    }

    /**
     * Primitive and text fields.
     *
     * @param count a primitive
     * @param label a string
     * @param ratio a number
     */
    public record Misc(int count, String label, Double ratio) {
    }

    /** A record with no fields. */
    public record Empty() {
    }
}
