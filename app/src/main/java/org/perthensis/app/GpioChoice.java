package org.perthensis.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Which Pi4J plugin drives the pins, and why, decided from {@code gpio.provider}, the board and
 * the plugin jars on the module path. Logged as Pi4J logs its own provider decisions.
 *
 * @param plugin {@code gpiod}, {@code linuxfs} or {@code mock}; null when none can be used
 * @param reason why, for the log line
 * @param degraded whether this is worse than the board allows, which deserves a warning
 */
record GpioChoice(String plugin, String reason, boolean degraded) {

    static final String GPIOD = "gpiod";
    static final String LINUXFS = "linuxfs";
    static final String MOCK = "mock";

    /**
     * What matters about the machine.
     *
     * @param model the device-tree model, such as {@code Raspberry Pi 4 Model B Rev 1.4}, or null
     * @param gpioChip whether {@code /dev/gpiochip0} exists (gpiod needs it)
     * @param sysfsGpio whether {@code /sys/class/gpio} exists (linuxfs needs it)
     */
    record Board(String model, boolean gpioChip, boolean sysfsGpio) {

        static Board detect() {
            String model = null;
            try {
                model = Files.readString(Path.of("/proc/device-tree/model"), StandardCharsets.US_ASCII)
                        .replace("\0", "").strip();
            } catch (IOException | SecurityException e) {
                // not a device-tree machine: a laptop or a server
            }
            return new Board(model, Files.exists(Path.of("/dev/gpiochip0")), Files.exists(Path.of("/sys/class/gpio")));
        }

        boolean isRaspberryPi() {
            return model != null && model.startsWith("Raspberry Pi");
        }
    }

    /**
     * Decides.
     *
     * @param mode the configured {@code gpio.provider}
     * @param board the machine
     * @param plugins the Pi4J plugins on the module path: {@code gpiod}, {@code linuxfs}, {@code mock}
     * @return the choice
     * @throws IllegalArgumentException if the configured plugin is not on the module path; the message says which jar to add
     */
    static GpioChoice decide(GpioMode mode, Board board, Set<String> plugins) {
        if (mode != GpioMode.AUTO) {
            String plugin = mode.text();
            if (!plugins.contains(plugin)) {
                throw new IllegalArgumentException("\"" + plugin + "\" needs pi4j-plugin-" + plugin
                        + ".jar, which is not on the module path; add it, or use \"auto\"");
            }
            return new GpioChoice(plugin, "gpio.provider is \"" + plugin + "\"", false);
        }
        if (board.isRaspberryPi()) {
            String pi = "this is a " + board.model();
            if (plugins.contains(GPIOD) && board.gpioChip()) {
                return new GpioChoice(GPIOD, pi + " with /dev/gpiochip0", false);
            }
            String noGpiod = plugins.contains(GPIOD) ? "no /dev/gpiochip0" : "no pi4j-plugin-gpiod.jar";
            if (plugins.contains(LINUXFS) && board.sysfsGpio()) {
                return new GpioChoice(LINUXFS, pi + " with /sys/class/gpio but " + noGpiod, false);
            }
            String noLinuxfs = plugins.contains(LINUXFS) ? "no /sys/class/gpio" : "no pi4j-plugin-linuxfs.jar";
            return simulated(plugins, pi + ", but with " + noGpiod + " and " + noLinuxfs, true);
        }
        return simulated(plugins, "not a Raspberry Pi (" + (board.model() == null
                ? "no /proc/device-tree/model" : board.model()) + ")", false);
    }

    private static GpioChoice simulated(Set<String> plugins, String why, boolean degraded) {
        if (plugins.contains(MOCK)) {
            return new GpioChoice(MOCK, why + ": pins are simulated by Pi4J's mock plugin", degraded);
        }
        return new GpioChoice(null, why + ", and no pi4j-plugin-mock.jar either: no GPIO, so tasks that use pins"
                + " will fail; add pi4j-plugin-mock.jar to simulate them", true);
    }
}
