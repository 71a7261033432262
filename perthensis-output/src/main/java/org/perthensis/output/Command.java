package org.perthensis.output;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.perthensis.api.Checks;
import org.perthensis.api.Durations;
import org.perthensis.api.Json;

/**
 * One command to an output, read from an event's payload: the text {@code on}, {@code off},
 * {@code toggle} or {@code pulse 2s} (in any case, so Home Assistant's {@code ON} too),
 * {@code true} or {@code false}, a map such as {@code {"set": "pulse", "for": "2s", "why": "..."}},
 * or any of these as JSON text, as an MQTT message carries them.
 *
 * @param kind what to do
 * @param pulse how long a pulse lasts, or null for the other kinds
 * @param why who asked, for the state's {@code why} and the log
 */
record Command(Kind kind, Duration pulse, String why) {

    /** What a command does. */
    enum Kind {
        ON, OFF, TOGGLE, PULSE;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String EXPECTED = "expected on, off, toggle or pulse with a duration such as \"pulse 2s\"";
    private static final List<String> FIELDS = List.of("set", "for", "why");

    Command {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(why, "why");
    }

    /**
     * Reads a command.
     *
     * @param payload the event's payload
     * @param why who asked, unless the payload says
     * @return the command
     * @throws IllegalArgumentException if it is not one; the message says what was expected and what came
     */
    static Command read(Object payload, String why) {
        return switch (payload) {
            case null -> throw new IllegalArgumentException(EXPECTED + ", got no payload");
            case Boolean on -> new Command(on ? Kind.ON : Kind.OFF, null, why);
            case Map<?, ?> map -> fromMap(map, why);
            case CharSequence text -> fromText(text.toString(), why);
            case List<?> list -> throw new IllegalArgumentException(EXPECTED + ", got a list");
            default -> throw new IllegalArgumentException(EXPECTED + ", got " + payload);
        };
    }

    private static Command fromText(String text, String why) {
        String t = text.strip();
        if (t.startsWith("{") || t.startsWith("\"") || t.startsWith("[")) {
            Object json = Json.read(t);
            if (json instanceof CharSequence s) {
                return word(s.toString(), null, why); // a JSON string holds the word itself, not more JSON
            }
            return read(json, why);
        }
        return word(t, null, why);
    }

    private static Command fromMap(Map<?, ?> map, String why) {
        for (Object key : map.keySet()) {
            if (!FIELDS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown field " + Checks.quote(String.valueOf(key))
                        + "; a command has \"set\", and \"for\" with a pulse, and may have \"why\"");
            }
        }
        Object set = map.get("set");
        Object by = map.get("why");
        String asked = by == null ? why : String.valueOf(by);
        Duration length = map.containsKey("for") ? duration(map.get("for")) : null;
        Command command = switch (set) {
            case null -> throw new IllegalArgumentException("expected {\"set\": \"on\"} or {\"set\": \"pulse\", \"for\": \"2s\"}"
                    + ", got an object without \"set\"");
            case Boolean on -> new Command(on ? Kind.ON : Kind.OFF, null, asked);
            case CharSequence text -> word(text.toString(), length, asked);
            default -> throw new IllegalArgumentException(EXPECTED + " as \"set\", got " + describe(set));
        };
        if (length != null && command.kind() != Kind.PULSE) {
            throw new IllegalArgumentException("\"for\" goes with \"set\": \"pulse\" only, got \"set\": "
                    + Checks.quote(command.kind().word()));
        }
        return command;
    }

    private static Command word(String text, Duration length, String why) {
        String[] words = text.strip().split("\\s+", 2);
        String first = words[0].toLowerCase(Locale.ROOT);
        Duration given = words.length > 1 ? duration(words[1]) : null;
        if (given != null && length != null) {
            throw new IllegalArgumentException("a pulse has one duration, got " + Checks.quote(text) + " and \"for\"");
        }
        if (!first.equals("pulse") && given != null) {
            throw new IllegalArgumentException(EXPECTED + ", got " + Checks.quote(text));
        }
        return switch (first) {
            case "on", "true" -> new Command(Kind.ON, null, why);
            case "off", "false" -> new Command(Kind.OFF, null, why);
            case "toggle" -> new Command(Kind.TOGGLE, null, why);
            case "pulse" -> {
                Duration d = given != null ? given : length;
                if (d == null) {
                    throw new IllegalArgumentException("a pulse needs a duration, such as \"pulse 2s\" or"
                            + " {\"set\": \"pulse\", \"for\": \"2s\"}");
                }
                yield new Command(Kind.PULSE, d, why);
            }
            default -> throw new IllegalArgumentException(EXPECTED + ", got " + Checks.quote(text));
        };
    }

    private static Duration duration(Object value) {
        Duration d = switch (value) {
            case Duration given -> given;
            case CharSequence text -> Durations.parse(text.toString().strip());
            case null, default -> throw new IllegalArgumentException("expected a duration such as " + Durations.EXAMPLES
                    + " for the pulse, got " + describe(value));
        };
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("a pulse must be positive, got " + Durations.format(d));
        }
        return d;
    }

    private static String describe(Object value) {
        return value instanceof CharSequence s ? Checks.quote(s.toString())
                : value instanceof Map ? "an object" : value instanceof List ? "a list" : String.valueOf(value);
    }

    /**
     * This command as the payload of {@code output.<name>.set}, as rules and the MQTT mapping publish it.
     *
     * @return such as {@code {"set": "pulse", "for": 2s, "why": "mqtt.home.command.opener"}}
     */
    Map<String, Object> payload() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("set", kind.word());
        if (pulse != null) {
            map.put("for", pulse);
        }
        map.put("why", why);
        return Collections.unmodifiableMap(map);
    }
}
