package org.perthensis.api;

import java.util.List;
import java.util.Objects;

/**
 * The entities every task of the runtime has described ({@link Entity}): what Home Assistant
 * discovery and a status page show of the device. Shared like the services: every environment
 * of one service registry (every task of the runtime, or of a test's {@code services} map) has
 * the same one. Tasks add theirs in {@link TaskProvider#create}, before the loop starts, so a
 * task that shows them reads the complete list once it runs.
 *
 * <pre>{@code
 * public Task create(Config config, TaskEnvironment env) {
 *     Entities.of(env).add(Entity.sensor(env.taskName(), env.taskName(), "rotary." + env.taskName(),
 *             e -> e.get("value")));
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface Entities {

    /**
     * Adds an entity, replacing one with the same task and id (a task created again).
     *
     * @param entity the entity
     */
    void add(Entity entity);

    /**
     * Every entity added, in the order added.
     *
     * @return a snapshot
     */
    List<Entity> all();

    /**
     * The registry of the environment's services, made on first use.
     *
     * @param environment a task's environment
     * @return the registry every task of the same services shares
     */
    static Entities of(TaskEnvironment environment) {
        Objects.requireNonNull(environment, "environment");
        synchronized (Entities.class) { // two environments of one registry may look at once
            return environment.service(Entities.class).orElseGet(() -> {
                Entities registry = new EntityRegistry();
                environment.provide(Entities.class, registry);
                return registry;
            });
        }
    }

    /**
     * Whether a text is one of Home Assistant's binary sensor device classes, for a task type
     * whose config names one (a door contact's {@code "deviceClass": "door"}).
     *
     * @param deviceClass the text
     * @return {@code true} for {@code door}, {@code window}, {@code motion} and the others Home Assistant lists
     */
    static boolean isBinarySensorClass(String deviceClass) {
        return EntityClasses.isBinarySensorClass(deviceClass);
    }
}
