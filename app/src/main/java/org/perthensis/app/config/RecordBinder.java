package org.perthensis.app.config;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.perthensis.api.FieldException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Binds a JSON object strictly onto a config record and reports every mistake in it, not just
 * the first: each field is bound on its own with Jackson, then the record's canonical
 * constructor runs, whose {@link FieldException} is reported at the field it names. For a
 * nested record Jackson's path says where that record is written.
 */
public final class RecordBinder {

    private RecordBinder() {
    }

    /**
     * Binds {@code fields} onto a new {@code type}.
     *
     * @param type the public record class
     * @param fields the JSON object's members to bind, without those the caller handles itself
     * @param path the JSON path of the object
     * @param owner what the fields belong to, for messages: {@code "type debounce"}
     * @param alsoKnown fields the caller handles, listed among the known ones in messages
     * @param problems where mistakes go
     * @param <R> the record type
     * @return the record, or null if there was a mistake
     */
    public static <R extends Record> R bind(Class<R> type, Map<String, JsonNode> fields, String path, String owner,
            List<String> alsoKnown, Problems problems) {
        int before = problems.count();
        RecordComponent[] components = type.getRecordComponents();
        List<String> known = new ArrayList<>(Arrays.stream(components).map(c -> FieldNames.json(c.getName())).toList());
        known.addAll(alsoKnown);
        for (String name : fields.keySet()) {
            if (Arrays.stream(components).noneMatch(c -> FieldNames.json(c.getName()).equals(name))) {
                problems.add(ConfigSource.member(path, name), unknownField(name, owner, known));
            }
        }
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String field = FieldNames.json(c.getName());
            JsonNode node = fields.get(field);
            if (node == null) {
                values[i] = c.getType().isPrimitive() ? Array.get(Array.newInstance(c.getType(), 1), 0) : null;
                continue;
            }
            String fieldPath = ConfigSource.member(path, field);
            if (unknownInside(c.getGenericType(), node, fieldPath, problems)) {
                continue;
            }
            try {
                values[i] = StrictJson.MAPPER.treeToValue(node,
                        StrictJson.MAPPER.getTypeFactory().constructType(c.getGenericType()));
            } catch (DatabindException e) {
                report(e, fieldPath, node, problems);
            } catch (InputCoercionException e) {
                // A number too large for its field, such as 99999999999 for an int: Jackson has no path for it.
                problems.add(fieldPath, "expected " + range(e.getTargetType()) + ", got " + JsonValues.describe(node));
            }
        }
        if (problems.count() > before) {
            return null;
        }
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            rejected(e.getCause(), type, path, problems);
        } catch (ReflectiveOperationException e) {
            problems.add(path, "cannot create " + type.getName() + ": " + e);
        }
        return null;
    }

    /**
     * Reports the fields that nested records do not have, before Jackson binds them: Jackson
     * creates a record before it looks at the fields it does not know, so the record's own
     * check of what is missing would hide a misspelt name ({@code "toggel"} would read as no
     * action at all).
     *
     * @return whether one was found
     */
    private static boolean unknownInside(Type type, JsonNode node, String path, Problems problems) {
        boolean found = false;
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : type instanceof Class<?> c ? c : null;
        if (raw != null && raw.isRecord() && node.isObject()) {
            RecordComponent[] components = raw.getRecordComponents();
            List<String> known = Arrays.stream(components).map(c -> FieldNames.json(c.getName())).sorted().toList();
            for (String name : node.propertyNames()) {
                String member = ConfigSource.member(path, name);
                RecordComponent component = Arrays.stream(components)
                        .filter(c -> FieldNames.json(c.getName()).equals(name)).findFirst().orElse(null);
                if (component == null) {
                    problems.add(member, unknownField(name, "", known));
                    found = true;
                } else {
                    found |= unknownInside(component.getGenericType(), node.get(name), member, problems);
                }
            }
        } else if (node.isArray() && raw != null && (Collection.class.isAssignableFrom(raw) || raw.isArray())) {
            Type element = raw.isArray() ? raw.getComponentType()
                    : type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            for (int i = 0; i < node.size(); i++) {
                found |= unknownInside(element, node.get(i), ConfigSource.element(path, i), problems);
            }
        }
        return found;
    }

    /**
     * The message for a field that the record does not have.
     *
     * @param name the field written
     * @param owner what the fields belong to, such as {@code type debounce}, or empty
     * @param known the fields it has
     * @return such as {@code unknown field 'setle' for type debounce; did you mean 'settle'? Known fields: ...}
     */
    public static String unknownField(String name, String owner, Collection<String> known) {
        return "unknown field '" + name + "'" + (owner.isEmpty() ? "" : " for " + owner)
                + Suggestions.closest(name, known).map(s -> "; did you mean '" + s + "'?").orElse(".")
                + " Known fields: " + String.join(", ", known) + ".";
    }

    /**
     * Turns what a record's constructor (or a provider) threw into a problem: a
     * {@link FieldException} at the field it names, any other {@link IllegalArgumentException}
     * (a record that does not use the API's checks) at the record itself, with its whole message.
     *
     * @param thrown what was thrown
     * @param type the record
     * @param path the JSON path of the record's object
     * @param problems where the problem goes
     */
    public static void rejected(Throwable thrown, Class<?> type, String path, Problems problems) {
        if (thrown instanceof FieldException f) {
            problems.add(within(path, f.field()), f.problem());
        } else if (thrown instanceof IllegalArgumentException && thrown.getMessage() != null) {
            problems.add(path, thrown.getMessage());
        } else {
            problems.add(path, type.getSimpleName() + " rejected these settings: " + thrown);
        }
    }

    private static String range(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == short.class || type == Short.class) {
            return "an integer from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE;
        }
        if (type == byte.class || type == Byte.class) {
            return "an integer from " + Byte.MIN_VALUE + " to " + Byte.MAX_VALUE;
        }
        return "a smaller number";
    }

    /** The JSON path of a field path such as {@code alerts[1].pattern} or {@code [2]} inside the value at {@code path}. */
    static String within(String path, String field) {
        return field.startsWith("[") ? path + field : path + "." + field;
    }

    private static void report(DatabindException e, String fieldPath, JsonNode fieldValue, Problems problems) {
        String path = fieldPath;
        JsonNode at = fieldValue;
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path = ConfigSource.member(path, ref.getPropertyName());
                at = at == null ? null : at.get(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path = ConfigSource.element(path, ref.getIndex());
                at = at == null ? null : at.get(ref.getIndex());
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            problems.add(path, unknownField(u.getPropertyName(), "", known));
        } else if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            rejected(v.getCause(), v.getType().getRawClass(), path, problems);
        } else if (e instanceof MismatchedInputException m && m.getTargetType() == Duration.class) {
            problems.add(path, m.getOriginalMessage()); // the duration reader words its own messages
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            problems.add(path, "expected " + JsonValues.expected(m.getTargetType()) + ", got " + JsonValues.describe(at));
        } else {
            String message = e.getOriginalMessage();
            problems.add(path, message.contains("\n") ? message.substring(0, message.indexOf('\n')) : message);
        }
    }
}
