package org.perthensis.app.gpio;

import java.util.Set;
import org.perthensis.app.config.GpioMode;

/**
 * Which Pi4J plugin drives the pins, and why, decided from {@code gpio.provider}, what the
 * machine has and the plugin jars on the module path. Logged as Pi4J logs its own provider decisions.
 *
 * @param plugin {@code gpiod}, {@code linuxfs} or {@code mock}; null when none can be used
 * @param reason why, for the log line
 * @param degraded whether this is worse than the board allows, which deserves a warning
 */
public record GpioChoice(String plugin, String reason, boolean degraded) {

    /** The plugin for the Linux GPIO character device. */
    public static final String GPIOD = "gpiod";
    /** The plugin for the legacy sysfs interface. */
    public static final String LINUXFS = "linuxfs";
    /** The plugin that simulates pins. */
    public static final String MOCK = "mock";

    /**
     * Decides.
     *
     * @param mode the configured {@code gpio.provider}
     * @param machine what the machine has
     * @param plugins the Pi4J plugins on the module path: {@code gpiod}, {@code linuxfs}, {@code mock}
     * @return the choice
     * @throws IllegalArgumentException if the configured plugin is not on the module path or
     *     cannot work on this machine; the message says what to do
     */
    public static GpioChoice decide(GpioMode mode, Machine machine, Set<String> plugins) {
        if (mode != GpioMode.AUTO) {
            return explicit(mode.text(), machine, plugins);
        }
        if (machine.isRaspberryPi()) {
            String pi = "this is a " + machine.model();
            if (plugins.contains(GPIOD) && !machine.gpioChips().isEmpty()) {
                return new GpioChoice(GPIOD, pi + " with " + machine.gpioChips().get(0), false);
            }
            String noGpiod = plugins.contains(GPIOD) ? "no /dev/gpiochip*" : "no pi4j-plugin-gpiod.jar";
            if (plugins.contains(LINUXFS) && machine.sysfsGpio()) {
                return new GpioChoice(LINUXFS, pi + " with /sys/class/gpio but " + noGpiod, false);
            }
            String noLinuxfs = plugins.contains(LINUXFS) ? "no /sys/class/gpio" : "no pi4j-plugin-linuxfs.jar";
            return simulated(plugins, pi + ", but with " + noGpiod + " and " + noLinuxfs, true);
        }
        return simulated(plugins, "not a Raspberry Pi (" + (machine.model() == null
                ? "no /proc/device-tree/model" : machine.model()) + ")", false);
    }

    private static GpioChoice explicit(String plugin, Machine machine, Set<String> plugins) {
        if (!plugins.contains(plugin)) {
            throw new IllegalArgumentException("\"" + plugin + "\" needs pi4j-plugin-" + plugin
                    + ".jar, which is not on the module path; add it, or use \"auto\"");
        }
        // Pi4J opens these plugins without a device and fails only at each pin, again at every restart.
        if (plugin.equals(GPIOD) && machine.gpioChips().isEmpty()) {
            throw new IllegalArgumentException("\"gpiod\" cannot work on this machine: it has no /dev/gpiochip*;"
                    + " use \"auto\" to simulate the pins here, or \"mock\"");
        }
        if (plugin.equals(LINUXFS) && !machine.sysfsGpio()) {
            throw new IllegalArgumentException("\"linuxfs\" cannot work on this machine: it has no /sys/class/gpio;"
                    + " use \"auto\" to simulate the pins here, or \"mock\"");
        }
        return new GpioChoice(plugin, "gpio.provider is \"" + plugin + "\"", false);
    }

    private static GpioChoice simulated(Set<String> plugins, String why, boolean degraded) {
        if (plugins.contains(MOCK)) {
            return new GpioChoice(MOCK, why + ": pins are simulated by Pi4J's mock plugin", degraded);
        }
        return new GpioChoice(null, why + ", and no pi4j-plugin-mock.jar either: no GPIO, so tasks that use pins"
                + " are left out; add pi4j-plugin-mock.jar to simulate them", true);
    }
}
