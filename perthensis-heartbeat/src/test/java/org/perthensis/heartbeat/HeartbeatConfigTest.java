package org.perthensis.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.heartbeat.HeartbeatProvider.Config;

class HeartbeatConfigTest {

    private static Config pin17(List<Integer> pattern, Duration resetHold, List<Alert> alerts) {
        return new Config(17, null, null, pattern, resetHold, alerts, null);
    }

    private static String error(Runnable construction) {
        return assertThrows(IllegalArgumentException.class, construction::run).getMessage();
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
        assertEquals("pin or led: give one, a BCM GPIO number as pin (such as 17) or a Linux LED device as led"
                + " (such as \"ACT\")", error(() -> new Config(null, null, null, null, null, null, null)));
        assertEquals("pin or led: give only one, not both (pin 17, led ACT)",
                error(() -> new Config(17, "ACT", null, null, null, null, null)));
    }

    @Test
    void pinMustNotBeNegative() {
        assertEquals("pin: a BCM GPIO number, 0 or more, was -1", error(() -> new Config(-1, null, null, null, null, null, null)));
    }

    @Test
    void ledMustBeADeviceName() {
        for (String bad : List.of("", " ", "leds/ACT", "..", ".")) {
            assertEquals("led: the name of a device in /sys/class/leds such as ACT or PWR, was '" + bad + "'",
                    error(() -> new Config(null, bad, null, null, null, null, null)));
        }
    }

    @Test
    void ledBaseOnlyGoesWithLed() {
        assertEquals("ledBase: only applies with led, not with pin",
                error(() -> new Config(17, null, null, null, null, null, "/tmp/leds")));
        assertEquals("ledBase: a directory such as /sys/class/leds, was ''",
                error(() -> new Config(null, "ACT", null, null, null, null, "")));
    }

    @Test
    void patternNeedsAnEvenNumberOfPositiveDurations() {
        assertEquals("pattern: needs on and off times in milliseconds, such as [50, 100, 100, 750], got []",
                error(() -> pin17(List.of(), null, null)));
        assertEquals("pattern: needs an even number of durations (on, off, on, off, ...), got 3",
                error(() -> pin17(List.of(50, 100, 100), null, null)));
        assertEquals("pattern: every duration must be a positive number of milliseconds, got 0 at index 1",
                error(() -> pin17(List.of(50, 0), null, null)));
        assertEquals("pattern: every duration must be a positive number of milliseconds, got -100 at index 2",
                error(() -> pin17(List.of(50, 100, -100, 750), null, null)));
        assertEquals("pattern: every duration must be a positive number of milliseconds, got null at index 0",
                error(() -> pin17(Arrays.asList(null, 100), null, null)));
    }

    @Test
    void resetHoldMustNotBeNegative() {
        assertEquals("resetHold: must not be negative (0 skips the hold), got -2s",
                error(() -> pin17(null, Duration.ofSeconds(-2), null)));
        assertEquals("resetHold: must not be negative (0 skips the hold), got -250ms",
                error(() -> pin17(null, Duration.ofMillis(-250), null)));
    }

    @Test
    void everyAlertIsCheckedAndNamedByItsPlaceInTheList() {
        Alert good = new Alert("net.down", "net.up", List.of(100, 100));
        assertEquals("alerts[1]: must be an object with on, until and pattern",
                error(() -> pin17(null, null, alerts(good, null))));
        assertEquals("alerts[0].on: missing; give the event topic that starts the alert, such as net.down",
                error(() -> pin17(null, null, alerts(new Alert(null, "net.up", List.of(100, 100))))));
        assertEquals("alerts[1].until: missing; give the event topic that ends the alert, such as net.up",
                error(() -> pin17(null, null, alerts(good, new Alert("ntp.failed", " ", List.of(100, 100))))));
        assertEquals("alerts[0].on: an event topic, or a prefix ending in '*' such as 'net.*', was 'net.*.down'",
                error(() -> pin17(null, null, alerts(new Alert("net.*.down", "net.up", List.of(100, 100))))));
        assertEquals("alerts[0].until: an event topic, or a prefix ending in '*' such as 'net.*', was '*up'",
                error(() -> pin17(null, null, alerts(new Alert("net.down", "*up", List.of(100, 100))))));
        assertEquals("alerts[0].until: must differ from on, or the alert could never start; both are net.down",
                error(() -> pin17(null, null, alerts(new Alert("net.down", "net.down", List.of(100, 100))))));
        assertEquals("alerts[0].pattern: missing; give on and off times in milliseconds, such as [100, 100]",
                error(() -> pin17(null, null, alerts(new Alert("net.down", "net.up", null)))));
        assertEquals("alerts[1].pattern: needs an even number of durations (on, off, on, off, ...), got 3",
                error(() -> pin17(null, null, alerts(good, new Alert("ntp.failed", "ntp.synced", List.of(1, 2, 3))))));
        assertEquals("alerts[0].pattern: every duration must be a positive number of milliseconds, got 0 at index 0",
                error(() -> pin17(null, null, alerts(new Alert("net.down", "net.up", List.of(0, 100))))));
        assertEquals("alerts[0].pattern: needs on and off times in milliseconds, such as [50, 100, 100, 750], got []",
                error(() -> pin17(null, null, alerts(new Alert("net.down", "net.up", List.of())))));
    }
}
