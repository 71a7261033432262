package org.perthensis.app.logging;

import java.lang.System.Logger.Level;

/** Which lines a verbosity shows, by logger name and level. */
final class LogLevels {

    /** Pi4J logs every step of its start at INFO; that is noise unless asked for. */
    private static final String PI4J = "com.pi4j";
    /** Off a Raspberry Pi, Pi4J's board detection logs errors that are expected there; the app logs its own decision. */
    private static final String PI4J_BOARD_INFO = "com.pi4j.boardinfo";
    /** The JDK's own debug lines (a stack trace on every System.exit) are not what --verbose is for. */
    private static final String[] JDK = {"java", "javax", "jdk", "sun"};

    private LogLevels() {
    }

    /**
     * Whether a line is shown.
     *
     * @param verbosity the command line's choice
     * @param logger the logger's name
     * @param level the line's level
     * @return true to write it
     */
    static boolean shows(Verbosity verbosity, String logger, Level level) {
        return level != Level.OFF && level != Level.ALL && level.getSeverity() >= threshold(verbosity, logger).getSeverity();
    }

    private static Level threshold(Verbosity verbosity, String logger) {
        boolean verbose = verbosity == Verbosity.VERBOSE;
        if (within(logger, PI4J_BOARD_INFO)) {
            return verbose ? Level.DEBUG : Level.OFF;
        }
        if (within(logger, PI4J)) {
            return verbose ? Level.DEBUG : Level.WARNING;
        }
        for (String jdk : JDK) {
            if (within(logger, jdk)) {
                return verbosity == Verbosity.QUIET ? Level.WARNING : Level.INFO;
            }
        }
        return switch (verbosity) {
            case QUIET -> Level.WARNING;
            case NORMAL -> Level.INFO;
            case VERBOSE -> Level.DEBUG;
        };
    }

    private static boolean within(String logger, String prefix) {
        return logger.equals(prefix) || logger.startsWith(prefix + ".");
    }
}
