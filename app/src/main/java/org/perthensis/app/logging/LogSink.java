package org.perthensis.app.logging;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one place every log line goes through, the app's, each task's, the JDK's and Pi4J's:
 * written whole and flushed to standard error before the call returns, so no exit path (a
 * signal, {@code System.exit}, a halt after the grace) can lose a line that was logged. No
 * handler of {@code java.util.logging} is involved, whose {@code LogManager} closes its
 * handlers in a shutdown hook of its own while ours may still be logging.
 *
 * <p>Each line is written with its level beside it, through a {@link Prefix}, so that under
 * systemd's journal a line can start with its syslog priority ({@code <3>} for an error).
 */
public final class LogSink {

    /** What goes before each line, given its level: nothing on a terminal, a priority for the journal. */
    @FunctionalInterface
    public interface Prefix {
        /** No prefix. */
        Prefix NONE = level -> "";

        /**
         * The text before a line.
         *
         * @param level the line's level
         * @return such as {@code <4>} for a warning under the journal, or empty
         */
        String of(Level level);
    }

    /**
     * One event, as tests see it.
     *
     * @param level its level
     * @param logger the logger's name
     * @param message the message with its parameters filled in
     * @param thrown the exception, or null
     */
    public record Entry(Level level, String logger, String message, Throwable thrown) {

        /**
         * The message as a line without stack trace shows it: with the exception named after
         * it, unless the message already says what was thrown.
         *
         * @return the text
         */
        public String text() {
            return LineFormat.withThrown(message, thrown);
        }
    }

    private static final Object LOCK = new Object();
    private static final List<Consumer<Entry>> WATCHERS = new CopyOnWriteArrayList<>();
    private static volatile Verbosity verbosity = Verbosity.NORMAL;
    private static volatile Prefix prefix = Prefix.NONE;
    private static volatile boolean timestamps = true;

    private LogSink() {
    }

    static void verbosity(Verbosity chosen) {
        verbosity = Objects.requireNonNull(chosen);
    }

    /**
     * Chooses the prefix of every line, and whether a line starts with its time.
     *
     * @param chosen the prefix
     * @param withTime false when the reader stamps lines itself, as the journal does
     */
    static void prefix(Prefix chosen, boolean withTime) {
        prefix = Objects.requireNonNull(chosen);
        timestamps = withTime;
    }

    /**
     * Whether a line would be written.
     *
     * @param logger the logger's name
     * @param level the level
     * @return true if the verbosity shows it
     */
    public static boolean shows(String logger, Level level) {
        return LogLevels.shows(verbosity, logger, level) || !WATCHERS.isEmpty() && level.getSeverity() >= Level.INFO.getSeverity();
    }

    /**
     * Writes one event, if the verbosity shows it.
     *
     * @param level its level
     * @param logger the logger's name
     * @param message the message, parameters filled in
     * @param thrown the exception, or null
     */
    public static void write(Level level, String logger, String message, Throwable thrown) {
        String text = message == null ? "" : message;
        if (level.getSeverity() >= Level.INFO.getSeverity()) {
            WATCHERS.forEach(w -> w.accept(new Entry(level, logger, text, thrown)));
        }
        Verbosity v = verbosity;
        if (!LogLevels.shows(v, logger, level)) {
            return;
        }
        String line = LineFormat.format(timestamps ? Instant.now() : null, level, logger, text, thrown,
                v == Verbosity.VERBOSE);
        String before = prefix.of(level);
        if (!before.isEmpty()) {
            // Each line of a stack trace too: the journal takes every line as an entry of its own.
            line = before + line.replace("\n", "\n" + before);
        }
        synchronized (LOCK) {
            PrintStream err = System.err;
            err.print(line);
            err.println();
            err.flush();
        }
    }

    /**
     * Fills in {@code {0}}-style parameters, as {@code System.Logger} defines them.
     *
     * @param format the message
     * @param params its parameters, or none
     * @return the message
     */
    static String fill(String format, Object... params) {
        if (format == null || params == null || params.length == 0) {
            return format;
        }
        try {
            return MessageFormat.format(format, params);
        } catch (IllegalArgumentException e) {
            return format;
        }
    }

    /**
     * Shows every event from information up to {@code watcher} as well, until closed; for tests.
     *
     * @param watcher called on the logging thread
     * @return closes the watch
     */
    public static AutoCloseable watch(Consumer<Entry> watcher) {
        WATCHERS.add(watcher);
        return () -> WATCHERS.remove(watcher);
    }
}
