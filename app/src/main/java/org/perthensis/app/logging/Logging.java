package org.perthensis.app.logging;

import java.util.Map;

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

    /**
     * Starts each line with its syslog priority and leaves the time out when standard error is
     * systemd's journal ({@code JOURNAL_STREAM} names descriptor 2), so that journald records
     * each line's level and {@code journalctl -p warning} shows exactly the warnings and errors.
     *
     * @param environment the process's environment
     * @return true if the journal was found
     */
    public static boolean forJournalIfThere(Map<String, String> environment) {
        boolean journal = JournalStream.isStandardError(environment, JournalStream.STDERR);
        if (journal) {
            LogSink.prefix(JournalStream.PRIORITY, false);
        }
        return journal;
    }
}
