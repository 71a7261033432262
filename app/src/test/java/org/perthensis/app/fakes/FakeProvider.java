package org.perthensis.app.fakes;

import java.util.Optional;
import java.util.function.BiFunction;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;

/** A provider assembled from parts, for tests that pass providers by hand instead of discovering them. */
public final class FakeProvider<C extends Record> implements TaskProvider<C> {

    private final String type;
    private final Class<C> config;
    private final BiFunction<C, TaskEnvironment, Task> create;

    public FakeProvider(String type, Class<C> config, BiFunction<C, TaskEnvironment, Task> create) {
        this.type = type;
        this.config = config;
        this.create = create;
    }

    public static <C extends Record> FakeProvider<C> of(String type, Class<C> config) {
        return new FakeProvider<>(type, config, (c, env) -> s -> s.sleep(Long.MAX_VALUE / 4));
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Class<C> configType() {
        return config;
    }

    @Override
    public Task create(C c, TaskEnvironment environment) {
        return create.apply(c, environment);
    }

    @Override
    public Optional<String> description() {
        return Optional.of("a " + type + " for tests");
    }
}
