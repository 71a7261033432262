package org.perthensis.output;

import static java.lang.System.Logger.Level.INFO;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Subscription;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;

/** An {@code output} entry: opens its pin, follows its commands, and leaves the pin safe however it ends. */
final class OutputTask implements Task {

    private final OutputProvider.Config config;
    private final TaskEnvironment env;
    private final Supplier<Pin> pins;
    private final String where;
    private final Commands commands;
    /** The switch of the current run, for the metric; null before the first. */
    private Switch current;

    OutputTask(OutputProvider.Config config, TaskEnvironment env, Supplier<Pin> pins, String where) {
        this.config = config;
        this.env = env;
        this.pins = pins;
        this.where = where;
        this.commands = new Commands(env.taskName(), env.scheduler(), env.logger());
        env.service(Metrics.class).ifPresent(m -> {
            Map<String, String> labels = Map.of("task", env.taskName());
            m.gauge("perthensis_output_on", "1 while the output is on", labels,
                    () -> current != null && current.isOn() ? 1 : 0);
            m.counter("perthensis_output_unreadable_commands_total", "Commands the output could not read and ignored",
                    labels, commands::rejected);
        });
    }

    @Override
    public void run(Scheduler scheduler) {
        Pin pin = pins.get();
        Switch state = new Switch(env.taskName(), config, scheduler, env.logger(), pin);
        current = state;
        Throwable failure = null;
        try (Subscription listening = commands.listen()) {
            state.start(where);
            while (true) {
                for (Command c = commands.poll(); c != null; c = commands.poll()) {
                    state.apply(c);
                }
                state.expire();
                Optional<Duration> due = state.untilDue();
                if (due.isPresent()) {
                    scheduler.events().await(commands.topic(), due.get());
                } else {
                    scheduler.events().await(commands.topic());
                }
            }
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            try {
                state.stop();
            } catch (RuntimeException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e); // the first failure says why the task ended
            }
            env.logger().log(INFO, () -> "output '" + env.taskName() + "' stopped, gpio " + config.pin() + " left "
                    + pin.level() + " (" + (state.isOn() ? "on" : "off") + ")");
        }
    }
}
