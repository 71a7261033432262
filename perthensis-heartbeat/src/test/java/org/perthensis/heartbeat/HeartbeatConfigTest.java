package org.perthensis.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.api.FieldException;
import org.perthensis.heartbeat.HeartbeatProvider.Config;

class HeartbeatConfigTest {

    private static Config pin17(List<Integer> pattern, Duration resetHold, List<Alert> alerts) {
        return new Config(17, null, null, pattern, resetHold, alerts, null);
    }

    private static String error(Runnable construction) {
        return assertThrows(FieldException.class, construction::run).getMessage();
    }

    private static List<Alert> alerts(Alert... alerts) {
        return Arrays.asList(alerts);
    }

    @Test
    void missingFieldsGetTheirDefaults() {
        Config c = pin17(null, null, null);
        assertEquals(17, c.pin());
        assertEquals(false, c.invert());
        assertEquals(List.of(50, 100, 100, 750), c.pattern());
        assertEquals(Duration.ofSeconds(2), c.resetHold());
        assertEquals(List.of(), c.alerts());
        assertNull(c.ledBase());
    }

    @Test
    void anLedDeviceDefaultsToTheKernelsDirectory() {
        Config c = new Config(null, "ACT", true, null, Duration.ZERO, null, null);
        assertEquals("/sys/class/leds", c.ledBase());
        assertEquals(true, c.invert());
        assertEquals(Duration.ZERO, c.resetHold());
    }

    @Test
    void theConfigKeepsItsOwnCopyOfEachList() {
        List<Integer> pattern = new ArrayList<>(List.of(100, 100));
        List<Integer> alertPattern = new ArrayList<>(List.of(200, 200));
        Config c = pin17(pattern, null, List.of(new Alert("net.down", "net.up", alertPattern)));
        pattern.add(300);
        alertPattern.clear();
        assertEquals(List.of(100, 100), c.pattern());
        assertEquals(List.of(200, 200), c.alerts().getFirst().pattern());
        assertThrows(UnsupportedOperationException.class, () -> c.pattern().add(1));
    }

    @Test
    void exactlyOneOfPinAndLedIsRequired() {
        assertEquals("pin or led: one is required; give a BCM GPIO number as pin (such as 17) or a Linux LED device"
                + " as led (such as \"ACT\")", error(() -> new Config(null, null, null, null, null, null, null)));
        assertEquals("pin or led: must be only one of them, got both (pin 17, led \"ACT\")",
                error(() -> new Config(17, "ACT", null, null, null, null, null)));
    }

    @Test
    void pinMustBeABcmGpioNumber() {
        assertEquals("pin: must be a BCM GPIO number from 0 to 53 (0 to 27 on the 40-pin header), got -1",
                error(() -> new Config(-1, null, null, null, null, null, null)));
        assertEquals("pin: must be a BCM GPIO number from 0 to 53 (0 to 27 on the 40-pin header), got 99",
                error(() -> new Config(99, null, null, null, null, null, null)));
    }

    @Test
    void ledMustBeADeviceName() {
        for (String blank : List.of("", " ")) {
            assertEquals("led: is empty; give the name of a device in /sys/class/leds, such as \"ACT\" or \"PWR\"",
                    error(() -> new Config(null, blank, null, null, null, null, null)));
        }
        for (String bad : List.of("leds/ACT", "..", ".")) {
            assertEquals("led: must be the name of a device in /sys/class/leds, such as \"ACT\" or \"PWR\", got \""
                    + bad + "\"", error(() -> new Config(null, bad, null, null, null, null, null)));
        }
    }

    @Test
    void ledBaseOnlyGoesWithLed() {
        assertEquals("ledBase: must be left out with pin, as it applies only to led, got \"/tmp/leds\"",
                error(() -> new Config(17, null, null, null, null, null, "/tmp/leds")));
        assertEquals("ledBase: is empty; give a directory such as \"/sys/class/leds\"",
                error(() -> new Config(null, "ACT", null, null, null, null, "")));
    }

    @Test
    void patternNeedsAnEvenNumberOfPositiveDurations() {
        assertEquals("pattern: must have on and off times in milliseconds, such as [50, 100, 100, 750], got []",
                error(() -> pin17(List.of(), null, null)));
        assertEquals("pattern: must have an even number of durations (on, off, on, off, ...), got 3: [50, 100, 100]",
                error(() -> pin17(List.of(50, 100, 100), null, null)));
        assertEquals("pattern[1]: must be a positive number of milliseconds, got 0",
                error(() -> pin17(List.of(50, 0), null, null)));
        assertEquals("pattern[2]: must be a positive number of milliseconds, got -100",
                error(() -> pin17(List.of(50, 100, -100, 750), null, null)));
        assertEquals("pattern[0]: must be a positive number of milliseconds, got null",
                error(() -> pin17(Arrays.asList(null, 100), null, null)));
    }

    @Test
    void resetHoldMustNotBeNegative() {
        assertEquals("resetHold: must not be negative, got -2s",
                error(() -> pin17(null, Duration.ofSeconds(-2), null)));
        assertEquals("resetHold: must not be negative, got -250ms",
                error(() -> pin17(null, Duration.ofMillis(-250), null)));
    }

    @Test
    void everyAlertIsCheckedAndNamedByItsPlaceInTheList() {
        Alert good = new Alert("net.down", "net.up", List.of(100, 100));
        assertEquals("alerts[1]: must be an object with on, until and pattern, got null",
                error(() -> pin17(null, null, alerts(good, null))));
        assertEquals("alerts[0].on: is required; give an event topic such as \"net.down\", or a prefix such as \"net.*\"",
                error(() -> pin17(null, null, alerts(new Alert(null, "net.up", List.of(100, 100))))));
        assertEquals("alerts[1].until: is empty; give an event topic such as \"net.down\", or a prefix such as \"net.*\"",
                error(() -> pin17(null, null, alerts(good, new Alert("ntp.failed", " ", List.of(100, 100))))));
        assertEquals("alerts[0].on: must be an event topic, or a prefix ending in '*' such as \"net.*\", got \"net.*.down\"",
                error(() -> pin17(null, null, alerts(new Alert("net.*.down", "net.up", List.of(100, 100))))));
        assertEquals("alerts[0].until: must be an event topic, or a prefix ending in '*' such as \"net.*\", got \"*up\"",
                error(() -> pin17(null, null, alerts(new Alert("net.down", "*up", List.of(100, 100))))));
        assertEquals("alerts[0].until: must differ from on, or the alert could never start, got \"net.down\" for both",
                error(() -> pin17(null, null, alerts(new Alert("net.down", "net.down", List.of(100, 100))))));
        assertEquals("alerts[0].pattern: is required; give on and off times in milliseconds, such as [100, 100]",
                error(() -> pin17(null, null, alerts(new Alert("net.down", "net.up", null)))));
        assertEquals("alerts[1].pattern: must have an even number of durations (on, off, on, off, ...), got 3: [1, 2, 3]",
                error(() -> pin17(null, null, alerts(good, new Alert("ntp.failed", "ntp.synced", List.of(1, 2, 3))))));
        assertEquals("alerts[0].pattern[0]: must be a positive number of milliseconds, got 0",
                error(() -> pin17(null, null, alerts(new Alert("net.down", "net.up", List.of(0, 100))))));
        assertEquals("alerts[0].pattern: must have on and off times in milliseconds, such as [50, 100, 100, 750], got []",
                error(() -> pin17(null, null, alerts(new Alert("net.down", "net.up", List.of())))));
    }
}
