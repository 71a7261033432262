package org.perthensis.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class LineFormatTest {

    private static final Instant AT = Instant.parse("2026-01-31T12:00:00.250Z");
    private static final String TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault()).format(AT);
    private static final String LOGGER = "perthensis.heartbeat.status";

    @Test
    void writesOneLineWithTimeLevelLoggerAndMessage() {
        assertEquals(TIME + " WARN  [perthensis.heartbeat.status] pin 17 is busy",
                LineFormat.format(AT, Level.WARNING, LOGGER, LogSink.fill("pin {0} is busy", 17), null, false));
        assertEquals(TIME + " DEBUG [perthensis.heartbeat.status] led on",
                LineFormat.format(AT, Level.DEBUG, LOGGER, "led on", null, false));
    }

    @Test
    void namesAnExceptionOnTheSameLineUnlessVerbose() {
        IOException gone = new IOException("gone");
        assertEquals(TIME + " ERROR [perthensis.heartbeat.status] write failed: java.io.IOException: gone",
                LineFormat.format(AT, Level.ERROR, LOGGER, "write failed", gone, false));
        assertEquals(TIME + " ERROR [perthensis.heartbeat.status] write failed: java.io.IOException: gone",
                LineFormat.format(AT, Level.ERROR, LOGGER, "write failed: java.io.IOException: gone", gone, false),
                "not named twice");
        String verbose = LineFormat.format(AT, Level.ERROR, LOGGER, "write failed", gone, true);
        assertTrue(verbose.startsWith(TIME + " ERROR [perthensis.heartbeat.status] write failed" + System.lineSeparator()
                + "java.io.IOException: gone" + System.lineSeparator() + "\tat "), verbose);
    }

    @Test
    void eachVerbosityShowsItsLevelsAndPi4jOnlyFromWarningsUnlessVerbose() {
        assertTrue(LogLevels.shows(Verbosity.NORMAL, "app", Level.INFO));
        assertFalse(LogLevels.shows(Verbosity.NORMAL, "app", Level.DEBUG));
        assertTrue(LogLevels.shows(Verbosity.VERBOSE, "app", Level.DEBUG));
        assertFalse(LogLevels.shows(Verbosity.QUIET, "app", Level.INFO));
        assertTrue(LogLevels.shows(Verbosity.QUIET, "app", Level.WARNING));
        assertFalse(LogLevels.shows(Verbosity.NORMAL, "com.pi4j.Pi4J", Level.INFO));
        assertTrue(LogLevels.shows(Verbosity.NORMAL, "com.pi4j.Pi4J", Level.WARNING));
        assertTrue(LogLevels.shows(Verbosity.VERBOSE, "com.pi4j.Pi4J", Level.DEBUG));
        assertFalse(LogLevels.shows(Verbosity.NORMAL, "com.pi4j.boardinfo.util.BoardInfoHelper", Level.ERROR));
        assertFalse(LogLevels.shows(Verbosity.VERBOSE, "java.lang.Runtime", Level.DEBUG));
        assertTrue(LogLevels.shows(Verbosity.NORMAL, "jdk.event.security", Level.INFO));
        assertTrue(LogLevels.shows(Verbosity.NORMAL, "javaish", Level.INFO), "only whole name segments count");
    }
}
