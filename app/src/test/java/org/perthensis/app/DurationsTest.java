package org.perthensis.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "250ms, PT0.25S",
        "5s, PT5S",
        "30min, PT30M",
        "30m, PT30M",
        "6h, PT6H",
        "1h30m, PT1H30M",
        "1h30min, PT1H30M",
        "2m30s, PT2M30S",
        "1s500ms, PT1.5S",
        "1.5s, PT1.5S",
        "1d, PT24H",
        "0, PT0S",
        "0s, PT0S",
        "PT6H, PT6H",
        "pt1m, PT1M",
        "P1D, PT24H",
        "' 5s ', PT5S"})
    void readsTheFormsPeopleWrite(String text, String iso) {
        assertEquals(Duration.parse(iso), Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"5", "5 s", "s", "5sec", "1h1h", "5s1h", "1.s", "PT", "P6X", "''", "five seconds"})
    void rejectsWhatIsNotADuration(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("expected a duration such as \"250ms\", \"5s\", \"30min\", \"6h\", \"1h30m\" or \"PT6H\", got \""
                + text + "\"", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"-5s", "-1h30m", "PT-6H", "-PT6H"})
    void rejectsNegativeDurationsAlways(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("expected a duration that is not negative, got \"" + text + "\"", e.getMessage());
    }

    @Test
    void rejectsWhatDoesNotFitADuration() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("99999999999999d"));
        assertEquals("expected a duration in whole nanoseconds and at most 292 years, got \"99999999999999d\"", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0s", "PT0.25S, 250ms", "PT1S, 1s", "PT1M30S, 1min30s", "PT60S, 1min", "PT26H, 1d2h"})
    void writesDurationsTheWayItReadsThem(String iso, String text) {
        assertEquals(text, Durations.format(Duration.parse(iso)));
        assertEquals(Duration.parse(iso), Durations.parse(text));
    }
}
