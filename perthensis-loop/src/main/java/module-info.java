/**
 * The standard Perthensis scheduler: tasks on virtual threads that hand a single turn
 * between them, a platform thread that sleeps until the next timer, and a virtual clock
 * for tests.
 *
 * @provides org.perthensis.api.SchedulerFactory
 */
module org.perthensis.loop {
    requires org.perthensis.api;

    provides org.perthensis.api.SchedulerFactory with org.perthensis.loop.LoopSchedulerFactory;
}
