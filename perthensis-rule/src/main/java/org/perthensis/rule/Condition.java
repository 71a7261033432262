package org.perthensis.rule;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.perthensis.api.Checks;
import org.perthensis.api.FieldException;
import org.perthensis.api.Json;

/**
 * A rule's {@code if}: each field of the event's payload equals its value, or is one of the
 * values of {@code {"in": [...]}}. Nothing more clever. The payload is compared as JSON carries
 * it, so a record's components are fields too, a duration is its text ({@code "1.5s"}), an enum
 * its name in lower case, and {@code 1} equals {@code 1.0}. A field the payload lacks counts as
 * {@code null}; a payload that is no object matches no condition.
 */
final class Condition {

    private final Map<String, Object> fields;

    private Condition(Map<String, Object> fields) {
        this.fields = fields;
    }

    /**
     * Checks an {@code if} and keeps it as JSON values.
     *
     * @param field the field's name for messages, {@code if}
     * @param written the condition as the config has it, or null for none
     * @return the condition as unmodifiable JSON values
     * @throws FieldException naming the field at fault, such as {@code if.state.in}
     */
    static Map<String, Object> check(String field, Map<String, Object> written) {
        if (written == null) {
            return Map.of();
        }
        @SuppressWarnings("unchecked") // Json.read gives an object for an object
        Map<String, Object> json = (Map<String, Object>) Json.read(Json.write(written));
        for (Map.Entry<String, Object> e : json.entrySet()) {
            String at = field + "." + e.getKey();
            Object value = e.getValue();
            if (value instanceof Map<?, ?> map) {
                if (map.size() != 1 || !map.containsKey("in")) {
                    throw Checks.invalid(at, "must be a value (text, a number, true, false or null) or {\"in\": [...]},"
                            + " got an object with " + String.join(", ", map.keySet().stream().map(k -> Checks.quote(
                                    String.valueOf(k))).toList()));
                }
                if (!(map.get("in") instanceof List<?> list) || list.stream().anyMatch(v -> !isValue(v))) {
                    throw Checks.invalid(at + ".in", "must be a list of values (text, numbers, true, false or null),"
                            + " got " + Json.write(map.get("in")));
                }
            } else if (!isValue(value)) {
                throw Checks.invalid(at, "must be a value (text, a number, true, false or null) or {\"in\": [...]},"
                        + " got a list; write {\"in\": " + Json.write(value) + "} for one of several");
            }
        }
        return json;
    }

    private static boolean isValue(Object v) {
        return v == null || v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    /**
     * The condition of a checked {@code if}.
     *
     * @param checked what {@link #check} returned
     * @return the condition
     */
    static Condition of(Map<String, Object> checked) {
        return new Condition(Collections.unmodifiableMap(new LinkedHashMap<>(checked)));
    }

    /**
     * Whether an event's payload meets the condition.
     *
     * @param payload the payload
     * @return {@code true} if every field matches; always for an empty condition
     */
    boolean matches(Object payload) {
        if (fields.isEmpty()) {
            return true;
        }
        Object json;
        try {
            json = Json.read(Json.write(payload));
        } catch (IllegalArgumentException unwritable) {
            return false;
        }
        if (!(json instanceof Map<?, ?> map)) {
            return false;
        }
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            Object actual = map.get(e.getKey());
            if (e.getValue() instanceof Map<?, ?> in) {
                if (((List<?>) in.get("in")).stream().noneMatch(v -> same(v, actual))) {
                    return false;
                }
            } else if (!same(e.getValue(), actual)) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(Object expected, Object actual) {
        if (expected instanceof Number a && actual instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return Objects.equals(expected, actual);
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The condition as the log shows it: {@code {"pressed":true}}. */
    @Override
    public String toString() {
        return Json.write(fields);
    }
}
