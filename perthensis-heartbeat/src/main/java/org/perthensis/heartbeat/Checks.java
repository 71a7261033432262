package org.perthensis.heartbeat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.perthensis.api.Durations;

/** The rules for patterns, hold times and alerts, shared by the config record and the library. */
final class Checks {

    private Checks() {
    }

    static List<Integer> pattern(String field, List<Integer> pattern) {
        if (pattern == null) {
            throw new IllegalArgumentException(field + ": missing; give on and off times in milliseconds, such as [100, 100]");
        }
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException(field + ": needs on and off times in milliseconds, such as [50, 100, 100, 750], got []");
        }
        if (pattern.size() % 2 != 0) {
            throw new IllegalArgumentException(field + ": needs an even number of durations (on, off, on, off, ...), got "
                    + pattern.size());
        }
        for (int i = 0; i < pattern.size(); i++) {
            Integer millis = pattern.get(i);
            if (millis == null || millis <= 0) {
                throw new IllegalArgumentException(field + ": every duration must be a positive number of milliseconds, got "
                        + millis + " at index " + i);
            }
        }
        return List.copyOf(pattern);
    }

    static Duration resetHold(Duration hold) {
        if (hold.isNegative()) {
            throw new IllegalArgumentException("resetHold: must not be negative (0 skips the hold), got " + Durations.format(hold));
        }
        return hold;
    }

    static List<Alert> alerts(List<Alert> alerts) {
        List<Alert> checked = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            String at = "alerts[" + i + "]";
            Alert alert = alerts.get(i);
            if (alert == null) {
                throw new IllegalArgumentException(at + ": must be an object with on, until and pattern");
            }
            String on = eventPattern(at + ".on", alert.on(), "starts", "net.down");
            String until = eventPattern(at + ".until", alert.until(), "ends", "net.up");
            if (on.equals(until)) {
                throw new IllegalArgumentException(at + ".until: must differ from on, or the alert could never start; both are " + on);
            }
            checked.add(new Alert(on, until, pattern(at + ".pattern", alert.pattern())));
        }
        return List.copyOf(checked);
    }

    private static String eventPattern(String field, String pattern, String role, String example) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException(field + ": missing; give the event topic that " + role + " the alert, such as "
                    + example);
        }
        int star = pattern.indexOf('*');
        if (star >= 0 && star != pattern.length() - 1) {
            throw new IllegalArgumentException(field + ": an event topic, or a prefix ending in '*' such as 'net.*', was '"
                    + pattern + "'");
        }
        return pattern;
    }

    /** Whether {@code topic} matches an event pattern: the topic itself, or a prefix ending in {@code *}. */
    static boolean matches(String pattern, String topic) {
        return pattern.endsWith("*") ? topic.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(topic);
    }
}
