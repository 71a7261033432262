package org.perthensis.app.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One readable line per event: {@code 2026-01-31 12:00:00.250 WARN  [app] message}. A stack
 * trace follows only in verbose mode; otherwise the exception is named on the same line.
 */
final class LineFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private LineFormat() {
    }

    /**
     * Writes one event.
     *
     * @param at when it happened, or null to leave the time out (the journal adds its own)
     * @param level its level
     * @param logger the logger's name
     * @param message the message, parameters already filled in
     * @param thrown the exception, or null
     * @param stackTraces whether to add the stack trace
     * @return the line, with the stack trace's lines if any, without a final line break
     */
    static String format(Instant at, Level level, String logger, String message, Throwable thrown, boolean stackTraces) {
        StringBuilder line = new StringBuilder(120);
        if (at != null) {
            line.append(TIME.format(at)).append(' ');
        }
        line.append(String.format("%-5s", levelName(level))).append(" [")
                .append(logger).append("] ")
                .append(stackTraces ? message : withThrown(message, thrown));
        if (thrown != null && stackTraces) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        return line.toString();
    }

    /**
     * A message with the exception named after it, unless the message already says what was
     * thrown, in the exception's words or its own.
     */
    static String withThrown(String message, Throwable thrown) {
        if (thrown == null || message.contains(thrown.toString())
                || thrown.getMessage() != null && message.contains(thrown.getMessage())) {
            return message;
        }
        return message + ": " + thrown;
    }

    /**
     * The names people know from SLF4J and System.Logger.
     *
     * @param level a level
     * @return {@code ERROR}, {@code WARN}, {@code INFO}, {@code DEBUG} or {@code TRACE}
     */
    static String levelName(Level level) {
        return switch (level) {
            case ERROR, OFF -> "ERROR";
            case WARNING -> "WARN";
            case INFO -> "INFO";
            case DEBUG -> "DEBUG";
            case TRACE, ALL -> "TRACE";
        };
    }
}
