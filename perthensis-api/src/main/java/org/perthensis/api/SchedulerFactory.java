package org.perthensis.api;

/**
 * The service interface a scheduler implementation provides; {@link Scheduler#create()}
 * finds it with {@link java.util.ServiceLoader}. The module {@code org.perthensis.loop}
 * provides the standard one.
 */
public interface SchedulerFactory {

    /**
     * Creates a scheduler.
     *
     * @param options the options collected by {@link Scheduler.Builder}
     * @return a new scheduler, not yet running
     */
    Scheduler create(SchedulerOptions options);
}
