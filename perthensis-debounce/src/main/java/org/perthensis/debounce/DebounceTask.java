package org.perthensis.debounce;

import static java.lang.System.Logger.Level.INFO;

import com.pi4j.context.Context;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;

/** A {@code debounce} entry: attaches its pin to the scheduler's shared debouncer while it runs. */
final class DebounceTask implements Task {

    private final DebounceConfig config;
    private final TaskEnvironment env;
    private final Context pi4j;

    DebounceTask(DebounceConfig config, TaskEnvironment env, Context pi4j) {
        this.config = config;
        this.env = env;
        this.pi4j = pi4j;
    }

    @Override
    public void run(Scheduler scheduler) {
        TimerDebouncer pins = shared(scheduler);
        String name = env.taskName();
        pins.attach(pi4j, config, new PinEvents(env.events(), name, env.logger()), env.logger());
        try {
            env.logger().log(INFO, () -> "debounce '" + name + "': watching pin " + config.pin()
                    + " (pull " + config.pull() + (config.invert() ? ", inverted" : "")
                    + ", settle " + Durations.format(config.settle()) + ")");
            Forever.sleep(scheduler);
        } finally {
            pins.remove(config.pin());
        }
    }

    /** The scheduler's shared debouncer, kept as a service under this module's own key. */
    private TimerDebouncer shared(Scheduler scheduler) {
        TimerDebouncer pins = env.service(TimerDebouncer.class).orElse(null);
        if (pins == null || pins.scheduler() != scheduler) {
            pins = new TimerDebouncer(scheduler);
            env.provide(TimerDebouncer.class, pins);
        }
        return pins;
    }
}
