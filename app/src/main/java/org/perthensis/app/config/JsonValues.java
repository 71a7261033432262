package org.perthensis.app.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.perthensis.api.Durations;

/** Words for JSON values and for what a field expects, as they appear in config errors. */
final class JsonValues {

    private static final int SHOWN_STRING = 40;

    private JsonValues() {
    }

    /**
     * What a value is, for "got ..." in a message.
     *
     * @param value a JSON value, or null when absent
     * @return such as {@code "abc"}, {@code 17}, {@code true}, {@code null}, {@code an object}
     */
    static String describe(JsonValue value) {
        return switch (value) {
            case null -> "nothing";
            case JsonValue.Str s -> quote(s.value());
            case JsonValue.Obj o -> "an object";
            case JsonValue.Arr a -> "a list";
            // As Jackson's tree printed them before: 17, 17.5, 1000.0 for 1e3.
            case JsonValue.Num n -> n.value().toString();
            case JsonValue.Bool b -> String.valueOf(b.value());
            case JsonValue.Null n -> "null";
        };
    }

    static String quote(String s) {
        String shown = s.length() > SHOWN_STRING ? s.substring(0, SHOWN_STRING) + "..." : s;
        return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * What a field of this Java type accepts, for "expected ..." in a message.
     *
     * @param type the field's raw type
     * @return such as {@code an integer} or {@code one of "up", "down"}
     */
    static String expected(Class<?> type) {
        if (ValueBinder.isInteger(type)) {
            return "an integer";
        }
        if (ValueBinder.isDecimal(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == Duration.class) {
            return "a duration such as " + Durations.EXAMPLES;
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> quote(((Enum<?>) c).name().toLowerCase(Locale.ROOT)))
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord()) {
            return "an object with the fields " + Arrays.stream(type.getRecordComponents())
                    .map(c -> FieldNames.json(c.getName())).collect(Collectors.joining(", "));
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }
}
