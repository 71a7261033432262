package org.perthensis.net;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * A task's logger that starts every message with the task's name, for a library that logs on
 * its behalf: the journal's lines then read like the connection's own
 * ({@code connection 'uplink': journal /var/lib/perthensis/uplink: dropped 12 ...}).
 */
final class PrefixedLogger implements System.Logger {
    private final System.Logger target;
    private final String prefix;

    PrefixedLogger(System.Logger target, String prefix) {
        this.target = target;
        this.prefix = prefix;
    }

    @Override
    public String getName() {
        return target.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return target.isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        target.log(level, bundle, prefix + message, thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        // Formatted here: the prefix holds quotes, which MessageFormat would take for its own.
        String message = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
        target.log(level, bundle, prefix + message, (Throwable) null);
    }
}
