package org.perthensis.app.config;

import java.util.List;
import java.util.Map;

/**
 * A value of a parsed config file: the app's own small tree, built from Jackson's streaming
 * parser, so that reading a config needs no data-binding library (which took about a fifth
 * of a second of every start to set up). Where each value was written is kept by
 * {@link ConfigSource}, by its JSON path.
 */
sealed interface JsonValue {

    /**
     * An object, its members in file order.
     *
     * @param members the members by name, in the order written
     */
    record Obj(Map<String, JsonValue> members) implements JsonValue {
        /**
         * A member.
         *
         * @param name its name
         * @return its value, or null if it is not written
         */
        JsonValue get(String name) {
            return members.get(name);
        }
    }

    /**
     * A list.
     *
     * @param elements its elements, in order
     */
    record Arr(List<JsonValue> elements) implements JsonValue {
    }

    /**
     * A string.
     *
     * @param value its text, escapes read
     */
    record Str(String value) implements JsonValue {
    }

    /**
     * A number.
     *
     * @param text as written, for messages that repeat it ({@code "2.50ms"})
     * @param value an {@link Integer}, {@link Long} or {@link java.math.BigInteger} (the smallest
     *     that holds it) for a number without fraction or exponent, else a {@link Double}
     */
    record Num(String text, Number value) implements JsonValue {
        /**
         * Whether it was written without fraction or exponent.
         *
         * @return {@code true} for {@code 17}, {@code false} for {@code 17.0}
         */
        boolean integral() {
            return !(value instanceof Double);
        }
    }

    /**
     * {@code true} or {@code false}.
     *
     * @param value which
     */
    record Bool(boolean value) implements JsonValue {
    }

    /** {@code null}. */
    enum Null implements JsonValue {
        /** The one null. */
        NULL
    }
}
