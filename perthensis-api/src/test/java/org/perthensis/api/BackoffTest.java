package org.perthensis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsDoubleUpToTheMaximumAndResetStartsAgain() {
        Backoff b = new Backoff(Backoff.Config.exact(Duration.ofSeconds(1), Duration.ofSeconds(10)));
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            waits.add(b.next());
        }
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(10), Duration.ofSeconds(10)), waits);
        assertEquals(6, b.attempts());
        assertEquals(true, b.atMax());
        b.reset();
        assertEquals(Duration.ofSeconds(1), b.next());
        assertEquals(1, b.attempts());
    }

    @Test
    void jitterTakesARandomPartOffEachWait() {
        Backoff b = new Backoff(new Backoff.Config(Duration.ofSeconds(10), null, 0.5), () -> 0.5);
        assertEquals(Duration.ofMillis(7500), b.next());
        assertEquals(Duration.ofSeconds(15), b.next());
    }

    @Test
    void defaultsAreOneSecondDoublingToAMinuteWithAFifthOfJitter() {
        Backoff.Config c = new Backoff.Config(null, null, null);
        assertEquals(new Backoff.Config(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2), c);
        assertEquals(Duration.ofMinutes(5), new Backoff.Config(Duration.ofMinutes(5), null, null).max());
    }

    @Test
    void badSettingsNameTheirField() {
        assertEquals("max: must be at least initial (2s), got 1s", assertThrows(FieldException.class,
                () -> new Backoff.Config(Duration.ofSeconds(2), Duration.ofSeconds(1), null)).getMessage());
        assertEquals("jitter: must be from 0 (none) to below 1, got 1.0", assertThrows(FieldException.class,
                () -> new Backoff.Config(null, null, 1.0)).getMessage());
        assertEquals("initial: must be positive, got 0s", assertThrows(FieldException.class,
                () -> new Backoff.Config(Duration.ZERO, null, null)).getMessage());
    }

    @Test
    void aHugeMaximumDoesNotOverflow() {
        Backoff b = new Backoff(Backoff.Config.exact(Duration.ofDays(100_000), Duration.ofDays(300_000_000L)));
        for (int i = 0; i < 100; i++) {
            assertEquals(false, b.next().isNegative());
        }
    }
}
