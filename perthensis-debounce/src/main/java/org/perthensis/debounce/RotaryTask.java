package org.perthensis.debounce;

import static java.lang.System.Logger.Level.INFO;

import com.pi4j.context.Context;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;

/** A {@code rotary} entry: decodes its encoder while it runs; the value survives a restart. */
final class RotaryTask implements Task {

    private final RotaryConfig config;
    private final TaskEnvironment env;
    private final Context pi4j;
    private final String topic;
    private int value;

    RotaryTask(RotaryConfig config, TaskEnvironment env, Context pi4j) {
        this.config = config;
        this.env = env;
        this.pi4j = pi4j;
        this.topic = "rotary." + env.taskName();
        this.value = config.initial();
    }

    @Override
    public void run(Scheduler scheduler) {
        RotaryEncoder encoder = DecodingRotary.attach(scheduler, pi4j, config, value, this::turned, env.logger());
        try {
            env.logger().log(INFO, () -> "rotary '" + env.taskName() + "': watching clk " + config.clk()
                    + " and dt " + config.dt() + " (pull " + config.pull() + ", mode " + config.mode()
                    + (config.invert() ? ", inverted" : "") + (config.reverse() ? ", reversed" : "")
                    + "), value " + value + range());
            publish(0); // the value now, for whoever asks events().last(...)
            Forever.sleep(scheduler);
        } finally {
            encoder.close();
        }
    }

    private void turned(int delta, int newValue) {
        value = newValue;
        publish(delta);
    }

    private void publish(int delta) {
        env.events().publish(topic, Payloads.of("delta", delta, "value", value));
    }

    private String range() {
        if (config.min() == null && config.max() == null) {
            return "";
        }
        return " in " + (config.min() == null ? "" : config.min()) + ".." + (config.max() == null ? "" : config.max())
                + (config.wrap() ? ", wrapping" : "");
    }
}
