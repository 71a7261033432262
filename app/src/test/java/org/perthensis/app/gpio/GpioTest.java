package org.perthensis.app.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfigBuilder;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.app.config.GpioMode;
import org.perthensis.testing.RecordingLogger;

/** The Pi4J context the app builds, with Pi4J's real mock plugin. */
class GpioTest {

    @Test
    void findsThePluginsOnTheModulePath() {
        assertTrue(Gpio.pluginsPresent().contains("mock"), Gpio.pluginsPresent().toString());
    }

    @Test
    void reportsTheStateEveryOutputPinWasLeftIn() {
        try (Gpio gpio = Gpio.open("mock")) {
            DigitalOutput led = gpio.context().create(DigitalOutputConfigBuilder.newInstance(gpio.context())
                    .id("status-led").address(17).initial(DigitalState.LOW));
            DigitalOutput relay = gpio.context().create(DigitalOutputConfigBuilder.newInstance(gpio.context())
                    .id("relay").address(5).onState(DigitalState.LOW).initial(DigitalState.HIGH));
            led.on();
            assertEquals(List.of("gpio 5 (relay) left HIGH (off)", "gpio 17 (status-led) left HIGH (on)"), gpio.finalStates());
            led.off();
            relay.on();
            assertEquals(List.of("gpio 5 (relay) left LOW (on)", "gpio 17 (status-led) left LOW (off)"), gpio.finalStates());
        }
    }

    @Test
    void theContextIsOpenedOnlyOnTheFirstLookupAndTheChoiceLoggedThen() {
        RecordingLogger log = new RecordingLogger();
        try (GpioService gpio = new GpioService(new GpioChoice("mock", "tests", false), GpioMode.MOCK, log, true)) {
            assertEquals(List.of(), log.lines());
            assertTrue(!gpio.isOpen());
            assertTrue(gpio.context().isPresent());
            assertTrue(gpio.context().isPresent());
            assertTrue(gpio.isOpen());
            assertEquals(List.of("INFO gpio: using Pi4J plugin mock: tests"), log.lines());
        }
    }

    @Test
    void withoutGpioEveryLookupFindsNothingAndTheReasonIsLoggedOnce() {
        RecordingLogger log = new RecordingLogger();
        try (GpioService gpio = new GpioService(new GpioChoice(null, "no GPIO here", true), GpioMode.AUTO, log, true)) {
            assertTrue(gpio.context().isEmpty());
            assertTrue(gpio.context().isEmpty());
            assertEquals(List.of("WARNING gpio: no GPIO here"), log.lines());
            assertEquals(List.of(), gpio.finalStates());
        }
    }

    @Test
    void openingWithAutoFallsBackToTheMockPluginWhenARealOneFailsToStart() {
        RecordingLogger log = new RecordingLogger();
        // The real plugins are not on the test module path, so gpiod "fails to start" here as it would without its chip.
        try (Gpio gpio = Gpio.open(new GpioChoice("gpiod", "this is a Raspberry Pi", false), GpioMode.AUTO, log)) {
            assertEquals("mock", gpio.pluginName());
        }
        assertEquals(List.of("INFO gpio: using Pi4J plugin gpiod: this is a Raspberry Pi",
                "WARNING gpio: Pi4J plugin gpiod failed to start (java.lang.IllegalStateException: pi4j-plugin-gpiod.jar"
                        + " is not on the module path); falling back to the mock plugin: pins are simulated"), log.lines());
    }
}
