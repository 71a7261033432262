package org.perthensis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void everyFormattedDurationFromOneNanosecondTo400DaysParsesBackExactly() {
        List<Duration> values = new ArrayList<>();
        long max = Duration.ofDays(400).toNanos();
        for (long n = 1; n <= max; n = n * 10) {
            for (long m : new long[] {1, 15, 25, 999, 1001}) {
                if (m <= max / n) {
                    values.add(Duration.ofNanos(n * m));
                    values.add(Duration.ofNanos(n * m + 1));
                    values.add(Duration.ofNanos(n * m - 1));
                }
            }
        }
        SplittableRandom random = new SplittableRandom(20261201);
        for (int i = 0; i < 20_000; i++) {
            values.add(Duration.ofNanos(random.nextLong(1, max + 1)));
            values.add(Duration.ofMillis(random.nextLong(1, max / 1_000_000 + 1)));
            values.add(Duration.ofSeconds(random.nextLong(1, max / 1_000_000_000 + 1)));
        }
        values.add(Duration.ofDays(400));
        values.add(Duration.ofHours(1).plusNanos(1));
        for (Duration d : values) {
            String text = Durations.format(d);
            assertEquals(d, Durations.parse(text), () -> d + " was written as " + text);
        }
    }

    @Test
    void durationsAreWrittenTheWayPeopleWriteThem() {
        assertEquals("0s", Durations.format(Duration.ZERO));
        assertEquals("1ns", Durations.format(Duration.ofNanos(1)));
        assertEquals("1.5us", Durations.format(Duration.ofNanos(1_500)));
        assertEquals("1.5ms", Durations.format(Duration.ofNanos(1_500_000)));
        assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
        assertEquals("1.5s", Durations.format(Duration.ofMillis(1_500)));
        assertEquals("5s", Durations.format(Duration.ofSeconds(5)));
        assertEquals("30min", Durations.format(Duration.ofMinutes(30)));
        assertEquals("1min30s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("1h30min", Durations.format(Duration.ofMinutes(90)));
        assertEquals("6h", Durations.format(Duration.ofHours(6)));
        assertEquals("1d", Durations.format(Duration.ofDays(1)));
        assertEquals("400d", Durations.format(Duration.ofDays(400)));
        assertEquals("1d0.000000001s", Durations.format(Duration.ofDays(1).plusNanos(1)));
        assertEquals("-2s", Durations.format(Duration.ofSeconds(-2)));
    }

    @Test
    void theConfigNotationIsRead() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30min"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofNanos(1_500_000), Durations.parse("1.5ms"));
        assertEquals(Duration.ofNanos(1_500_000), Durations.parse("1500us"));
        assertEquals(Duration.ofNanos(40_000), Durations.parse("40\u00b5s"));
        assertEquals(Duration.ofNanos(7), Durations.parse("7ns"));
        assertEquals(Duration.ofDays(2), Durations.parse("2d"));
        assertEquals(Duration.ofHours(6), Durations.parse("PT6H"));
        assertEquals(Duration.ofSeconds(5), Durations.parse(" 5s "));
        assertEquals(Duration.ZERO, Durations.parse("0"));
    }

    @Test
    void mistakesSayWhatADurationLooksLike() {
        String examples = "\"250ms\", \"5s\", \"30min\", \"6h\", \"1h30m\" or \"PT6H\"";
        assertEquals("expected a duration such as " + examples + ", got \"5\"",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("5")).getMessage());
        assertEquals("expected a duration such as " + examples + ", got \"5s1h\"",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("5s1h")).getMessage());
        assertEquals("expected a duration that is not negative, got \"-5s\"",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("-5s")).getMessage());
        assertEquals("expected a duration in whole nanoseconds, got \"0.5ns\"",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("0.5ns")).getMessage());
        assertEquals("expected a shorter duration, got \"999999999999999d\"",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("999999999999999d")).getMessage());
    }
}
