package org.perthensis.app.logging;

/** How much to log, from the command line. */
public enum Verbosity {
    /** Warnings and errors only ({@code --quiet}). */
    QUIET,
    /** Information, warnings and errors; Pi4J's only from warnings up. The default. */
    NORMAL,
    /** Everything down to debug, Pi4J's included, with stack traces ({@code --verbose}). */
    VERBOSE
}
