package org.perthensis.api;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Event payloads as JSON, for the modules that carry events off the device (a forwarded line,
 * an MQTT message, a status page): one writer and one reader, so every module writes a payload
 * the same way. Written by hand because the API depends on {@code java.base} only.
 *
 * <p>{@link #write(Object)} takes what payloads are made of: maps (keys as text), lists, arrays
 * and other iterables, records (their components by name), text, numbers, booleans, enums (their
 * name in lower case), {@link Optional}s, durations (in {@link Durations}' notation), instants and
 * other {@code java.time} values (ISO-8601 text) and {@code null}. Anything else is written as
 * its {@code toString()} text. {@link #read(String)} gives maps, lists, text, numbers
 * ({@code Long}, else {@code BigDecimal}), booleans and {@code null}.
 *
 * <pre>{@code
 * Json.write(Map.of("level", 1, "at", Instant.EPOCH));   // {"level":1,"at":"1970-01-01T00:00:00Z"}
 * Map<?, ?> command = (Map<?, ?>) Json.read("{\"set\": \"on\"}");
 * }</pre>
 */
public final class Json {

    private static final int MAX_DEPTH = 64;

    private Json() {
    }

    /**
     * Writes a value as compact JSON.
     *
     * @param value a payload, or null
     * @return the JSON text
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(64);
        write(out, value, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("a payload nested more than " + MAX_DEPTH + " deep cannot be written as JSON");
        }
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b);
            case Double d when d.isNaN() || d.isInfinite() -> out.append("null");
            case Float f when f.isNaN() || f.isInfinite() -> out.append("null");
            case BigDecimal d -> out.append(d.toPlainString());
            case Number n -> out.append(n);
            case CharSequence s -> string(out, s.toString());
            case Character c -> string(out, c.toString());
            case Enum<?> e -> string(out, e.name().toLowerCase(java.util.Locale.ROOT));
            case Duration d -> string(out, Durations.format(d));
            case TemporalAccessor t -> string(out, t.toString());
            case Optional<?> o -> write(out, o.orElse(null), depth);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(out, String.valueOf(e.getKey()));
                    out.append(':');
                    write(out, e.getValue(), depth + 1);
                }
                out.append('}');
            }
            case Iterable<?> items -> {
                out.append('[');
                boolean first = true;
                for (Object item : items) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(out, item, depth + 1);
                }
                out.append(']');
            }
            case Record r -> record(out, r, depth);
            default -> {
                if (value.getClass().isArray()) {
                    out.append('[');
                    for (int i = 0, n = Array.getLength(value); i < n; i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        write(out, Array.get(value, i), depth + 1);
                    }
                    out.append(']');
                } else {
                    string(out, value.toString());
                }
            }
        }
    }

    private static void record(StringBuilder out, Record r, int depth) {
        Map<String, Object> fields = new LinkedHashMap<>();
        try {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                fields.put(c.getName(), c.getAccessor().invoke(r));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            string(out, r.toString()); // a record of a package its module keeps to itself
            return;
        }
        write(out, fields, depth);
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Reads JSON text.
     *
     * @param text one JSON value, with white space around it allowed
     * @return a {@code Map<String, Object>} (in the order written), a {@code List<Object>},
     *         a {@code String}, a {@code Long} or {@code BigDecimal}, a {@code Boolean}, or {@code null}
     * @throws IllegalArgumentException if it is not JSON; the message says where, as
     *         {@code line:column}, and what was expected
     */
    public static Object read(String text) {
        Reader r = new Reader(text);
        r.space();
        Object value = r.value(0);
        r.space();
        if (r.at < text.length()) {
            throw r.error("the end of the text after the value");
        }
        return value;
    }

    /** A recursive-descent reader that keeps its position for messages. */
    private static final class Reader {
        private final String s;
        private int at;

        Reader(String s) {
            this.s = s;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("at most " + MAX_DEPTH + " levels of nesting");
            }
            if (at >= s.length()) {
                throw error("a value");
            }
            char c = s.charAt(at);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> word("true", Boolean.TRUE);
                case 'f' -> word("false", Boolean.FALSE);
                case 'n' -> word("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("a value");
                }
            };
        }

        private Map<String, Object> object(int depth) {
            Map<String, Object> map = new LinkedHashMap<>();
            at++;
            space();
            if (peek('}')) {
                at++;
                return Collections.unmodifiableMap(map);
            }
            while (true) {
                space();
                if (!peek('"')) {
                    throw error("a name in double quotes");
                }
                String key = string();
                space();
                expect(':');
                space();
                if (map.put(key, value(depth + 1)) != null) {
                    throw error("each name once; \"" + key + "\" came twice");
                }
                space();
                if (peek(',')) {
                    at++;
                } else if (peek('}')) {
                    at++;
                    return Collections.unmodifiableMap(map);
                } else {
                    throw error("',' or '}'");
                }
            }
        }

        private List<Object> array(int depth) {
            List<Object> list = new ArrayList<>();
            at++;
            space();
            if (peek(']')) {
                at++;
                return Collections.unmodifiableList(list);
            }
            while (true) {
                space();
                list.add(value(depth + 1));
                space();
                if (peek(',')) {
                    at++;
                } else if (peek(']')) {
                    at++;
                    return Collections.unmodifiableList(list);
                } else {
                    throw error("',' or ']'");
                }
            }
        }

        private String string() {
            at++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= s.length()) {
                    throw error("a closing '\"'");
                }
                char c = s.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    at--;
                    throw error("no control character inside text (write \\n for a line break)");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= s.length()) {
                    throw error("an escape after '\\'");
                }
                char e = s.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > s.length()) {
                            throw error("four hex digits after \\u");
                        }
                        try {
                            out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                        } catch (NumberFormatException x) {
                            throw error("four hex digits after \\u");
                        }
                        at += 4;
                    }
                    default -> {
                        at--;
                        throw error("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u after '\\'");
                    }
                }
            }
        }

        private Object number() {
            int start = at;
            if (peek('-')) {
                at++;
            }
            digits();
            boolean integer = true;
            if (peek('.')) {
                integer = false;
                at++;
                digits();
            }
            if (peek('e') || peek('E')) {
                integer = false;
                at++;
                if (peek('+') || peek('-')) {
                    at++;
                }
                digits();
            }
            String n = s.substring(start, at);
            if (integer) {
                BigInteger big = new BigInteger(n);
                return big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
            }
            return new BigDecimal(n);
        }

        private void digits() {
            int start = at;
            while (at < s.length() && Character.isDigit(s.charAt(at)) && s.charAt(at) < 128) {
                at++;
            }
            if (at == start) {
                throw error("a digit");
            }
        }

        private Object word(String word, Object value) {
            if (!s.startsWith(word, at)) {
                throw error("a value");
            }
            at += word.length();
            return value;
        }

        void space() {
            while (at < s.length() && (s.charAt(at) == ' ' || s.charAt(at) == '\t' || s.charAt(at) == '\n'
                    || s.charAt(at) == '\r')) {
                at++;
            }
        }

        private boolean peek(char c) {
            return at < s.length() && s.charAt(at) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("'" + c + "'");
            }
            at++;
        }

        IllegalArgumentException error(String expected) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < at && i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            String found = at >= s.length() ? "the end" : "'" + s.charAt(at) + "'";
            return new IllegalArgumentException("not JSON at " + line + ":" + column + ": expected " + expected
                    + ", got " + found);
        }
    }
}
