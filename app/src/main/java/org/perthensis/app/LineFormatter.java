package org.perthensis.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One readable line per event: {@code 2026-01-31 12:00:00.250 WARN  [app] message}. A stack
 * trace follows only in verbose mode; otherwise the exception is named on the same line.
 */
final class LineFormatter extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final boolean stackTraces;

    LineFormatter(boolean stackTraces) {
        this.stackTraces = stackTraces;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(120)
                .append(TIME.format(record.getInstant())).append(' ')
                .append(String.format("%-5s", levelName(record.getLevel()))).append(" [")
                .append(record.getLoggerName()).append("] ")
                .append(formatMessage(record));
        Throwable thrown = record.getThrown();
        if (thrown != null && !stackTraces && !line.toString().contains(thrown.toString())) {
            line.append(": ").append(thrown);
        }
        line.append(System.lineSeparator());
        if (thrown != null && stackTraces) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    /** The names people know from SLF4J and System.Logger rather than java.util.logging's. */
    static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        if (v >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }
}
