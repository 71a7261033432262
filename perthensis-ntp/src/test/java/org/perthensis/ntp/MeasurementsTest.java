package org.perthensis.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Durations;

class MeasurementsTest {

    @Test
    void offsetsAreSignedDurationsToTheMicrosecond() {
        assertEquals("+123us", Measurements.offset(Duration.ofNanos(123_456)));
        assertEquals("-12.346ms", Measurements.offset(Duration.ofNanos(-12_345_600)));
        assertEquals("-250us", Measurements.offset(Duration.ofNanos(-250_000)));
        assertEquals("+1h0.0125s", Measurements.offset(Duration.ofMillis(3_600_012).plusNanos(500_000)));
        assertEquals("+0s", Measurements.offset(Duration.ofNanos(-499)));
    }

    @Test
    void delaysAreDurationsToTheMicrosecond() {
        assertEquals("456us", Measurements.delay(Duration.ofNanos(455_500)));
        assertEquals("24.061ms", Measurements.delay(Duration.ofNanos(24_061_200)));
        assertEquals("0s", Measurements.delay(Duration.ZERO));
    }

    @Test
    void theMagnitudeReadsBackWithTheConfigsParser() {
        Duration offset = Duration.ofNanos(-3_217_000);
        String text = Measurements.offset(offset);
        assertEquals(offset.negated(), Durations.parse(text.substring(1)));
        assertEquals(Duration.ofNanos(456_000), Durations.parse(Measurements.delay(Duration.ofNanos(456_000))));
    }

    @Test
    void eventsCarryMilliseconds() {
        assertEquals(-1.5, Measurements.millis(Duration.ofNanos(-1_500_000)));
        assertEquals(24.061, Measurements.millis(Duration.ofNanos(24_061_000)));
    }
}
