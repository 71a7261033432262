/**
 * The Perthensis API: tasks, the cooperative {@link org.perthensis.api.Scheduler}, events,
 * clocks, managed resources, and the two service interfaces that plug modules together.
 *
 * <p>This module depends on {@code java.base} only. A scheduler implementation comes from
 * another module on the module path, normally {@code org.perthensis.loop}.
 *
 * @uses org.perthensis.api.SchedulerFactory
 */
module org.perthensis.api {
    exports org.perthensis.api;

    uses org.perthensis.api.SchedulerFactory;
}
