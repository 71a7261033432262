package org.perthensis.app;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Sends every log line, ours through {@code System.Logger} and Pi4J's through SLF4J's
 * java.util.logging provider, to standard error through one {@link LineFormatter}.
 */
final class Logging {

    /** How much to log, from the command line. */
    enum Verbosity {
        /** Warnings and errors only. */
        QUIET(Level.WARNING),
        /** Information, warnings and errors; Pi4J's chatter only from warnings up. */
        NORMAL(Level.INFO),
        /** Everything down to debug, Pi4J's included, with stack traces. */
        VERBOSE(Level.FINE);

        final Level level;

        Verbosity(Level level) {
            this.level = level;
        }
    }

    /** Pi4J logs every step of its start at INFO; that is noise unless asked for. */
    private static final String PI4J = "com.pi4j";
    /** Off a Raspberry Pi, Pi4J's board detection logs errors that are expected there; the app logs its own decision. */
    private static final String PI4J_BOARD_INFO = "com.pi4j.boardinfo";

    /** The JDK's own debug lines (a stack trace on every System.exit) are not what --verbose is for. */
    private static final List<String> JDK = List.of("java", "javax", "jdk", "sun");

    // java.util.logging holds loggers weakly: a level set on one that is collected would be lost.
    private static List<Logger> configured = List.of();

    private Logging() {
    }

    static void configure(Verbosity verbosity) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(verbosity.level);
        Handler console = new ConsoleHandler();
        console.setLevel(Level.ALL);
        console.setFormatter(new LineFormatter(verbosity == Verbosity.VERBOSE));
        root.addHandler(console);
        Logger pi4j = Logger.getLogger(PI4J);
        pi4j.setLevel(verbosity == Verbosity.VERBOSE ? Level.FINE : Level.WARNING);
        Logger boardInfo = Logger.getLogger(PI4J_BOARD_INFO);
        boardInfo.setLevel(verbosity == Verbosity.VERBOSE ? Level.FINE : Level.OFF);
        List<Logger> all = new ArrayList<>(List.of(root, pi4j, boardInfo));
        for (String jdk : JDK) {
            Logger logger = Logger.getLogger(jdk);
            logger.setLevel(verbosity == Verbosity.QUIET ? Level.WARNING : Level.INFO);
            all.add(logger);
        }
        configured = List.copyOf(all);
    }

    /** Writes out whatever the handlers hold, before the process ends abruptly. */
    static void flush() {
        for (Logger logger : configured) {
            for (Handler h : logger.getHandlers()) {
                h.flush();
            }
        }
    }
}
