package org.perthensis.app.run;

import static java.lang.System.Logger.Level.ERROR;

import java.util.List;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.app.config.Plan;
import org.perthensis.app.gpio.GpioService;

/**
 * A config file whose tasks are all created and none started: what {@code --check} reports on
 * and what a {@link Launch} starts. Owns the GPIO until a launch takes it over.
 */
public final class Prepared implements AutoCloseable {

    /**
     * A task its provider created.
     *
     * @param entry its place in the plan
     * @param task the task to run
     */
    record Created(Plan.Entry entry, Task task) {
    }

    private final Plan plan;
    private final Scheduler scheduler;
    private final TaskStates states;
    private final GpioService gpio;
    private final List<Created> created;
    private final RuntimeRestart restart;

    Prepared(Plan plan, Scheduler scheduler, TaskStates states, GpioService gpio, List<Created> created,
            RuntimeRestart restart) {
        this.plan = plan;
        this.scheduler = scheduler;
        this.states = states;
        this.gpio = gpio;
        this.created = List.copyOf(created);
        this.restart = restart;
    }

    /**
     * The bound config file.
     *
     * @return the plan
     */
    public Plan plan() {
        return plan;
    }

    /**
     * How many configured tasks could not be created (each was logged) and are left out.
     *
     * @return the count; tasks whose type is absent are not counted, they are the plan's skipped ones
     */
    public int leftOut() {
        return plan.tasks().size() - created.size();
    }

    /**
     * The tasks created, in file order.
     *
     * @return their names and types, such as {@code door: debounce}
     */
    public List<String> describe() {
        return created.stream().map(c -> c.entry().name() + ": " + c.entry().type()).toList();
    }

    /**
     * Logs, if no configured task was created, that there is nothing to run; a check and a run
     * both end there, with exit code 1.
     *
     * @param extras how many tasks the run adds that are not in the file (the demo's counter)
     * @return true if there is nothing to run
     */
    public boolean nothingToRun(int extras) {
        if (created.isEmpty() && extras == 0) {
            Preparation.LOG.log(ERROR, "nothing to run: no task in " + plan.source().name() + " could be started");
            return true;
        }
        return false;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    TaskStates states() {
        return states;
    }

    GpioService gpio() {
        return gpio;
    }

    List<Created> created() {
        return created;
    }

    RuntimeRestart restart() {
        return restart;
    }

    /** Shuts Pi4J down if a task's creation started it. */
    @Override
    public void close() {
        gpio.close();
    }
}
