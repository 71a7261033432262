package org.perthensis.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One thing a task shows of the device: a door contact, a knob's value, whether the network
 * works. A task type describes its entities once, in {@link TaskProvider#create}, through
 * {@link Entities#of(TaskEnvironment)}, so that whoever shows the device (Home Assistant
 * discovery over MQTT, a status page) finds them all without knowing the task's module.
 *
 * <p>An entity's state comes from events: each event whose topic matches {@code pattern} is
 * handed to {@code state}, which returns the new state, or {@code null} when that event does not
 * change it. A binary sensor's and a switch's state is a {@code Boolean}; a sensor's a number or
 * text.
 *
 * <pre>{@code
 * Entities.of(env).add(Entity.binarySensor(env.taskName(), "door", "debounce.door", e -> (Boolean) e.get("pressed"))
 *         .withDeviceClass("door"));
 * Entities.of(env).add(Entity.sensor(env.taskName(), "clock offset", "ntp.synced", e -> e.get("offset"))
 *         .withId("offset").withDeviceClass("duration").withUnit("ms").asDiagnostic());
 * }</pre>
 *
 * @param task the task that has it
 * @param id what tells it apart from the task's other entities: empty for its main one, else
 *        lower-case letters, digits and {@code _}, such as {@code offset}
 * @param name what a person calls it, such as {@code door}
 * @param kind what sort of thing it is
 * @param pattern the events that carry its state: a topic, or a prefix ending in {@code *}
 * @param state reads the state from such an event, or returns {@code null} for none
 * @param deviceClass what it measures or detects, in Home Assistant's device classes of its
 *        kind (a door: {@code door}, a clock offset: {@code duration}), or {@code null}
 * @param unit the unit of a sensor's numbers, such as {@code ms} or {@code °C}, or {@code null}
 * @param diagnostic whether it tells about the device itself (a task's state, a clock offset)
 *        rather than about what the device senses or controls
 * @param options the states a text sensor of device class {@code enum} can have, else empty
 * @param command the event topic on which a switch is told what to do, such as
 *        {@code output.light.set} with the text {@code on} or {@code off}, or {@code null}
 */
public record Entity(String task, String id, String name, Kind kind, String pattern, Function<Event, ?> state,
        String deviceClass, String unit, boolean diagnostic, List<String> options, String command) {

    private static final Pattern ID = Pattern.compile("[a-z0-9_]*");

    /** What sort of thing an entity is, named as Home Assistant's components are. */
    public enum Kind {
        /** On or off: a contact, a connection. */
        BINARY_SENSOR,
        /** A number or a text: a value, a reading, a state among several. */
        SENSOR,
        /** On or off, and told to change: a relay, a lamp. */
        SWITCH;

        /**
         * The kind as written in topics and configurations.
         *
         * @return {@code binary_sensor}, {@code sensor} or {@code switch}
         */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Checks the parts.
     *
     * @param task the task that has it
     * @param id what tells it apart among the task's entities, or empty
     * @param name what a person calls it
     * @param kind its kind
     * @param pattern the events that carry its state
     * @param state reads the state from an event
     * @param deviceClass its device class, or null
     * @param unit its unit, or null
     * @param diagnostic whether it is about the device itself
     * @param options the states of an {@code enum} sensor, or empty
     * @param command the event topic of a switch's commands, or null
     * @throws IllegalArgumentException for a bad part, saying which
     */
    public Entity {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        id = id == null ? "" : id;
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("entity id: must be lower-case letters, digits and '_', got "
                    + Checks.quote(id));
        }
        if (!Events.isPattern(pattern)) {
            throw new IllegalArgumentException("entity pattern: must be an event topic, or a prefix ending in '*',"
                    + " got " + (pattern == null ? "null" : Checks.quote(pattern)));
        }
        if (deviceClass != null && !EntityClasses.of(kind).contains(deviceClass)) {
            throw new IllegalArgumentException("entity device class: must be one of Home Assistant's classes of a "
                    + kind.text() + ", such as " + EntityClasses.of(kind).getFirst() + ", got " + Checks.quote(deviceClass));
        }
        options = options == null ? List.of() : List.copyOf(options);
        if (kind == Kind.SWITCH && command == null) {
            throw new IllegalArgumentException("entity command: a switch needs the event topic of its commands");
        }
    }

    /**
     * An on/off sensor.
     *
     * @param task the task that has it
     * @param name what a person calls it
     * @param pattern the events that carry its state
     * @param state reads on ({@code true}) or off from an event, or returns {@code null}
     * @return the entity, the task's main one
     */
    public static Entity binarySensor(String task, String name, String pattern, Function<Event, Boolean> state) {
        return new Entity(task, "", name, Kind.BINARY_SENSOR, pattern, state, null, null, false, null, null);
    }

    /**
     * A sensor of numbers or text.
     *
     * @param task the task that has it
     * @param name what a person calls it
     * @param pattern the events that carry its state
     * @param state reads the value from an event, or returns {@code null}
     * @return the entity, the task's main one
     */
    public static Entity sensor(String task, String name, String pattern, Function<Event, ?> state) {
        return new Entity(task, "", name, Kind.SENSOR, pattern, state, null, null, false, null, null);
    }

    /**
     * Something switched on and off by commands.
     *
     * @param task the task that has it
     * @param name what a person calls it
     * @param pattern the events that carry its state
     * @param state reads on ({@code true}) or off from an event, or returns {@code null}
     * @param command the event topic on which it takes {@code on} and {@code off}
     * @return the entity, the task's main one
     */
    public static Entity toggle(String task, String name, String pattern, Function<Event, Boolean> state,
            String command) {
        return new Entity(task, "", name, Kind.SWITCH, pattern, state, null, null, false, null, command);
    }

    /**
     * This entity with another id, for a task with several.
     *
     * @param id lower-case letters, digits and {@code _}
     * @return the new entity
     */
    public Entity withId(String id) {
        return new Entity(task, id, name, kind, pattern, state, deviceClass, unit, diagnostic, options, command);
    }

    /**
     * This entity with a device class.
     *
     * @param deviceClass one of Home Assistant's classes of its kind, or null for none
     * @return the new entity
     */
    public Entity withDeviceClass(String deviceClass) {
        return new Entity(task, id, name, kind, pattern, state, deviceClass, unit, diagnostic, options, command);
    }

    /**
     * This entity with a unit.
     *
     * @param unit such as {@code ms}
     * @return the new entity
     */
    public Entity withUnit(String unit) {
        return new Entity(task, id, name, kind, pattern, state, deviceClass, unit, diagnostic, options, command);
    }

    /**
     * This entity as one about the device itself.
     *
     * @return the new entity
     */
    public Entity asDiagnostic() {
        return new Entity(task, id, name, kind, pattern, state, deviceClass, unit, true, options, command);
    }

    /**
     * This entity as a text sensor with a fixed set of states (device class {@code enum}).
     *
     * @param options the states it can have
     * @return the new entity
     */
    public Entity withOptions(List<String> options) {
        return new Entity(task, id, name, kind, pattern, state, "enum", unit, diagnostic, options, command);
    }

    /**
     * The entity's id on the device: the task's name, followed by {@code _} and {@link #id()} if it has one.
     *
     * @return such as {@code door} or {@code clock_offset}
     */
    public String objectId() {
        return id.isEmpty() ? task : task + "_" + id;
    }
}
