package org.perthensis.app.config;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.perthensis.api.Durations;

/**
 * Binds one config value onto the Java type of a record component, strictly: {@code "17"} is
 * no integer, {@code 17.5} no integer either, {@code 5} no string, {@code "yes"} no boolean, a
 * number of an integer field's range is reported with that range; enums match their names in
 * any case, durations are read by {@link Durations#parse}, a field of type {@link Object}
 * takes any value as strings, numbers, booleans, maps and lists.
 *
 * <p>The types a config record may use: primitives and their boxes, {@link String},
 * {@link BigInteger}, {@link BigDecimal}, {@link Number}, {@link Duration}, enums, records,
 * arrays, {@link List}, {@link Set} and {@link Collection}, {@link Map} by string keys, and
 * {@link Object}.
 */
final class ValueBinder {

    private ValueBinder() {
    }

    /**
     * A value that does not fit its field, or a nested record's constructor that rejected its
     * values: stops binding that field. Without a stack trace: it is a user's mistake.
     */
    static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String path;
        private final transient Throwable rejection;
        private final Class<?> record;

        private Mismatch(String path, String problem, Throwable rejection, Class<?> record) {
            super(problem, null, false, false);
            this.path = path;
            this.rejection = rejection;
            this.record = record;
        }

        /**
         * Adds the mistake to {@code problems}.
         *
         * @param problems where it goes
         */
        void report(Problems problems) {
            if (rejection != null) {
                RecordBinder.rejected(rejection, record, path, problems);
            } else {
                problems.add(path, getMessage());
            }
        }
    }

    /**
     * Binds a value.
     *
     * @param type the component's generic type
     * @param value the value written
     * @param path its JSON path, for messages
     * @return the Java value, null for {@code null} (except for primitives)
     * @throws Mismatch if it does not fit
     */
    static Object bind(Type type, JsonValue value, String path) {
        Class<?> raw = raw(type);
        if (value instanceof JsonValue.Null) {
            if (raw.isPrimitive()) {
                throw mismatch(raw, value, path);
            }
            return null;
        }
        if (raw == Object.class) {
            return natural(value);
        }
        if (raw == String.class) {
            return value instanceof JsonValue.Str s ? s.value() : fail(raw, value, path);
        }
        if (raw == char.class || raw == Character.class) {
            return value instanceof JsonValue.Str s && s.value().length() == 1 ? s.value().charAt(0) : fail(raw, value, path);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return value instanceof JsonValue.Bool b ? b.value() : fail(raw, value, path);
        }
        if (isInteger(raw)) {
            return integer(raw, value, path);
        }
        if (isDecimal(raw)) {
            return number(raw, value, path);
        }
        if (raw == Duration.class) {
            return duration(value, path);
        }
        if (raw.isEnum()) {
            return enumConstant(raw, value, path);
        }
        if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            return collection(type, raw, value, path);
        }
        if (Map.class.isAssignableFrom(raw)) {
            return map(type, value, path);
        }
        if (raw.isRecord()) {
            return record(raw, value, path);
        }
        throw new Mismatch(path, "a field of type " + type.getTypeName() + " cannot be read from a config file;"
                + " the record's author can use a string", null, null);
    }

    /**
     * The first type in a record's fields, nested records and type arguments included, that no
     * config value can be bound onto.
     *
     * @param type a record class
     * @return such as {@code java.time.Instant}, or null if every field can be read
     */
    static String unreadable(Type type) {
        return unreadable(type, new HashSet<>());
    }

    private static String unreadable(Type type, Set<Class<?>> seen) {
        Class<?> raw = raw(type);
        if (raw == Object.class || raw == String.class || raw == char.class || raw == Character.class
                || raw == boolean.class || raw == Boolean.class || isInteger(raw) || isDecimal(raw)
                || raw == Duration.class || raw.isEnum()) {
            return null; // each has its branch in bind
        }
        if (raw.isArray() || raw == List.class || raw == Collection.class || raw == Set.class
                || raw == ArrayList.class || raw == LinkedHashSet.class) {
            return unreadable(argument(type, 0), seen);
        }
        if (raw == Map.class || raw == LinkedHashMap.class) {
            Class<?> key = raw(argument(type, 0));
            return key == String.class || key == Object.class ? unreadable(argument(type, 1), seen) : type.getTypeName();
        }
        if (raw.isRecord()) {
            if (seen.add(raw)) {
                for (RecordComponent c : raw.getRecordComponents()) {
                    String found = unreadable(c.getGenericType(), seen);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
        return type.getTypeName();
    }

    /**
     * The class of a generic type: {@code List} for {@code List<String>}.
     *
     * @param type a component's generic type
     * @return its raw class, {@code Object} if it has no bound
     */
    static Class<?> raw(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> raw(p.getRawType());
            case WildcardType w -> raw(w.getUpperBounds()[0]);
            case TypeVariable<?> v -> raw(v.getBounds()[0]);
            case GenericArrayType a -> raw(a.getGenericComponentType()).arrayType();
            default -> Object.class;
        };
    }

    /**
     * The type of the elements of a collection or array type, or of the values of a map type.
     *
     * @param type the generic type
     * @param argument which type argument: 0 for a collection's elements, 1 for a map's values
     * @return the type, {@code Object} if it is not written
     */
    static Type argument(Type type, int argument) {
        if (type instanceof Class<?> c && c.isArray()) {
            return c.getComponentType();
        }
        if (type instanceof GenericArrayType a) {
            return a.getGenericComponentType();
        }
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > argument) {
            return p.getActualTypeArguments()[argument];
        }
        return Object.class;
    }

    /**
     * Whether a field of this type takes a whole number.
     *
     * @param raw the field's class
     * @return true for the integer primitives, their boxes and {@link BigInteger}
     */
    static boolean isInteger(Class<?> raw) {
        return raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class
                || raw == short.class || raw == Short.class || raw == byte.class || raw == Byte.class
                || raw == BigInteger.class;
    }

    /**
     * Whether a field of this type takes any number.
     *
     * @param raw the field's class
     * @return true for {@code double}, {@code float}, their boxes, {@link BigDecimal} and {@link Number}
     */
    static boolean isDecimal(Class<?> raw) {
        return raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
                || raw == BigDecimal.class || raw == Number.class;
    }

    private static Object integer(Class<?> raw, JsonValue value, String path) {
        if (!(value instanceof JsonValue.Num n) || !n.integral()) {
            throw mismatch(raw, value, path);
        }
        BigInteger big = n.value() instanceof BigInteger b ? b : BigInteger.valueOf(n.value().longValue());
        if (raw == BigInteger.class) {
            return big;
        }
        long[] range = raw == int.class || raw == Integer.class ? new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE}
                : raw == long.class || raw == Long.class ? new long[] {Long.MIN_VALUE, Long.MAX_VALUE}
                : raw == short.class || raw == Short.class ? new long[] {Short.MIN_VALUE, Short.MAX_VALUE}
                : new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
        if (big.compareTo(BigInteger.valueOf(range[0])) < 0 || big.compareTo(BigInteger.valueOf(range[1])) > 0) {
            throw new Mismatch(path, "expected an integer from " + range[0] + " to " + range[1] + ", got "
                    + JsonValues.describe(value), null, null);
        }
        long v = big.longValue();
        if (raw == int.class || raw == Integer.class) {
            return (int) v;
        }
        if (raw == short.class || raw == Short.class) {
            return (short) v;
        }
        if (raw == byte.class || raw == Byte.class) {
            return (byte) v;
        }
        return v;
    }

    private static Object number(Class<?> raw, JsonValue value, String path) {
        if (!(value instanceof JsonValue.Num n)) {
            throw mismatch(raw, value, path);
        }
        if (raw == BigDecimal.class) {
            return new BigDecimal(n.text());
        }
        if (raw == float.class || raw == Float.class) {
            return n.value().floatValue();
        }
        return raw == Number.class ? n.value() : (Object) n.value().doubleValue();
    }

    private static Duration duration(JsonValue value, String path) {
        if (value instanceof JsonValue.Str s) {
            try {
                return Durations.parse(s.value());
            } catch (IllegalArgumentException e) {
                throw new Mismatch(path, e.getMessage(), null, null); // the API words its own messages
            }
        }
        if (value instanceof JsonValue.Num n) {
            // A bare number has no unit; guessing milliseconds or seconds would be wrong half the time.
            throw new Mismatch(path, "expected a duration with a unit such as \"" + n.text() + "ms\" or \"" + n.text()
                    + "s\", got " + n.text(), null, null);
        }
        throw new Mismatch(path, "expected a duration such as " + Durations.EXAMPLES + ", got "
                + JsonValues.describe(value), null, null);
    }

    private static Object enumConstant(Class<?> raw, JsonValue value, String path) {
        if (value instanceof JsonValue.Str s) {
            for (Object constant : raw.getEnumConstants()) {
                Enum<?> e = (Enum<?>) constant;
                if (e.name().equalsIgnoreCase(s.value()) || e.toString().equalsIgnoreCase(s.value())) {
                    return e;
                }
            }
        }
        throw mismatch(raw, value, path);
    }

    private static Object collection(Type type, Class<?> raw, JsonValue value, String path) {
        if (!(value instanceof JsonValue.Arr list)) {
            throw mismatch(raw, value, path);
        }
        Type element = argument(type, 0);
        List<Object> bound = new ArrayList<>(list.elements().size());
        for (int i = 0; i < list.elements().size(); i++) {
            bound.add(bind(element, list.elements().get(i), ConfigSource.element(path, i)));
        }
        if (raw.isArray()) {
            Object array = Array.newInstance(raw.getComponentType(), bound.size());
            for (int i = 0; i < bound.size(); i++) {
                Array.set(array, i, bound.get(i));
            }
            return array;
        }
        if (raw.isAssignableFrom(ArrayList.class)) {
            return bound;
        }
        if (raw.isAssignableFrom(LinkedHashSet.class)) {
            return new LinkedHashSet<>(bound);
        }
        throw new Mismatch(path, "a field of type " + type.getTypeName() + " cannot be read from a config file;"
                + " the record's author can use a List", null, null);
    }

    private static Map<String, Object> map(Type type, JsonValue value, String path) {
        if (!(value instanceof JsonValue.Obj object)) {
            throw mismatch(Map.class, value, path);
        }
        Type member = argument(type, 1);
        Map<String, Object> bound = new LinkedHashMap<>();
        object.members().forEach((name, v) -> bound.put(name, bind(member, v, ConfigSource.member(path, name))));
        return bound;
    }

    private static Object record(Class<?> raw, JsonValue value, String path) {
        if (!(value instanceof JsonValue.Obj object)) {
            throw mismatch(raw, value, path);
        }
        RecordComponent[] components = raw.getRecordComponents();
        for (String name : object.members().keySet()) {
            if (Arrays.stream(components).noneMatch(c -> FieldNames.json(c.getName()).equals(name))) {
                throw new Mismatch(ConfigSource.member(path, name), RecordBinder.unknownField(name, "",
                        RecordBinder.sortedFields(components)), null, null);
            }
        }
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String field = FieldNames.json(components[i].getName());
            JsonValue v = object.get(field);
            values[i] = v == null ? absent(components[i].getType())
                    : bind(components[i].getGenericType(), v, ConfigSource.member(path, field));
        }
        try {
            return canonical(raw, components).newInstance(values);
        } catch (InvocationTargetException e) {
            throw new Mismatch(path, String.valueOf(e.getCause()), e.getCause(), raw);
        } catch (ReflectiveOperationException e) {
            throw new Mismatch(path, "cannot create " + raw.getName() + ": " + e, null, null);
        }
    }

    /**
     * A record's canonical constructor.
     *
     * @param type the record class
     * @param components its components
     * @return the constructor
     * @throws NoSuchMethodException never for a record
     */
    static <R> Constructor<R> canonical(Class<R> type, RecordComponent[] components) throws NoSuchMethodException {
        return type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
    }

    /**
     * The value of a field that is not written: null, or zero for a primitive.
     *
     * @param type the component's class
     * @return the value
     */
    static Object absent(Class<?> type) {
        return type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0) : null;
    }

    /** A value for a field of type {@code Object}: strings, numbers, booleans, null, maps and lists of them. */
    private static Object natural(JsonValue value) {
        return switch (value) {
            case JsonValue.Str s -> s.value();
            case JsonValue.Num n -> n.value();
            case JsonValue.Bool b -> b.value();
            case JsonValue.Null n -> null;
            case JsonValue.Arr a -> {
                List<Object> list = new ArrayList<>(a.elements().size());
                a.elements().forEach(e -> list.add(natural(e)));
                yield list;
            }
            case JsonValue.Obj o -> {
                Map<String, Object> map = new LinkedHashMap<>();
                o.members().forEach((k, v) -> map.put(k, natural(v)));
                yield map;
            }
        };
    }

    private static Mismatch mismatch(Class<?> type, JsonValue value, String path) {
        return new Mismatch(path, "expected " + JsonValues.expected(type) + ", got " + JsonValues.describe(value), null, null);
    }

    private static Object fail(Class<?> type, JsonValue value, String path) {
        throw mismatch(type, value, path);
    }
}
