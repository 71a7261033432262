package org.perthensis.app.fakes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.perthensis.api.FieldException;

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
                throw new FieldException("pin", "is required, such as \"pin\": 12");
            }
            if (pin < 0 || pin > 27) {
                throw new FieldException("pin", "must be a BCM GPIO number from 0 to 27, got " + pin);
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
                throw new FieldException("pattern", "needs an even number of durations, got " + pattern.size());
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

    /**
     * A third party's record that checks without the API: a plain exception, its field named
     * only in the message.
     *
     * @param every the period
     */
    public record Plain(Duration every) {
        /**
         * Checks the period.
         *
         * @param every the period
         */
        public Plain {
            if (every != null && every.isZero()) {
                throw new IllegalArgumentException("every: must be positive, got " + every);
            }
        }
    }

    /**
     * A record that checks its nested values itself and names them by their path.
     *
     * @param alerts the alerts
     * @param times some durations
     */
    public record Checked(List<Alert> alerts, List<Duration> times) {
        /**
         * Checks that no alert repeats the first one's topic and that no time is zero.
         *
         * @param alerts the alerts
         * @param times the durations
         */
        public Checked {
            for (int i = 1; alerts != null && i < alerts.size(); i++) {
                if (alerts.get(i).on().equals(alerts.get(0).on())) {
                    throw new FieldException("on", "repeats alerts[0]'s topic").within("alerts[" + i + "]");
                }
            }
            for (int i = 0; times != null && i < times.size(); i++) {
                if (times.get(i).isZero()) {
                    throw new FieldException("[" + i + "]", "must be positive, got 0s").within("times");
                }
            }
        }
    }

    /** A record with no fields. */
    public record Empty() {
    }

    /**
     * Like the rule type's: fields named after Java keywords, at the top and in a nested record.
     *
     * @param if_ the field {@code "if"}
     * @param do_ the field {@code "do"}
     */
    public record Keywords(String if_, List<Step> do_) {
    }

    /**
     * A nested record with fields no component can be named.
     *
     * @param wait_ the field {@code "wait"}
     * @param for_ the field {@code "for"}
     */
    public record Step(Duration wait_, Duration for_) {
        /**
         * Checks that a step says how long.
         *
         * @param wait_ a duration
         * @param for_ another
         */
        public Step {
            if (wait_ == null && for_ == null) {
                throw new FieldException("for", "is required; give how long, such as \"1s\"");
            }
        }
    }

    /**
     * Like the rule and bme280 types': values of any shape, and maps.
     *
     * @param address a number or a string, as written
     * @param when any JSON object
     * @param counts integers
     * @param named alerts by name
     * @param total a primitive long
     */
    public record Loose(Object address, Map<String, Object> when, List<Integer> counts, Map<String, Alert> named,
            long total) {
    }

    /**
     * A record with a field no config value can give.
     *
     * @param since a point in time
     */
    public record Timed(java.time.Instant since) {
    }
}
