package org.perthensis.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.testing.RecordingLogger;

class BurstLogTest {

    private long now;
    private final RecordingLogger log = new RecordingLogger();
    private final BurstLog burst = new BurstLog(log, () -> now);

    @Test
    void theFirstOfAMinuteIsLoggedTheRestCountedAndNamedWithTheNextLine() {
        burst.note("refused one");
        now += 30_000_000_000L;
        burst.note("refused two");
        burst.note("refused three");
        now += 31_000_000_000L;
        burst.note("refused four");
        now += 1_000_000_000L;
        burst.note("refused five");
        burst.flush("requests refused");
        assertEquals(List.of("WARNING refused one",
                "WARNING refused four (and 2 more in the minute before, not logged)",
                "WARNING 1 more requests refused in the last minute, not logged"), log.lines());
        assertEquals(5, burst.total());
    }
}
