package org.perthensis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ChecksTest {

    private static String problem(Executable check) {
        return assertThrows(FieldException.class, check).getMessage();
    }

    @Test
    void missingValuesGetTheirDefaults() {
        assertEquals(Duration.ofSeconds(1), Checks.positive("every", null, Duration.ofSeconds(1)));
        assertEquals(Duration.ZERO, Checks.notNegative("hold", null, Duration.ZERO));
        assertEquals(3, Checks.atLeast("downAfter", null, 1, 3));
        assertEquals(4, Checks.between("samples", null, 1, 8, 4));
        assertEquals("down", Checks.oneOf("pull", null, "down", List.of("up", "down", "off")));
    }

    @Test
    void anI2cAddressIsANumberOrHexadecimalTextAsDatasheetsWriteIt() {
        assertEquals(0x76, Checks.i2cAddress("address", "0x76", 0x77));
        assertEquals(0x77, Checks.i2cAddress("address", " 0X77 ", 0x76));
        assertEquals(0x76, Checks.i2cAddress("address", 118, 0x77));
        assertEquals(0x76, Checks.i2cAddress("address", "118", 0x77));
        assertEquals(0x77, Checks.i2cAddress("address", null, 0x77));
        assertEquals("address: must be an I2C address from 0x03 to 0x77, such as \"0x76\" or 118, got \"0x78\"",
                problem(() -> Checks.i2cAddress("address", "0x78", 0x76)));
        assertEquals("address: must be an I2C address from 0x03 to 0x77, such as \"0x76\" or 118, got \"76h\"",
                problem(() -> Checks.i2cAddress("address", "76h", 0x76)));
        assertEquals("address: must be an I2C address from 0x03 to 0x77, such as \"0x76\" or 118, got 118.5",
                problem(() -> Checks.i2cAddress("address", 118.5, 0x76)));
        assertEquals("address: must be an I2C address from 0x03 to 0x77, such as \"0x76\" or 118, got 2",
                problem(() -> Checks.i2cAddress("address", 2, 0x76)));
    }

    @Test
    void everyCheckWordsItsProblemTheSameWay() {
        assertEquals("settle: must be positive, got 0s", problem(() -> Checks.positive("settle", Duration.ZERO, null)));
        assertEquals("hold: must not be negative, got -1.5s",
                problem(() -> Checks.notNegative("hold", Duration.ofMillis(-1500), null)));
        assertEquals("timeout: must be at most every (5s), got 6s",
                problem(() -> Checks.atMost("timeout", Duration.ofSeconds(6), "every", Duration.ofSeconds(5))));
        assertEquals("retry: must be at most 365d, got 400d",
                problem(() -> Checks.atMost("retry", Duration.ofDays(400), null, Duration.ofDays(365))));
        assertEquals("max: must be at least initial (2s), got 1s",
                problem(() -> Checks.atLeast("max", Duration.ofSeconds(1), "initial", Duration.ofSeconds(2))));
        assertEquals("readTimeout: must be longer than keepAlive (30s), got 30s",
                problem(() -> Checks.longerThan("readTimeout", Duration.ofSeconds(30), "keepAlive", Duration.ofSeconds(30))));
        assertEquals("queue: must be at least 1, got 0", problem(() -> Checks.atLeast("queue", 0, 1, 1000)));
        assertEquals("samples: must be from 1 to 8, got 9", problem(() -> Checks.between("samples", 9, 1, 8, 4)));
        assertEquals("pull: must be one of \"up\", \"down\", \"off\", got \"sideways\"",
                problem(() -> Checks.oneOf("pull", "sideways", "down", List.of("up", "down", "off"))));
        assertEquals("host: is required; give a host name", problem(() -> Checks.required("host", null, "a host name")));
        assertEquals("host: is empty; give a host name", problem(() -> Checks.notBlank("host", " ", "a host name")));
    }

    @Test
    void aGpioMustBeOneOfTheSoCs() {
        assertEquals(17, Checks.gpio("pin", 17));
        assertEquals("pin: is required; give a BCM GPIO number, such as 17", problem(() -> Checks.gpio("pin", null)));
        assertEquals("pin: must be a BCM GPIO number from 0 to 53 (0 to 27 on the 40-pin header), got 99",
                problem(() -> Checks.gpio("pin", 99)));
        assertEquals("pin: must be a BCM GPIO number from 0 to 53 (0 to 27 on the 40-pin header), got -1",
                problem(() -> Checks.gpio("pin", -1)));
    }

    @Test
    void wordsOfAListMatchInAnyCase() {
        assertEquals("up", Checks.oneOf("pull", " UP", "down", List.of("up", "down", "off")));
    }

    @Test
    void anEventPatternIsATopicOrAPrefix() {
        assertEquals("net.*", Checks.eventPattern("on", "net.*"));
        assertEquals("on: must be an event topic, or a prefix ending in '*' such as \"net.*\", got \"net*.up\"",
                problem(() -> Checks.eventPattern("on", "net*.up")));
        assertEquals("on: is required; give an event topic such as \"net.down\", or a prefix such as \"net.*\"",
                problem(() -> Checks.eventPattern("on", null)));
    }

    @Test
    void aFieldExceptionNamesTheFieldAndCanBeMovedIntoItsOuterValue() {
        FieldException e = Checks.invalid("pattern", "needs an even number of durations, got 3");
        assertEquals("pattern", e.field());
        assertEquals("needs an even number of durations, got 3", e.problem());
        FieldException moved = e.within("alerts[1]");
        assertEquals("alerts[1].pattern", moved.field());
        assertEquals("alerts[1].pattern: needs an even number of durations, got 3", moved.getMessage());
        assertEquals("probes[2]", new FieldException("[2]", "bad").within("probes").field());
    }

    @Test
    void eventPatternsMatchExactTopicsAndPrefixes() {
        assertEquals(true, Events.matches("net.*", "net.up"));
        assertEquals(true, Events.matches("*", "anything"));
        assertEquals(true, Events.matches("net.up", "net.up"));
        assertEquals(false, Events.matches("net.up", "net.upper"));
        assertEquals(false, Events.matches("net.*", "ntp.synced"));
        assertEquals(false, Events.isPattern(""));
        assertEquals(false, Events.isPattern("a*b"));
    }
}
