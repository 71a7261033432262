package org.perthensis.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LineFormatterTest {

    private static final Instant AT = Instant.parse("2026-01-31T12:00:00.250Z");
    private static final String TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault()).format(AT);

    private static LogRecord record(Level level, String message, Throwable thrown, Object... params) {
        LogRecord r = new LogRecord(level, message);
        r.setInstant(AT);
        r.setLoggerName("perthensis.heartbeat.status");
        r.setThrown(thrown);
        r.setParameters(params);
        return r;
    }

    @Test
    void writesOneLineWithTimeLevelLoggerAndMessage() {
        assertEquals(TIME + " WARN  [perthensis.heartbeat.status] pin {0} is busy".replace("{0}", "17")
                + System.lineSeparator(), new LineFormatter(false).format(record(Level.WARNING, "pin {0} is busy", null, 17)));
        assertEquals(TIME + " DEBUG [perthensis.heartbeat.status] led on" + System.lineSeparator(),
                new LineFormatter(false).format(record(Level.FINE, "led on", null)));
    }

    @Test
    void namesAnExceptionOnTheSameLineUnlessVerbose() {
        IOException gone = new IOException("gone");
        assertEquals(TIME + " ERROR [perthensis.heartbeat.status] write failed: java.io.IOException: gone"
                + System.lineSeparator(), new LineFormatter(false).format(record(Level.SEVERE, "write failed", gone)));
        assertEquals(TIME + " ERROR [perthensis.heartbeat.status] write failed: java.io.IOException: gone"
                + System.lineSeparator(), new LineFormatter(false).format(
                        record(Level.SEVERE, "write failed: java.io.IOException: gone", gone)), "not named twice");
        String verbose = new LineFormatter(true).format(record(Level.SEVERE, "write failed", gone));
        assertTrue(verbose.startsWith(TIME + " ERROR [perthensis.heartbeat.status] write failed" + System.lineSeparator()
                + "java.io.IOException: gone" + System.lineSeparator() + "\tat "), verbose);
    }
}
