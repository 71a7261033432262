package org.perthensis.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.perthensis.api.FieldException;
import org.perthensis.output.OutputProvider.Config;

class OutputConfigTest {

    private static String problem(Integer pin, String initial, String safe, Duration maxOn) {
        return assertThrows(FieldException.class, () -> new Config(pin, null, initial, safe, maxOn)).getMessage();
    }

    @Test
    void aPinAloneIsOffAtStartAndWhenStoppedWithNoLimit() {
        assertEquals(new Config(22, false, "off", "off", null), new Config(22, null, null, null, null));
        assertEquals(new Config(22, true, "on", "off", Duration.ofMinutes(10)),
                new Config(22, true, "ON", null, Duration.ofMinutes(10)));
    }

    @Test
    void badValuesAreNamedByTheirField() {
        assertEquals("pin: is required; give a BCM GPIO number, such as 17", problem(null, null, null, null));
        assertEquals("pin: must be a BCM GPIO number from 0 to 53 (0 to 27 on the 40-pin header), got 99",
                problem(99, null, null, null));
        assertEquals("initial: must be one of \"off\", \"on\", got \"open\"", problem(22, "open", null, null));
        assertEquals("safe: must be one of \"off\", \"on\", got \"keep\"", problem(22, null, "keep", null));
        assertEquals("maxOn: must be positive, got 0s", problem(22, null, null, Duration.ZERO));
        assertEquals("safe: must be \"off\" with maxOn, as an output left on when it stops stays on for longer than"
                + " maxOn, got \"on\"", problem(22, null, "on", Duration.ofMinutes(5)));
    }
}
