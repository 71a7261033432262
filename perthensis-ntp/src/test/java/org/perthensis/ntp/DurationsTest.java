package org.perthensis.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void durationsReadLikeTheConfigurationsNotation() {
        assertEquals("30min", Durations.text(Duration.ofMinutes(30)));
        assertEquals("6h", Durations.text(Duration.ofHours(6)));
        assertEquals("1h30min", Durations.text(Duration.ofMinutes(90)));
        assertEquals("2s", Durations.text(Duration.ofSeconds(2)));
        assertEquals("250ms", Durations.text(Duration.ofMillis(250)));
        assertEquals("2s500ms", Durations.text(Duration.ofMillis(2500)));
        assertEquals("1.500ms", Durations.text(Duration.ofNanos(1_500_000)));
        assertEquals("0s", Durations.text(Duration.ZERO));
        assertEquals("-5s", Durations.text(Duration.ofSeconds(-5)));
    }

    @Test
    void offsetsAreSignedMillisecondsWithMicrosecondDigits() {
        assertEquals("+0.123 ms", Durations.signedMillis(Duration.ofNanos(123_456)));
        assertEquals("-12.346 ms", Durations.signedMillis(Duration.ofNanos(-12_345_600)));
        assertEquals("+3600000.000 ms", Durations.signedMillis(Duration.ofHours(1)));
        assertEquals("0.050 ms", Durations.plainMillis(Duration.ofNanos(50_000)));
        assertEquals(-1.5, Durations.millis(Duration.ofNanos(-1_500_000)));
    }
}
