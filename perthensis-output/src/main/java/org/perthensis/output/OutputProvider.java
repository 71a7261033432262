package org.perthensis.output;

import com.pi4j.context.Context;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.perthensis.api.Checks;
import org.perthensis.api.FieldException;
import org.perthensis.api.Entities;
import org.perthensis.api.Entity;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;

/**
 * Task type {@code output}: a GPIO output line (a relay, a lamp, a buzzer) switched by
 * commands that arrive as events, with a safe state when it stops and a {@code maxOn} limit.
 *
 * <pre>{@code
 * { "type": "output", "name": "light", "pin": 22, "invert": true, "maxOn": "10min" }
 * }</pre>
 *
 * <p>Commands are {@code output.<name>.set} events whose payload is {@code on}, {@code off},
 * {@code toggle}, {@code pulse 2s} or a map such as {@code {"set": "pulse", "for": "2s"}};
 * the output is described as a switch entity ({@link Entities}), so the MQTT module hands it
 * what arrives on {@code <prefix>/command/<name>} and Home Assistant shows it as a switch.
 * Every change of state is published as {@code output.<name>} with {@code on}, {@code since}
 * and {@code why}.
 *
 * <p>The pin is driven through the runtime's Pi4J context, as an output with the id
 * {@code output-NAME}, whose on-state is the on level; it stays registered, in its safe state,
 * after the task ends, so the runtime can report its final level, and a restart of the task
 * replaces it.
 */
public final class OutputProvider implements TaskProvider<OutputProvider.Config> {

    private static final List<String> STATES = List.of("off", "on");

    /**
     * The configuration of one {@code output} task.
     *
     * @param pin the BCM GPIO number of the line; required
     * @param invert whether on is the LOW level, as for most relay boards (default: false)
     * @param initial the state when the task starts: {@code off} or {@code on} (default: off)
     * @param safe the state it is left in when the task stops, is cancelled or fails:
     *        {@code off} or {@code on} (default: off)
     * @param maxOn the longest it stays on at a stretch, whatever the commands say; positive
     *        (default: no limit)
     */
    public record Config(Integer pin, Boolean invert, String initial, String safe, Duration maxOn) {

        /**
         * Supplies defaults and checks the values.
         *
         * @param pin the BCM GPIO number
         * @param invert whether on is LOW, or null for false
         * @param initial the state at start, or null for off
         * @param safe the state when stopped, or null for off
         * @param maxOn the limit, or null for none
         * @throws FieldException for a bad value, naming the field
         */
        public Config {
            Checks.gpio("pin", pin);
            invert = invert != null && invert;
            initial = Checks.oneOf("initial", initial, "off", STATES);
            safe = Checks.oneOf("safe", safe, "off", STATES);
            maxOn = Checks.positive("maxOn", maxOn, null);
            if (maxOn != null && safe.equals("on")) {
                throw Checks.invalid("safe", "must be \"off\" with maxOn, as an output left on when it stops stays on"
                        + " for longer than maxOn, got \"on\"");
            }
        }
    }

    /** Creates the provider; the runtime finds it with {@link java.util.ServiceLoader}. */
    public OutputProvider() {
    }

    @Override
    public String type() {
        return "output";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Optional<String> description() {
        return Optional.of("a GPIO output (relay, lamp, buzzer) switched by output.<name>.set and MQTT commands,"
                + " with a safe state and maxOn");
    }

    @Override
    public Task create(Config config, TaskEnvironment environment) {
        Objects.requireNonNull(config, "config");
        String name = environment.taskName();
        // Looked up before the pin is claimed, as the heartbeat does: without GPIO the task is
        // left out at creation, holding no pin, instead of being started only to fail.
        Context pi4j = environment.requireService(Context.class);
        environment.claim("gpio:" + config.pin()).ifPresent(owner -> {
            throw Checks.invalid("pin", "GPIO " + config.pin() + " is already used by task '" + owner
                    + "'; give the output a pin of its own");
        });
        Entities.of(environment).add(Entity.toggle(name, name, "output." + name,
                e -> e.get("on") instanceof Boolean on ? on : null, "output." + name + ".set"));
        String where = "gpio " + config.pin() + (config.invert() ? " (active low)" : "");
        return new OutputTask(config, environment, () -> GpioPin.open(pi4j, "output-" + name, "output " + name,
                config.pin(), config.invert(), config.initial().equals("on"), config.safe().equals("on")), where);
    }
}
