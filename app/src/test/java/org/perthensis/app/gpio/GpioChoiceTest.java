package org.perthensis.app.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.app.config.GpioMode;

class GpioChoiceTest {

    private static final Set<String> ALL = Set.of("gpiod", "linuxfs", "mock");
    private static final Machine PI5 = new Machine("Raspberry Pi 5 Model B Rev 1.0", List.of("/dev/gpiochip0"), false);
    private static final Machine OLD_PI = new Machine("Raspberry Pi 2 Model B Rev 1.1", List.of(), true);
    private static final Machine LAPTOP = new Machine(null, List.of(), false);

    @TempDir
    Path root;

    @Test
    void autoUsesGpiodOnARaspberryPi() {
        assertEquals(new GpioChoice("gpiod", "this is a Raspberry Pi 5 Model B Rev 1.0 with /dev/gpiochip0", false),
                GpioChoice.decide(GpioMode.AUTO, PI5, ALL));
    }

    @Test
    void autoUsesLinuxfsOnARaspberryPiWithoutGpiod() {
        assertEquals(new GpioChoice("linuxfs", "this is a Raspberry Pi 2 Model B Rev 1.1 with /sys/class/gpio but no"
                + " /dev/gpiochip*", false), GpioChoice.decide(GpioMode.AUTO, OLD_PI, ALL));
        assertEquals(new GpioChoice("linuxfs", "this is a Raspberry Pi 5 Model B Rev 1.0 with /sys/class/gpio but no"
                + " pi4j-plugin-gpiod.jar", false), GpioChoice.decide(GpioMode.AUTO,
                        new Machine(PI5.model(), PI5.gpioChips(), true), Set.of("linuxfs", "mock")));
    }

    @Test
    void autoSimulatesThePinsElsewhereWithANotice() {
        assertEquals(new GpioChoice("mock", "not a Raspberry Pi (no /proc/device-tree/model): pins are simulated by"
                + " Pi4J's mock plugin", false), GpioChoice.decide(GpioMode.AUTO, LAPTOP, ALL));
        assertEquals(new GpioChoice("mock", "not a Raspberry Pi (Pine64 RockPro64 v2.1): pins are simulated by"
                + " Pi4J's mock plugin", false), GpioChoice.decide(GpioMode.AUTO,
                        new Machine("Pine64 RockPro64 v2.1", List.of("/dev/gpiochip0"), true), ALL));
    }

    @Test
    void autoWarnsWhenARaspberryPiCanOnlyBeSimulated() {
        assertEquals(new GpioChoice("mock", "this is a Raspberry Pi 5 Model B Rev 1.0, but with no pi4j-plugin-gpiod.jar"
                + " and no pi4j-plugin-linuxfs.jar: pins are simulated by Pi4J's mock plugin", true),
                GpioChoice.decide(GpioMode.AUTO, PI5, Set.of("mock")));
        assertEquals(new GpioChoice("mock", "this is a Raspberry Pi 4 Model B, but with no /dev/gpiochip* and no"
                + " /sys/class/gpio: pins are simulated by Pi4J's mock plugin", true),
                GpioChoice.decide(GpioMode.AUTO, new Machine("Raspberry Pi 4 Model B", List.of(), false), ALL));
        assertEquals(new GpioChoice(null, "not a Raspberry Pi (no /proc/device-tree/model), and no pi4j-plugin-mock.jar"
                + " either: no GPIO, so tasks that use pins are left out; add pi4j-plugin-mock.jar to simulate them", true),
                GpioChoice.decide(GpioMode.AUTO, LAPTOP, Set.of()));
    }

    @Test
    void anExplicitProviderIsUsedWhereTheMachineHasWhatItNeeds() {
        assertEquals(new GpioChoice("mock", "gpio.provider is \"mock\"", false), GpioChoice.decide(GpioMode.MOCK, PI5, ALL));
        assertEquals(new GpioChoice("mock", "gpio.provider is \"mock\"", false), GpioChoice.decide(GpioMode.MOCK, LAPTOP, ALL));
        assertEquals(new GpioChoice("gpiod", "gpio.provider is \"gpiod\"", false), GpioChoice.decide(GpioMode.GPIOD, PI5, ALL));
        assertEquals(new GpioChoice("linuxfs", "gpio.provider is \"linuxfs\"", false),
                GpioChoice.decide(GpioMode.LINUXFS, OLD_PI, ALL));
    }

    @Test
    void anExplicitProviderWhosePluginIsMissingIsAConfigError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GpioChoice.decide(GpioMode.GPIOD, PI5, Set.of("mock")));
        assertEquals("\"gpiod\" needs pi4j-plugin-gpiod.jar, which is not on the module path; add it, or use \"auto\"",
                e.getMessage());
    }

    @Test
    void anExplicitRealProviderThatCannotWorkOnThisMachineIsAConfigError() {
        assertEquals("\"gpiod\" cannot work on this machine: it has no /dev/gpiochip*; use \"auto\" to simulate the pins"
                + " here, or \"mock\"", assertThrows(IllegalArgumentException.class,
                        () -> GpioChoice.decide(GpioMode.GPIOD, LAPTOP, ALL)).getMessage());
        assertEquals("\"linuxfs\" cannot work on this machine: it has no /sys/class/gpio; use \"auto\" to simulate the"
                + " pins here, or \"mock\"", assertThrows(IllegalArgumentException.class,
                        () -> GpioChoice.decide(GpioMode.LINUXFS, PI5, ALL)).getMessage());
    }

    @Test
    void theMachineIsReadBelowARootFolder() throws IOException {
        assertEquals(new Machine(null, List.of(), false), Machine.at(root));
        Files.createDirectories(root.resolve("proc/device-tree"));
        Files.write(root.resolve("proc/device-tree/model"), "Raspberry Pi 5 Model B Rev 1.0\0".getBytes());
        Files.createDirectories(root.resolve("dev"));
        Files.createFile(root.resolve("dev/gpiochip4"));
        Files.createFile(root.resolve("dev/gpiochip0"));
        Files.createFile(root.resolve("dev/gpiomem"));
        Files.createDirectories(root.resolve("sys/class/gpio"));
        assertEquals(new Machine("Raspberry Pi 5 Model B Rev 1.0", List.of("/dev/gpiochip0", "/dev/gpiochip4"), true),
                Machine.at(root));
    }

    @Test
    void aPiWhoseOnlyChipIsNotChipZeroStillGetsGpiod() throws IOException {
        Files.createDirectories(root.resolve("proc/device-tree"));
        Files.writeString(root.resolve("proc/device-tree/model"), "Raspberry Pi 5 Model B Rev 1.0");
        Files.createDirectories(root.resolve("dev"));
        Files.createFile(root.resolve("dev/gpiochip4"));
        assertEquals(new GpioChoice("gpiod", "this is a Raspberry Pi 5 Model B Rev 1.0 with /dev/gpiochip4", false),
                GpioChoice.decide(GpioMode.AUTO, Machine.at(root), ALL));
    }
}
