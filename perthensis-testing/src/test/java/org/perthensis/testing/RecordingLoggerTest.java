package org.perthensis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Clock;

class RecordingLoggerTest {

    @Test
    void keepsEachLineWithItsLevelAndFiltersByLevel() {
        RecordingLogger log = new RecordingLogger();
        log.log(Level.DEBUG, () -> "edge");
        log.log(Level.INFO, "started on gpio {0}", 17);
        log.log(Level.WARNING, "pin busy", new IllegalStateException());
        assertEquals(List.of("DEBUG edge", "INFO started on gpio 17", "WARNING pin busy"), log.lines());
        assertEquals(List.of("INFO started on gpio 17", "WARNING pin busy"), log.visible());
        assertEquals(List.of("WARNING pin busy"), log.atLeast(Level.WARNING));
        assertEquals(List.of("DEBUG edge"), log.at(Level.DEBUG));
    }

    /** A clock the test moves by hand: this module cannot use the loop, whose tests use this module. */
    private static final class HandClock implements Clock {
        long nanos;

        @Override
        public long nanos() {
            return nanos;
        }

        @Override
        public Instant wallTime() {
            return Instant.EPOCH.plusNanos(nanos);
        }

        @Override
        public boolean isVirtual() {
            return true;
        }
    }

    @Test
    void withAClockEachLineStartsWithItsTime() {
        HandClock clock = new HandClock();
        RecordingLogger log = new RecordingLogger(clock);
        clock.nanos = 250_000_000L;
        log.log(Level.INFO, "tick");
        log.log(Level.TRACE, () -> "detail");
        assertEquals(List.of("250 INFO tick", "250 TRACE detail"), log.lines());
        assertEquals(List.of("250 INFO tick"), log.visible());
    }

    @Test
    void withAMinimumLowerLinesAreDroppedButTheirMessagesStillBuilt() {
        RecordingLogger log = new RecordingLogger(Level.INFO);
        assertThrows(IllegalStateException.class, () -> log.log(Level.DEBUG, () -> {
            throw new IllegalStateException("a broken debug message");
        }));
        log.log(Level.DEBUG, () -> "dropped");
        log.log(Level.ERROR, () -> "kept");
        assertEquals(List.of("ERROR kept"), log.lines());
    }
}
