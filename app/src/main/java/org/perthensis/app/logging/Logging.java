package org.perthensis.app.logging;

/**
 * Sets how much the {@link LogSink} writes. Every line goes through it: the app's and each
 * task's through {@code System.Logger} ({@link SinkLoggerFinder}), Pi4J's through SLF4J
 * ({@link Slf4jProvider}); {@code java.util.logging} is not used.
 */
public final class Logging {

    private Logging() {
    }

    /**
     * Chooses what is shown from now on.
     *
     * @param verbosity the command line's choice
     */
    public static void configure(Verbosity verbosity) {
        LogSink.verbosity(verbosity);
    }
}
