package org.perthensis.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subprocess that sets the system clock, run with stand-ins for {@code date}: a test must
 * never set the clock of the machine it runs on.
 */
class DateCommandTest {

    @Test
    void offsetIsPassedAsSecondsFromNowForGnuDate() {
        assertEquals("+1.250000000 seconds", DateCommand.relative(Duration.ofMillis(1_250)));
        assertEquals("-0.000000001 seconds", DateCommand.relative(Duration.ofNanos(-1)));
        assertEquals("+1767225600.000000000 seconds", DateCommand.relative(Duration.ofSeconds(1_767_225_600L)));
    }

    @Test
    void runsTheCommandWithTheRelativeTimeLast(@TempDir Path dir) throws Exception {
        Path seen = dir.resolve("args");
        new DateCommand(List.of("sh", "-c", "printf '%s|' \"$@\" > '" + seen + "'", "date", "-s"))
                .step(Duration.ofMillis(-1_500));
        assertEquals("-s|-1.500000000 seconds|", Files.readString(seen));
    }

    @Test
    void refusalIsReportedWithWhatTheCommandSaid() {
        DateCommand notPermitted = new DateCommand(List.of("sh", "-c",
                "echo 'date: cannot set date: Operation not permitted' >&2; exit 1", "date"));
        IOException e = assertThrows(IOException.class, () -> notPermitted.step(Duration.ofSeconds(1)));
        assertEquals("date: cannot set date: Operation not permitted", e.getMessage());
    }

    @Test
    void silentFailureIsReportedWithTheExitStatus() {
        IOException e = assertThrows(IOException.class,
                () -> new DateCommand(List.of("false")).step(Duration.ofSeconds(1)));
        assertEquals("false exited with status 1", e.getMessage());
    }

    @Test
    void aHungCommandIsReportedWithItsLimit() {
        DateCommand hung = new DateCommand(List.of("sh", "-c", "sleep 30", "date"), Duration.ofMillis(200));
        IOException e = assertThrows(IOException.class, () -> hung.step(Duration.ofSeconds(1)));
        assertEquals("sh did not finish within 200ms", e.getMessage());
    }

    @Test
    void missingCommandIsReported() {
        IOException e = assertThrows(IOException.class,
                () -> new DateCommand(List.of("/nonexistent/date")).step(Duration.ofSeconds(1)));
        // The JDK's own part of the message differs between versions.
        assertTrue(e.getMessage().startsWith("cannot run /nonexistent/date: "), e.getMessage());
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
    }
}
