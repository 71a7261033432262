package org.perthensis.heartbeat;

import java.util.ArrayList;
import java.util.List;
import org.perthensis.api.Checks;
import org.perthensis.api.FieldException;

/**
 * The checks of blink patterns and alerts, shared by the config record and the library: the
 * rules only a heartbeat has (an even number of steps), worded as {@link Checks} words its own.
 */
final class Patterns {

    private Patterns() {
    }

    /**
     * An on-off pattern: an even number of positive millisecond values.
     *
     * @throws FieldException naming {@code field}, or one of its elements such as {@code pattern[1]}
     */
    static List<Integer> pattern(String field, List<Integer> pattern) {
        Checks.required(field, pattern, "on and off times in milliseconds, such as [100, 100]");
        if (pattern.isEmpty()) {
            throw Checks.invalid(field, "must have on and off times in milliseconds, such as [50, 100, 100, 750], got []");
        }
        if (pattern.size() % 2 != 0) {
            throw Checks.invalid(field, "must have an even number of durations (on, off, on, off, ...), got "
                    + pattern.size() + ": " + pattern);
        }
        for (int i = 0; i < pattern.size(); i++) {
            Integer millis = pattern.get(i);
            if (millis == null || millis <= 0) {
                throw Checks.invalid("[" + i + "]", "must be a positive number of milliseconds, got " + millis)
                        .within(field);
            }
        }
        return List.copyOf(pattern);
    }

    /**
     * The alerts of one heartbeat, each named by its place in the list when it is wrong, such as
     * {@code alerts[1].pattern}.
     *
     * @throws FieldException naming the alert's field
     */
    static List<Alert> alerts(List<Alert> alerts) {
        List<Alert> checked = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            String at = "alerts[" + i + "]";
            if (alerts.get(i) == null) {
                throw Checks.invalid(at, "must be an object with on, until and pattern, got null");
            }
            try {
                checked.add(alert(alerts.get(i)));
            } catch (FieldException e) {
                throw e.within(at);
            }
        }
        return List.copyOf(checked);
    }

    private static Alert alert(Alert alert) {
        String on = Checks.eventPattern("on", alert.on());
        String until = Checks.eventPattern("until", alert.until());
        if (on.equals(until)) {
            throw Checks.invalid("until", "must differ from on, or the alert could never start, got "
                    + Checks.quote(until) + " for both");
        }
        return new Alert(on, until, pattern("pattern", alert.pattern()));
    }
}
