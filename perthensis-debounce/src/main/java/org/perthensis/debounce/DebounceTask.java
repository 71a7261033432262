package org.perthensis.debounce;

import static java.lang.System.Logger.Level.INFO;

import com.pi4j.context.Context;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;

/** A {@code debounce} entry: attaches its pin to the shared debouncer while it runs. */
final class DebounceTask implements Task {

    private final DebounceConfig config;
    private final TaskEnvironment env;
    private final Context pi4j;
    private final TimerDebouncer pins;

    DebounceTask(DebounceConfig config, TaskEnvironment env, Context pi4j, TimerDebouncer pins) {
        this.config = config;
        this.env = env;
        this.pi4j = pi4j;
        this.pins = pins;
    }

    @Override
    public void run(Scheduler scheduler) {
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
}
