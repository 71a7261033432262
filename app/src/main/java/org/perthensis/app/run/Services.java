package org.perthensis.app.run;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The services tasks share, by type: those the runtime registers (the task list), those a
 * task provides (a corrected wall clock, the claims), and lazy ones that are made on the
 * first lookup (the Pi4J context). Thread-safe.
 */
final class Services {

    private final Map<Class<?>, Object> provided = new ConcurrentHashMap<>();
    private final Map<Class<?>, Supplier<? extends Optional<?>>> lazy = new ConcurrentHashMap<>();
    private final Map<Class<?>, String> absent = new ConcurrentHashMap<>();

    <S> Optional<S> get(Class<S> type) {
        Object service = provided.get(type);
        if (service == null) {
            Supplier<? extends Optional<?>> maker = lazy.get(type);
            service = maker == null ? null : maker.get().orElse(null);
        }
        return Optional.ofNullable(type.cast(service));
    }

    <S> void put(Class<S> type, S service) {
        provided.put(type, type.cast(Objects.requireNonNull(service, "service")));
    }

    /**
     * Registers a service made on its first lookup; {@code maker} remembers what it made.
     *
     * @param type the service type
     * @param maker what makes it, or finds there is none
     * @param whenAbsent what a task that needs it is told when there is none
     */
    <S> void lazy(Class<S> type, Supplier<Optional<S>> maker, String whenAbsent) {
        lazy.put(type, maker);
        absent.put(type, whenAbsent);
    }

    /**
     * What to tell a task whose required service is absent.
     *
     * @param type the service type
     * @return the explanation, if the runtime knows why
     */
    Optional<String> whyAbsent(Class<?> type) {
        return Optional.ofNullable(absent.get(type));
    }
}
