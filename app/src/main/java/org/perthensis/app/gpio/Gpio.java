package org.perthensis.app.gpio;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.extension.Plugin;
import com.pi4j.extension.PluginService;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.io.spi.SpiProvider;
import com.pi4j.platform.Platform;
import com.pi4j.provider.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.perthensis.app.config.GpioMode;

/**
 * The one Pi4J context, owned by the app and handed to tasks as the service
 * {@code com.pi4j.context.Context}. It is built from exactly one plugin: Pi4J's own
 * auto-detection would load every plugin jar on the module path at once. The gpiod plugin
 * drives GPIO lines only, so with it the linuxfs plugin's I2C and SPI providers come along
 * (and none of its GPIO ones, which would compete for the pins).
 */
final class Gpio implements AutoCloseable {

    private static final String PLUGIN_MODULE_PREFIX = "com.pi4j.plugin.";
    private static final String LINUXFS_MODULE = PLUGIN_MODULE_PREFIX + GpioChoice.LINUXFS;

    private final String pluginName;
    private final Plugin plugin;
    private final Context context;

    private Gpio(String pluginName, Plugin plugin, Context context) {
        this.pluginName = pluginName;
        this.plugin = plugin;
        this.context = context;
    }

    /**
     * The Pi4J plugins on the module path.
     *
     * @return their short names, such as {@code mock} for module {@code com.pi4j.plugin.mock}
     */
    static Set<String> pluginsPresent() {
        return ServiceLoader.load(Plugin.class).stream()
                .map(p -> p.type().getModule().getName())
                .filter(m -> m != null && m.startsWith(PLUGIN_MODULE_PREFIX))
                .map(m -> m.substring(PLUGIN_MODULE_PREFIX.length()))
                .collect(Collectors.toSet());
    }

    /**
     * Opens the context the choice names, logging the choice. With {@code auto}, a real plugin
     * that fails to start falls back to the mock one with a warning.
     *
     * @param choice the plugin and the reason
     * @param mode the configured mode
     * @param log where the decision is logged
     * @return the context's owner
     * @throws IllegalStateException if the plugin fails to start and there is nothing to fall back to
     */
    static Gpio open(GpioChoice choice, GpioMode mode, System.Logger log) {
        log.log(choice.degraded() ? WARNING : INFO, "gpio: using Pi4J plugin " + choice.plugin() + ": " + choice.reason());
        try {
            return open(choice.plugin());
        } catch (RuntimeException e) {
            if (mode != GpioMode.AUTO || choice.plugin().equals(GpioChoice.MOCK) || !pluginsPresent().contains(GpioChoice.MOCK)) {
                throw new IllegalStateException("gpio: Pi4J plugin " + choice.plugin() + " failed to start: " + e, e);
            }
            log.log(WARNING, "gpio: Pi4J plugin " + choice.plugin() + " failed to start (" + e
                    + "); falling back to the mock plugin: pins are simulated");
            return open(GpioChoice.MOCK);
        }
    }

    /**
     * Opens a context with one plugin's providers and nothing else.
     *
     * @param name the plugin's short name, such as {@code mock}
     * @return the context's owner
     */
    static Gpio open(String name) {
        Plugin plugin = ServiceLoader.load(Plugin.class).stream()
                .filter(p -> (PLUGIN_MODULE_PREFIX + name).equals(p.type().getModule().getName()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("pi4j-plugin-" + name + ".jar is not on the module path"))
                .get();
        Extensions found = new Extensions();
        try {
            plugin.initialize(found);
            if (name.equals(GpioChoice.GPIOD)) {
                found.addBusesOf(LINUXFS_MODULE);
            }
        } finally {
            found.closeScratch();
        }
        Context context = found.addTo(Pi4J.newContextBuilder()
                .noAutoDetect()
                .noAutoInject()
                .disableShutdownHook()) // the app shuts Pi4J down itself, after the tasks' finally blocks
                .build();
        return new Gpio(name, plugin, context);
    }

    String pluginName() {
        return pluginName;
    }

    Context context() {
        return context;
    }

    /**
     * The state every digital output is left in, one line each, for the log at shutdown: the
     * proof from outside that an LED was left off.
     *
     * @return such as {@code gpio 17 (heartbeat-status) left LOW (off)}, by pin number
     */
    List<String> finalStates() {
        return context.registry().all().values().stream()
                .filter(io -> io instanceof DigitalOutput)
                .map(io -> (DigitalOutput) io)
                .sorted(Comparator.comparing((DigitalOutput out) -> out.config().address(),
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .map(out -> "gpio " + out.config().address() + " (" + out.id() + ") left " + out.state()
                        + (out.isOn() ? " (on)" : " (off)"))
                .toList();
    }

    /** Shuts the context down, which releases every pin, then the plugin. */
    @Override
    public void close() {
        try {
            context.shutdown();
        } finally {
            plugin.shutdown(context);
        }
    }

    /** Collects what a plugin registers, as Pi4J's runtime does during auto-detection. */
    private static final class Extensions implements PluginService {
        private final List<Provider<?, ?, ?>> providers = new ArrayList<>();
        private final List<Platform> platforms = new ArrayList<>();
        private Context scratch;

        @Override
        public Context context() {
            // Only some plugins read it (linuxfs, for its properties), and only while registering.
            if (scratch == null) {
                scratch = Pi4J.newContextBuilder().noAutoDetect().noAutoInject().disableShutdownHook().build();
            }
            return scratch;
        }

        @Override
        @SuppressWarnings("rawtypes") // Pi4J declares the parameter with a raw type
        public PluginService register(Provider... provider) {
            for (Provider<?, ?, ?> p : provider) {
                providers.add(p);
            }
            return this;
        }

        @Override
        public PluginService register(Platform... platform) {
            platforms.addAll(List.of(platform));
            return this;
        }

        /** Adds the bus providers of another plugin, if its jar is on the module path. */
        void addBusesOf(String module) {
            Extensions other = new Extensions();
            try {
                ServiceLoader.load(Plugin.class).stream()
                        .filter(p -> module.equals(p.type().getModule().getName()))
                        .findFirst()
                        .ifPresent(p -> p.get().initialize(other));
            } finally {
                other.closeScratch();
            }
            other.providers.stream().filter(p -> p instanceof I2CProvider || p instanceof SpiProvider).forEach(providers::add);
        }

        com.pi4j.context.ContextBuilder addTo(com.pi4j.context.ContextBuilder builder) {
            return builder.add(platforms.toArray(Platform[]::new)).add(providers.toArray(Provider[]::new));
        }

        void closeScratch() {
            if (scratch != null) {
                scratch.shutdown();
            }
        }
    }
}
