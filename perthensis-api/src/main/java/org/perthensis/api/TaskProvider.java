package org.perthensis.api;

import java.util.Optional;

/**
 * The service interface of a feature module: one task type usable from the runtime's JSON
 * configuration. A module declares {@code provides org.perthensis.api.TaskProvider with ...};
 * the runtime finds it with {@link java.util.ServiceLoader}, so dropping the jar on the module
 * path is all it takes.
 *
 * <p>The runtime binds a task's JSON fields strictly onto {@link #configType()}, a record:
 * unknown fields and wrong types are errors. The record's compact constructor supplies
 * defaults for missing (null) fields and rejects bad values with a {@link FieldException}
 * naming the field, made by {@link Checks} ({@code settle: must be positive, got 0s}); the
 * runtime reports it at that field's file, line and column. Fields of type
 * {@link java.time.Duration} accept the notation of {@link Durations}: {@code 250ms},
 * {@code 5s}, {@code 30min}, {@code 6h}, {@code 1h30m} and ISO-8601 such as {@code PT6H}. The
 * other field types a config file can give: {@code String}, numbers (primitives, their boxes,
 * {@code BigInteger}, {@code BigDecimal}), booleans, enums (their names in any case), nested
 * records, lists, sets, arrays, maps by string keys, and {@code Object} for any JSON value (a
 * {@code String}, an {@code Integer}, {@code Long} or {@code BigInteger}, a {@code Double}, a
 * {@code Boolean}, a map or a list);
 * a provider whose record has another field type is left out at start, saying which. The
 * record must be public and in a package the module exports (feature modules are libraries
 * too); the binder needs nothing opened.
 *
 * <pre>{@code
 * public final class CounterProvider implements TaskProvider<CounterProvider.Config> {
 *     public record Config(Duration every) {
 *         public Config { every = Checks.positive("every", every, Duration.ofSeconds(1)); }
 *     }
 *     public String type() { return "counter"; }
 *     public Class<Config> configType() { return Config.class; }
 *     public Task create(Config config, TaskEnvironment env) {
 *         return s -> { for (long x = 1; ; x++) { env.logger().log(INFO, "{0}", x); s.sleep(config.every()); } };
 *     }
 * }
 * }</pre>
 *
 * @param <C> the config record type
 */
public interface TaskProvider<C extends Record> {

    /**
     * The type name used in the configuration's {@code "type"} field, such as {@code heartbeat}.
     *
     * @return the type name: lower case letters, digits and dashes
     */
    String type();

    /**
     * The record the task's configuration is bound onto.
     *
     * @return the config record class
     */
    Class<C> configType();

    /**
     * Creates the task for one configured entry. Called once per entry before the loop starts;
     * the runtime may run the returned task again after a failure, so it sets up what it needs
     * each time it runs and cleans up in {@code finally}.
     *
     * @param config the bound configuration
     * @param environment the task's name, events, clock, logger and services
     * @return the task to run
     * @throws FieldException for a configuration that is valid alone but not here, such as a
     *         pin another task uses; the runtime reports it at that field
     */
    Task create(C config, TaskEnvironment environment);

    /**
     * One line for the runtime's {@code --list}.
     *
     * @return a short description, or empty
     */
    default Optional<String> description() {
        return Optional.empty();
    }
}
