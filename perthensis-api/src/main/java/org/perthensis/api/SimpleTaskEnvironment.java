package org.perthensis.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The environment behind {@link TaskEnvironment#of}. */
record SimpleTaskEnvironment(String taskName, Scheduler scheduler, System.Logger logger,
        Map<Class<?>, Object> services) implements TaskEnvironment {

    @Override
    public <S> Optional<S> service(Class<S> type) {
        return Optional.ofNullable(type.cast(services.get(type)));
    }

    @Override
    public <S> void provide(Class<S> type, S service) {
        services.put(type, type.cast(Objects.requireNonNull(service, "service")));
    }
}
