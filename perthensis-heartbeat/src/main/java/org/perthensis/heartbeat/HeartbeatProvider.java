package org.perthensis.heartbeat;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.perthensis.api.Checks;
import org.perthensis.api.Durations;
import org.perthensis.api.FieldException;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;

/**
 * Task type {@code heartbeat}: a status LED on a GPIO pin or a Linux LED device, blinking in a
 * pattern while the scheduler runs. See {@link Heartbeat} for the behaviour and {@link Config}
 * for the fields.
 *
 * <pre>{@code
 * { "type": "heartbeat", "name": "status", "pin": 17 }
 * { "type": "heartbeat", "name": "act", "led": "ACT",
 *   "alerts": [{ "on": "net.down", "until": "net.up", "pattern": [100, 100] }] }
 * }</pre>
 *
 * <p>A pin is driven through the runtime's Pi4J context, as an output with the id
 * {@code heartbeat-NAME}; it stays registered, left off, after the task ends, so the runtime
 * can report its final level, and a restart of the task replaces it.
 */
public final class HeartbeatProvider implements TaskProvider<HeartbeatProvider.Config> {

    /**
     * The configuration of one {@code heartbeat} task.
     *
     * @param pin the BCM GPIO number of the LED; give this or {@code led}
     * @param led the name of a Linux LED device such as {@code ACT} or {@code PWR}; give this or {@code pin}
     * @param invert whether the LED is lit by a low level, or by brightness 0 (default: false)
     * @param pattern on and off times in milliseconds, an even number of positive values
     *        (default: {@code [50, 100, 100, 750]})
     * @param resetHold how long the LED is held on at start, zero to skip (default: 2s)
     * @param alerts patterns shown while conditions signalled by events last (default: none)
     * @param ledBase the directory of LED devices, only with {@code led} (default: {@code /sys/class/leds})
     */
    public record Config(Integer pin, String led, Boolean invert, List<Integer> pattern, Duration resetHold,
            List<Alert> alerts, String ledBase) {

        /**
         * Supplies defaults and checks the values.
         *
         * @param pin the BCM GPIO number, or null
         * @param led the LED device name, or null
         * @param invert whether the LED is active low, or null for false
         * @param pattern on and off times in milliseconds, or null for the default
         * @param resetHold the hold at start, or null for 2 s
         * @param alerts the alerts, or null for none
         * @param ledBase the directory of LED devices, or null for {@code /sys/class/leds}
         * @throws FieldException for a bad value, naming the field
         */
        public Config {
            if (pin == null && led == null) {
                throw Checks.invalid("pin or led", "one is required; give a BCM GPIO number as pin (such as 17)"
                        + " or a Linux LED device as led (such as \"ACT\")");
            }
            if (pin != null && led != null) {
                throw Checks.invalid("pin or led", "must be only one of them, got both (pin " + pin + ", led "
                        + Checks.quote(led) + ")");
            }
            if (pin != null) {
                Checks.gpio("pin", pin);
            }
            if (led != null) {
                Checks.notBlank("led", led, "the name of a device in /sys/class/leds, such as \"ACT\" or \"PWR\"");
                if (led.contains("/") || led.equals(".") || led.equals("..")) {
                    throw Checks.invalid("led", "must be the name of a device in /sys/class/leds, such as \"ACT\" or"
                            + " \"PWR\", got " + Checks.quote(led));
                }
            }
            if (ledBase != null && led == null) {
                throw Checks.invalid("ledBase", "must be left out with pin, as it applies only to led, got "
                        + Checks.quote(ledBase));
            }
            if (ledBase != null) {
                Checks.notBlank("ledBase", ledBase, "a directory such as \"/sys/class/leds\"");
            }
            invert = invert != null && invert;
            pattern = pattern == null ? Heartbeat.DEFAULT_PATTERN : Patterns.pattern("pattern", pattern);
            resetHold = Checks.notNegative("resetHold", resetHold, Heartbeat.DEFAULT_RESET_HOLD);
            alerts = alerts == null ? List.of() : Patterns.alerts(alerts);
            if (led != null && ledBase == null) {
                ledBase = LedDevice.DEFAULT_BASE.toString();
            }
        }
    }

    /** Creates the provider; the runtime finds it with {@link java.util.ServiceLoader}. */
    public HeartbeatProvider() {
    }

    @Override
    public String type() {
        return "heartbeat";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Optional<String> description() {
        return Optional.of("a status LED (GPIO pin or Linux LED device) blinking while the loop is alive");
    }

    @Override
    public Task create(Config config, TaskEnvironment environment) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(environment, "environment");
        return config.pin() != null ? gpioTask(config, environment) : ledTask(config, environment);
    }

    private static Task gpioTask(Config config, TaskEnvironment env) {
        String name = env.taskName();
        // Looked up here, as the debounce tasks do: without GPIO the task is left out at creation,
        // rather than started only to fail, and restarted to fail again.
        Context pi4j = env.requireService(Context.class);
        // Claimed like the debounce inputs, so that an output and an input on one pin clash in the config.
        env.claim("gpio:" + config.pin()).ifPresent(owner -> {
            throw Checks.invalid("pin", "GPIO " + config.pin() + " is already used by task '" + owner
                    + "'; give the heartbeat a pin of its own");
        });
        String where = "gpio " + config.pin() + (config.invert() ? " (active low)" : "");
        return scheduler -> {
            DigitalOutput output = GpioLed.claim(pi4j, "heartbeat-" + name, "heartbeat " + name, config.pin(),
                    config.invert());
            try {
                beat(new GpioLed(output, config.invert()), where, config, env, scheduler);
            } finally {
                env.logger().log(INFO, () -> "heartbeat '" + name + "' stopped, gpio " + config.pin() + " left "
                        + output.state());
            }
        };
    }

    private static Task ledTask(Config config, TaskEnvironment env) {
        String name = env.taskName();
        String where = "led " + config.led() + (config.invert() ? " (inverted)" : "");
        return scheduler -> {
            LedDevice device = LedDevice.open(Path.of(config.ledBase()), config.led(), config.invert());
            try {
                beat(device, where + ", trigger " + device.savedTrigger() + " set to none", config, env, scheduler);
            } finally {
                String stopped = "heartbeat '" + name + "' stopped";
                try {
                    device.close();
                    env.logger().log(INFO, stopped + ", led " + config.led() + " back on trigger " + device.savedTrigger());
                } catch (IllegalStateException e) {
                    // Logged rather than thrown: it would hide why the task ended.
                    env.logger().log(WARNING, stopped + "; restoring trigger " + device.savedTrigger() + " failed: "
                            + e.getMessage());
                }
            }
        };
    }

    private static void beat(LedOutput output, String where, Config config, TaskEnvironment env, Scheduler scheduler) {
        String name = env.taskName();
        Heartbeat heartbeat = new Heartbeat(output, config.pattern(), config.resetHold(), config.alerts(), name,
                env.logger());
        env.logger().log(INFO, () -> "heartbeat '" + name + "' started on " + where + ": "
                + (config.resetHold().isZero() ? "" : "on for " + Durations.format(config.resetHold()) + ", then ")
                + "pattern " + config.pattern() + " ms"
                + config.alerts().stream()
                        .map(a -> "; alert " + a.on() + " until " + a.until() + ": " + a.pattern() + " ms")
                        .collect(Collectors.joining()));
        heartbeat.beat(scheduler);
    }
}
