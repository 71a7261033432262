package org.perthensis.loop;

import org.perthensis.api.Scheduler;
import org.perthensis.api.SchedulerFactory;
import org.perthensis.api.SchedulerOptions;

/** Creates the standard cooperative scheduler. */
public final class LoopSchedulerFactory implements SchedulerFactory {

    /** Used by {@link java.util.ServiceLoader}. */
    public LoopSchedulerFactory() {
    }

    @Override
    public Scheduler create(SchedulerOptions options) {
        return new Loop(options);
    }
}
