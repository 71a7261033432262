package org.perthensis.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.app.fakes.LogCapture;

/** Every line, through System.Logger or SLF4J, reaches the one sink, and is out before the call returns. */
class LogSinkTest {

    @Test
    void aLineIsWrittenAndFlushedBeforeTheLoggingCallReturns() {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        PrintStream before = System.err;
        // Buffered and without autoflush: only the sink's own flush gets the line through.
        System.setErr(new PrintStream(new BufferedOutputStream(written, 1 << 16), false, StandardCharsets.UTF_8));
        try {
            System.getLogger("app").log(System.Logger.Level.WARNING, "pin {0} is busy", 17);
        } finally {
            System.setErr(before);
        }
        String line = written.toString(StandardCharsets.UTF_8);
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[app\\] pin 17 is busy\\R"), line);
    }

    @Test
    void systemLoggersAndSlf4jLoggersBothWriteThroughTheSink() {
        try (LogCapture log = new LogCapture()) {
            System.getLogger("perthensis.heartbeat.status").log(System.Logger.Level.INFO, "on");
            org.slf4j.LoggerFactory.getLogger("com.pi4j.Pi4J").warn("plugin {} failed", "gpiod");
            assertEquals(List.of("INFO [perthensis.heartbeat.status] on", "WARN [com.pi4j.Pi4J] plugin gpiod failed"),
                    log.lines());
        }
    }
}
