package org.perthensis.app.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.perthensis.api.FieldException;

/**
 * Binds a JSON object strictly onto a config record and reports every mistake in it, not just
 * the first: each field is bound on its own (by {@link ValueBinder}), then the record's
 * canonical constructor runs, whose {@link FieldException} is reported at the field it names.
 * A nested record's is reported at that record's place.
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
    static <R extends Record> R bind(Class<R> type, Map<String, JsonValue> fields, String path, String owner,
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
            JsonValue value = fields.get(field);
            if (value == null) {
                values[i] = ValueBinder.absent(c.getType());
                continue;
            }
            String fieldPath = ConfigSource.member(path, field);
            if (unknownInside(c.getGenericType(), value, fieldPath, problems)) {
                continue;
            }
            try {
                values[i] = ValueBinder.bind(c.getGenericType(), value, fieldPath);
            } catch (ValueBinder.Mismatch m) {
                m.report(problems);
            }
        }
        if (problems.count() > before) {
            return null;
        }
        try {
            return ValueBinder.canonical(type, components).newInstance(values);
        } catch (InvocationTargetException e) {
            rejected(e.getCause(), type, path, problems);
        } catch (ReflectiveOperationException e) {
            problems.add(path, "cannot create " + type.getName() + ": " + e);
        }
        return null;
    }

    /**
     * Whether a config file can give every field of a record: the types {@link ValueBinder} binds.
     *
     * @param type a provider's config record
     * @return the first type that it cannot, such as {@code java.time.Instant}, or empty
     */
    public static Optional<String> unreadableType(Class<? extends Record> type) {
        return Optional.ofNullable(ValueBinder.unreadable(type));
    }

    /**
     * Reports every field that the nested records do not have, before any is bound: a record
     * created first would check what is missing, and that message would hide a misspelt name
     * ({@code "toggel"} would read as no action at all).
     *
     * @return whether one was found
     */
    private static boolean unknownInside(Type type, JsonValue value, String path, Problems problems) {
        boolean found = false;
        Class<?> raw = ValueBinder.raw(type);
        if (raw.isRecord() && value instanceof JsonValue.Obj object) {
            RecordComponent[] components = raw.getRecordComponents();
            List<String> known = sortedFields(components);
            for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
                String name = member.getKey();
                String at = ConfigSource.member(path, name);
                RecordComponent component = Arrays.stream(components)
                        .filter(c -> FieldNames.json(c.getName()).equals(name)).findFirst().orElse(null);
                if (component == null) {
                    problems.add(at, unknownField(name, "", known));
                    found = true;
                } else {
                    found |= unknownInside(component.getGenericType(), member.getValue(), at, problems);
                }
            }
        } else if (value instanceof JsonValue.Arr list && (Collection.class.isAssignableFrom(raw) || raw.isArray())) {
            Type element = ValueBinder.argument(type, 0);
            for (int i = 0; i < list.elements().size(); i++) {
                found |= unknownInside(element, list.elements().get(i), ConfigSource.element(path, i), problems);
            }
        }
        return found;
    }

    /**
     * A nested record's fields as messages list them.
     *
     * @param components the record's components
     * @return their JSON names, sorted
     */
    static List<String> sortedFields(RecordComponent[] components) {
        return Arrays.stream(components).map(c -> FieldNames.json(c.getName())).sorted().toList();
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

    /** The JSON path of a field path such as {@code alerts[1].pattern} or {@code [2]} inside the value at {@code path}. */
    static String within(String path, String field) {
        return field.startsWith("[") ? path + field : path + "." + field;
    }
}
