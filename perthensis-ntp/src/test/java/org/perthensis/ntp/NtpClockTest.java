package org.perthensis.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NtpClockTest {
    private static final Instant BOOT = Instant.parse("1970-01-01T00:00:30Z"); // a Pi without a real-time clock
    private static final Instant TRUE = Instant.parse("2026-05-01T12:00:00Z");
    private static final Server SERVER = new Server("pool.ntp.org", 123);

    private final ManualClock system = new ManualClock(BOOT);
    private final NtpClock clock = new NtpClock(system);

    private static Sample offset(Duration offset) {
        return new Sample(offset, Duration.ofMillis(12), 2);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void beforeTheFirstSyncItIsTheSystemClockAndHasNoTime() {
        assertFalse(clock.hasTime());
        assertEquals(BOOT, clock.now());
        assertEquals(Optional.empty(), clock.lastSync());
        system.advance(Duration.ofSeconds(5));
        assertEquals(BOOT.plusSeconds(5), clock.now());
    }

    @Test
    void firstSyncStepsStraightToTheMeasuredTime() {
        system.advance(Duration.ofSeconds(10));
        SyncResult result = clock.update(SERVER, offset(Duration.between(BOOT.plusSeconds(10), TRUE)));
        assertTrue(clock.hasTime());
        assertEquals(TRUE, clock.now());
        assertEquals(new SyncResult("pool.ntp.org:123", Duration.between(BOOT.plusSeconds(10), TRUE), ms(12), 2, TRUE),
                result);
        assertEquals(Optional.of(result), clock.lastSync());
        system.advance(Duration.ofHours(1));
        assertEquals(TRUE.plus(Duration.ofHours(1)), clock.now());
    }

    @Test
    void laterCorrectionIsSlewedInAt500PartsPerMillion() {
        clock.update(SERVER, offset(Duration.between(BOOT, TRUE)));
        system.advance(Duration.ofSeconds(10));
        // The system clock has stayed 0.1 s slower than the truth ever since: the new offset says so.
        clock.update(SERVER, offset(Duration.between(BOOT, TRUE).plus(ms(100))));
        Instant atSync = TRUE.plusSeconds(10);
        assertEquals(atSync, clock.now(), "no jump when the new offset arrives");
        system.advance(Duration.ofSeconds(100));
        assertEquals(atSync.plusSeconds(100).plus(ms(50)), clock.now(), "100 s at 500 ppm slews in 50 ms");
        system.advance(Duration.ofSeconds(100));
        assertEquals(atSync.plusSeconds(200).plus(ms(100)), clock.now(), "the whole correction after 200 s");
        system.advance(Duration.ofSeconds(100));
        assertEquals(atSync.plusSeconds(300).plus(ms(100)), clock.now(), "and no further");
    }

    @Test
    void backwardCorrectionSlowsTheClockButNeverTurnsItBack() {
        clock.update(SERVER, offset(Duration.between(BOOT, TRUE)));
        system.advance(Duration.ofSeconds(10));
        clock.update(SERVER, offset(Duration.between(BOOT, TRUE).minus(ms(100))));
        Instant atSync = TRUE.plusSeconds(10);
        Instant previous = clock.now();
        assertEquals(atSync, previous);
        for (int i = 0; i < 30_000; i++) {
            system.advance(ms(10));
            Instant now = clock.now();
            assertTrue(now.isAfter(previous), "went from " + previous + " to " + now + " at step " + i);
            previous = now;
        }
        assertEquals(atSync.plusSeconds(300).minus(ms(100)), previous, "the whole correction after 300 s");
    }

    @Test
    void newOffsetDuringASlewStartsFromWhereTheClockIs() {
        clock.update(SERVER, offset(Duration.ZERO));
        clock.update(SERVER, offset(ms(100)));
        system.advance(Duration.ofSeconds(100)); // 50 ms slewed in, 50 ms to go
        clock.update(SERVER, offset(ms(-50)));    // now the truth is 100 ms behind the clock
        assertEquals(BOOT.plusSeconds(100).plus(ms(50)), clock.now());
        system.advance(Duration.ofSeconds(200));
        assertEquals(BOOT.plusSeconds(300).minus(ms(50)), clock.now());
    }

    @Test
    void settingTheSystemClockAfterASyncDoesNotMoveTheCorrectedTime() {
        clock.update(SERVER, offset(Duration.between(BOOT, TRUE)));
        system.setWall(TRUE.plus(Duration.ofDays(3))); // someone else sets it, wrongly
        system.advance(Duration.ofSeconds(1));
        assertEquals(TRUE.plusSeconds(1), clock.now());
    }

    @Test
    void systemClockGoingBackBeforeTheFirstSyncIsHeldNotFollowed() {
        system.advance(Duration.ofSeconds(60));
        assertEquals(BOOT.plusSeconds(60), clock.now());
        system.setWall(BOOT);
        assertEquals(BOOT.plusSeconds(60), clock.now());
        system.advance(Duration.ofSeconds(61));
        assertEquals(BOOT.plusSeconds(61), clock.now());
    }

    @Test
    void firstSyncMayStepBackBecauseTheTimeBeforeWasNotKnown() {
        Instant ahead = TRUE.plus(Duration.ofDays(400));
        system.setWall(ahead);
        assertEquals(ahead, clock.now());
        clock.update(SERVER, offset(Duration.between(ahead, TRUE)));
        assertEquals(TRUE, clock.now());
        system.advance(Duration.ofSeconds(1));
        assertEquals(TRUE.plusSeconds(1), clock.now());
    }
}
