package org.perthensis.debounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.perthensis.api.FieldException;

class ConfigTest {

    private static void rejected(String message, Executable construction) {
        assertEquals(message, assertThrows(FieldException.class, construction).getMessage());
    }

    @Test
    void aDebouncedPinNeedsOnlyItsPin() {
        DebounceConfig pin = new DebounceConfig(17, null, null, null, null, null, null);
        assertEquals(new DebounceConfig(17, "down", false, Duration.ofMillis(20), Duration.ofSeconds(1),
                Duration.ofMillis(400), null), pin);
        assertEquals(pin, DebounceConfig.of(17));
    }

    @Test
    void pullIsReadWithoutRegardToCase() {
        assertEquals("up", DebounceConfig.of(17).withPull(" Up ").pull());
    }

    @Test
    void badDebounceValuesAreRejectedNamingTheField() {
        rejected("pin: is required; give a BCM GPIO number, such as 17",
                () -> new DebounceConfig(null, null, null, null, null, null, null));
        rejected("pin: must be a BCM GPIO number from 0 to 53 (0 to 27 on the 40-pin header), got -1",
                () -> DebounceConfig.of(-1));
        rejected("pin: must be a BCM GPIO number from 0 to 53 (0 to 27 on the 40-pin header), got 99",
                () -> DebounceConfig.of(99));
        rejected("pull: must be one of \"up\", \"down\", \"off\", got \"sideways\"",
                () -> DebounceConfig.of(17).withPull("sideways"));
        rejected("deviceClass: must be one of Home Assistant's binary sensor device classes, such as \"door\","
                + " \"window\" or \"motion\", got \"dor\"",
                () -> new DebounceConfig(17, null, null, null, null, null, "dor"));
        rejected("settle: must be positive, got 0s", () -> DebounceConfig.of(17).withSettle(Duration.ZERO));
        rejected("settle: must be positive, got -5ms", () -> DebounceConfig.of(17).withSettle(Duration.ofMillis(-5)));
        rejected("longPress: must not be negative, got -1s",
                () -> DebounceConfig.of(17).withButtonTimes(Duration.ofSeconds(-1), null));
        rejected("multiClick: must not be negative, got -250ms",
                () -> DebounceConfig.of(17).withButtonTimes(null, Duration.ofMillis(-250)));
    }

    @Test
    void zeroTurnsLongPressesAndClickCountingOff() {
        DebounceConfig door = DebounceConfig.of(12).withButtonTimes(Duration.ZERO, Duration.ZERO);
        assertEquals(Duration.ZERO, door.longPress());
        assertEquals(Duration.ZERO, door.multiClick());
    }

    @Test
    void anEncoderNeedsOnlyItsTwoLines() {
        RotaryConfig knob = new RotaryConfig(4, 5, null, null, null, null, null, null, null, null, null);
        assertEquals(new RotaryConfig(4, 5, "up", false, false, "stable", null, null, 1, 0, false), knob);
        assertEquals(knob, RotaryConfig.of(4, 5));
    }

    @Test
    void theInitialValueDefaultsToZeroOrTheNearestEndOfTheRange() {
        assertEquals(0, RotaryConfig.of(4, 5).withRange(-10, 10, false).initial());
        assertEquals(5, RotaryConfig.of(4, 5).withRange(5, 10, false).initial());
        assertEquals(-3, RotaryConfig.of(4, 5).withRange(-10, -3, false).initial());
        assertNull(RotaryConfig.of(4, 5).min());
    }

    @Test
    void badRotaryValuesAreRejectedNamingTheField() {
        rejected("clk: is required; give a BCM GPIO number, such as 17",
                () -> new RotaryConfig(null, 5, null, null, null, null, null, null, null, null, null));
        rejected("dt: is required; give a BCM GPIO number, such as 17",
                () -> new RotaryConfig(4, null, null, null, null, null, null, null, null, null, null));
        rejected("clk: must be a BCM GPIO number from 0 to 53 (0 to 27 on the 40-pin header), got 54",
                () -> RotaryConfig.of(54, 5));
        rejected("dt: must be another pin than clk, got 4 for both", () -> RotaryConfig.of(4, 4));
        rejected("pull: must be one of \"up\", \"down\", \"off\", got \"strong\"",
                () -> RotaryConfig.of(4, 5).withLines("strong", false, false));
        rejected("mode: must be one of \"stable\", \"fast\", got \"turbo\"", () -> RotaryConfig.of(4, 5).withMode("turbo"));
        rejected("max: must be at least min (10), got 5", () -> RotaryConfig.of(4, 5).withRange(10, 5, false));
        rejected("step: must be at least 1, got 0", () -> RotaryConfig.of(4, 5).withSteps(0, 0));
        rejected("wrap: must come with both min and max, to know where to wrap, got min 0 and no max",
                () -> new RotaryConfig(4, 5, null, null, null, null, 0, null, null, null, true));
        rejected("initial: must be from 0 to 10, got 12", () -> RotaryConfig.of(4, 5).withRange(0, 10, false).withSteps(1, 12));
        rejected("initial: must be at least min (0), got -1",
                () -> new RotaryConfig(4, 5, null, null, null, null, 0, null, null, -1, null));
        rejected("initial: must be at most max (9), got 10",
                () -> new RotaryConfig(4, 5, null, null, null, null, null, 9, null, 10, null));
    }
}
