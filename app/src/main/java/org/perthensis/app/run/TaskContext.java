package org.perthensis.app.run;

import java.util.Objects;
import java.util.Optional;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;

/**
 * What a configured task gets from the runtime: its name, the scheduler it runs on, its
 * logger and the shared {@link Services}, claims included (the API keeps them as a service).
 *
 * @param taskName the task's name
 * @param scheduler the scheduler
 * @param logger the task's logger
 * @param services the services shared by every task of the run
 */
record TaskContext(String taskName, Scheduler scheduler, System.Logger logger, Services services)
        implements TaskEnvironment {

    TaskContext {
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(services, "services");
    }

    @Override
    public <S> Optional<S> service(Class<S> type) {
        return services.get(type);
    }

    @Override
    public <S> S requireService(Class<S> type) {
        return service(type).orElseThrow(() -> new IllegalStateException("task '" + taskName + "' needs "
                + services.whyAbsent(type).orElse("a " + type.getName() + " service, and none is registered")));
    }

    @Override
    public <S> void provide(Class<S> type, S service) {
        services.put(type, service);
    }
}
