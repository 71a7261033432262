package org.perthensis.app.gpio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What matters about the machine for GPIO, read below a root folder, so tests can fake a
 * Raspberry Pi in a temporary folder.
 *
 * @param model the device-tree model, such as {@code Raspberry Pi 4 Model B Rev 1.4}, or null
 * @param gpioChips the GPIO character devices, such as {@code /dev/gpiochip0}, sorted (gpiod needs one)
 * @param sysfsGpio whether {@code /sys/class/gpio} exists (linuxfs needs it)
 */
public record Machine(String model, List<String> gpioChips, boolean sysfsGpio) {

    /**
     * Checks the facts.
     *
     * @param model the model, or null
     * @param gpioChips the chips' paths
     * @param sysfsGpio whether sysfs GPIO exists
     */
    public Machine {
        gpioChips = List.copyOf(gpioChips);
    }

    /**
     * This machine.
     *
     * @return the facts read from {@code /}
     */
    public static Machine detect() {
        return at(Path.of("/"));
    }

    /**
     * The machine whose file system starts at {@code root}.
     *
     * @param root where {@code proc/device-tree/model}, {@code dev} and {@code sys/class/gpio} are looked for
     * @return the facts
     */
    public static Machine at(Path root) {
        String model = null;
        try {
            model = Files.readString(root.resolve("proc/device-tree/model"), StandardCharsets.US_ASCII)
                    .replace("\0", "").strip();
        } catch (IOException | SecurityException e) {
            // not a device-tree machine: a laptop or a server
        }
        List<String> chips = List.of();
        try (Stream<Path> dev = Files.list(root.resolve("dev"))) {
            chips = dev.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("gpiochip\\d+"))
                    .sorted()
                    .map(n -> "/dev/" + n)
                    .toList();
        } catch (IOException | SecurityException e) {
            // no /dev to look in: no chips
        }
        return new Machine(model, chips, Files.isDirectory(root.resolve("sys/class/gpio")));
    }

    /**
     * Whether this is a Raspberry Pi, by its device-tree model.
     *
     * @return true on any Raspberry Pi
     */
    public boolean isRaspberryPi() {
        return model != null && model.startsWith("Raspberry Pi");
    }
}
