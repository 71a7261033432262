package org.perthensis.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GpioChoiceTest {

    private static final Set<String> ALL = Set.of("gpiod", "linuxfs", "mock");
    private static final GpioChoice.Board PI5 = new GpioChoice.Board("Raspberry Pi 5 Model B Rev 1.0", true, false);
    private static final GpioChoice.Board OLD_PI = new GpioChoice.Board("Raspberry Pi 2 Model B Rev 1.1", false, true);
    private static final GpioChoice.Board LAPTOP = new GpioChoice.Board(null, false, false);

    @Test
    void autoUsesGpiodOnARaspberryPi() {
        assertEquals(new GpioChoice("gpiod", "this is a Raspberry Pi 5 Model B Rev 1.0 with /dev/gpiochip0", false),
                GpioChoice.decide(GpioMode.AUTO, PI5, ALL));
    }

    @Test
    void autoUsesLinuxfsOnARaspberryPiWithoutGpiod() {
        assertEquals(new GpioChoice("linuxfs", "this is a Raspberry Pi 2 Model B Rev 1.1 with /sys/class/gpio but no"
                + " /dev/gpiochip0", false), GpioChoice.decide(GpioMode.AUTO, OLD_PI, ALL));
        assertEquals(new GpioChoice("linuxfs", "this is a Raspberry Pi 5 Model B Rev 1.0 with /sys/class/gpio but no"
                + " pi4j-plugin-gpiod.jar", false), GpioChoice.decide(GpioMode.AUTO,
                        new GpioChoice.Board(PI5.model(), true, true), Set.of("linuxfs", "mock")));
    }

    @Test
    void autoSimulatesThePinsElsewhereWithANotice() {
        assertEquals(new GpioChoice("mock", "not a Raspberry Pi (no /proc/device-tree/model): pins are simulated by"
                + " Pi4J's mock plugin", false), GpioChoice.decide(GpioMode.AUTO, LAPTOP, ALL));
        assertEquals(new GpioChoice("mock", "not a Raspberry Pi (Pine64 RockPro64 v2.1): pins are simulated by"
                + " Pi4J's mock plugin", false), GpioChoice.decide(GpioMode.AUTO,
                        new GpioChoice.Board("Pine64 RockPro64 v2.1", true, true), ALL));
    }

    @Test
    void autoWarnsWhenARaspberryPiCanOnlyBeSimulated() {
        assertEquals(new GpioChoice("mock", "this is a Raspberry Pi 5 Model B Rev 1.0, but with no pi4j-plugin-gpiod.jar"
                + " and no pi4j-plugin-linuxfs.jar: pins are simulated by Pi4J's mock plugin", true),
                GpioChoice.decide(GpioMode.AUTO, PI5, Set.of("mock")));
        assertEquals(new GpioChoice(null, "not a Raspberry Pi (no /proc/device-tree/model), and no pi4j-plugin-mock.jar"
                + " either: no GPIO, so tasks that use pins will fail; add pi4j-plugin-mock.jar to simulate them", true),
                GpioChoice.decide(GpioMode.AUTO, LAPTOP, Set.of()));
    }

    @Test
    void anExplicitProviderIsUsedWhereverItRuns() {
        assertEquals(new GpioChoice("mock", "gpio.provider is \"mock\"", false), GpioChoice.decide(GpioMode.MOCK, PI5, ALL));
        assertEquals(new GpioChoice("gpiod", "gpio.provider is \"gpiod\"", false),
                GpioChoice.decide(GpioMode.GPIOD, LAPTOP, ALL));
        assertEquals(new GpioChoice("linuxfs", "gpio.provider is \"linuxfs\"", false),
                GpioChoice.decide(GpioMode.LINUXFS, PI5, ALL));
    }

    @Test
    void anExplicitProviderWhosePluginIsMissingIsAConfigError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GpioChoice.decide(GpioMode.GPIOD, PI5, Set.of("mock")));
        assertEquals("\"gpiod\" needs pi4j-plugin-gpiod.jar, which is not on the module path; add it, or use \"auto\"",
                e.getMessage());
    }
}
