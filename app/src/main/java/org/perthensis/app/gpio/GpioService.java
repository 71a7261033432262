package org.perthensis.app.gpio;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

import com.pi4j.context.Context;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.perthensis.app.config.GpioMode;

/**
 * The Pi4J context as a lazy service: Pi4J starts, and the choice of plugin is logged, on the
 * first lookup, so a config that uses no pin pays nothing for GPIO and logs no line about it.
 * When there is no GPIO the reason is logged once, on that first lookup, and every lookup finds
 * nothing. Thread-safe.
 */
public final class GpioService implements AutoCloseable {

    private final GpioChoice choice;
    private final GpioMode mode;
    private final System.Logger log;
    private final boolean announce;
    private boolean tried;
    private Gpio gpio;

    /**
     * A service that opens the chosen plugin when first asked.
     *
     * @param choice the plugin and why
     * @param mode the configured mode: with {@code auto} a real plugin that fails to start falls back to the mock
     * @param log where the choice is logged
     * @param announce whether to log the choice; {@code --check} does not
     */
    public GpioService(GpioChoice choice, GpioMode mode, System.Logger log, boolean announce) {
        this.choice = choice;
        this.mode = mode;
        this.log = log;
        this.announce = announce;
    }

    /**
     * The Pi4J plugins on the module path.
     *
     * @return their short names, such as {@code mock} for module {@code com.pi4j.plugin.mock}
     */
    public static Set<String> pluginsPresent() {
        return Gpio.pluginsPresent();
    }

    /**
     * Simulated pins for {@code --check}, which never touches hardware; silent.
     *
     * @param log where a failure to start the mock is logged
     * @return the service, empty if there is no mock plugin
     */
    public static GpioService simulated(System.Logger log) {
        GpioChoice mock = Gpio.pluginsPresent().contains(GpioChoice.MOCK)
                ? new GpioChoice(GpioChoice.MOCK, "--check simulates the pins", false)
                : new GpioChoice(null, "--check simulates the pins, and there is no pi4j-plugin-mock.jar", true);
        return new GpioService(mock, GpioMode.MOCK, log, false);
    }

    /**
     * The context, opened on the first call.
     *
     * @return the context, or empty if there is no GPIO (logged once)
     */
    public synchronized Optional<Context> context() {
        if (!tried) {
            tried = true;
            gpio = open();
        }
        return Optional.ofNullable(gpio).map(Gpio::context);
    }

    private Gpio open() {
        if (choice.plugin() == null) {
            if (announce) {
                log.log(WARNING, "gpio: " + choice.reason());
            }
            return null;
        }
        try {
            return announce ? Gpio.open(choice, mode, log) : Gpio.open(choice.plugin());
        } catch (RuntimeException e) {
            log.log(ERROR, e.getMessage() != null && e.getMessage().startsWith("gpio: ") ? e.getMessage()
                    : "gpio: Pi4J plugin " + choice.plugin() + " failed to start: " + e + "; tasks that use pins are left out", e);
            return null;
        }
    }

    /**
     * Whether Pi4J was started.
     *
     * @return true once a lookup opened the context
     */
    public synchronized boolean isOpen() {
        return gpio != null;
    }

    /**
     * The state every digital output was left in; see {@link Gpio#finalStates()}.
     *
     * @return one line per output, none if Pi4J was never started
     */
    public synchronized List<String> finalStates() {
        return gpio == null ? List.of() : gpio.finalStates();
    }

    /** Shuts Pi4J down if it was started; later lookups find nothing. */
    @Override
    public synchronized void close() {
        tried = true;
        if (gpio != null) {
            try {
                gpio.close();
            } catch (RuntimeException e) {
                log.log(WARNING, "gpio: shutting Pi4J down failed: " + e, e);
            } finally {
                gpio = null;
            }
        }
    }
}
