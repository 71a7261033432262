package org.perthensis.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link TaskProvider} gets besides its configuration: the task's name, the scheduler
 * it runs on with its events and clock, a logger, and services shared between tasks by type.
 * A task reaches everything through this one object.
 *
 * <p>The runtime registers the services it owns, such as the Pi4J context
 * ({@code com.pi4j.context.Context}); a task may register one for others, such as a
 * corrected {@link WallClock}. A service's type must be visible to both sides, so it comes
 * from this API, the JDK or a library both modules require, never from another feature module.
 */
public interface TaskEnvironment {

    /**
     * An environment for running a provider's task without the runtime: in a test, or from
     * plain Java. Environments made with the same {@code services} map share their services.
     *
     * @param taskName the task's name
     * @param scheduler the scheduler whose events and clock the task uses
     * @param logger the task's logger
     * @param services the shared, mutable service registry, keyed by service type
     * @return the environment
     */
    static TaskEnvironment of(String taskName, Scheduler scheduler, System.Logger logger,
            Map<Class<?>, Object> services) {
        return new SimpleTaskEnvironment(Objects.requireNonNull(taskName, "taskName"),
                Objects.requireNonNull(scheduler, "scheduler"), Objects.requireNonNull(logger, "logger"),
                Objects.requireNonNull(services, "services"));
    }

    /**
     * The configured task name, unique within the configuration.
     *
     * @return the task's name
     */
    String taskName();

    /**
     * The scheduler the task runs on: the one its {@link Task#run(Scheduler)} receives, known
     * already when the provider creates the task, so that listeners, timers and posts from
     * other threads can be set up before the first run.
     *
     * @return the scheduler
     */
    Scheduler scheduler();

    /**
     * The scheduler's events.
     *
     * @return the events
     */
    default Events events() {
        return scheduler().events();
    }

    /**
     * The scheduler's clock.
     *
     * @return the clock
     */
    default Clock clock() {
        return scheduler().clock();
    }

    /**
     * A logger named after the task's module and task, such as {@code perthensis.heartbeat.status}.
     *
     * @return the logger
     */
    System.Logger logger();

    /**
     * Looks up a shared service.
     *
     * @param type the service type
     * @param <S> the service type
     * @return the service, or empty if nothing registered one
     */
    <S> Optional<S> service(Class<S> type);

    /**
     * Looks up a shared service that the task cannot work without.
     *
     * @param type the service type
     * @param <S> the service type
     * @return the service
     * @throws IllegalStateException if nothing registered one; the message names the type
     */
    default <S> S requireService(Class<S> type) {
        return service(type).orElseThrow(() -> new IllegalStateException(
                "task '" + taskName() + "' needs a " + type.getName() + " service, and none is registered"));
    }

    /**
     * Registers a service for other tasks, replacing any earlier one of the same type.
     *
     * @param type the type others look it up by
     * @param service the service
     * @param <S> the service type
     */
    <S> void provide(Class<S> type, S service);

    /**
     * Claims for this task something only one task may use, so that two tasks configured with
     * it are a configuration error found before anything starts. Providers claim in
     * {@link TaskProvider#create}; the runtime's {@code --check} creates every task and so
     * finds every clash. Claims are shared like services, across task types and modules, so
     * every module spells a kind of resource the same way: {@code gpio:17} for BCM GPIO 17.
     *
     * <pre>{@code
     * env.claim("gpio:" + pin).ifPresent(holder -> {
     *     throw Checks.invalid("pin", "GPIO " + pin + " is already used by task '" + holder + "'");
     * });
     * }</pre>
     *
     * @param resource what to claim, such as {@code gpio:17}
     * @return empty if this task holds it now (or held it already), else the name of the task
     *     that holds it; the claim is not taken then
     */
    default Optional<String> claim(String resource) {
        Objects.requireNonNull(resource, "resource");
        Claims claims;
        synchronized (Claims.class) { // two environments of one registry may claim at once
            claims = service(Claims.class).orElse(null);
            if (claims == null) {
                claims = new Claims();
                provide(Claims.class, claims);
            }
        }
        return claims.claim(resource, taskName());
    }
}
