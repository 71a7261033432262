package org.perthensis.app.logging;

import java.util.ResourceBundle;

/**
 * The {@code System.LoggerFinder} of the app's module path: every {@code System.Logger}, the
 * JDK's included, writes through the {@link LogSink}.
 */
public final class SinkLoggerFinder extends System.LoggerFinder {

    /** The JDK finds this through {@code ServiceLoader}. */
    public SinkLoggerFinder() {
    }

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new SinkLogger(name);
    }

    /** A logger of the sink. */
    private record SinkLogger(String name) implements System.Logger {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return LogSink.shows(name, level);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                LogSink.write(level, name, localized(bundle, msg), thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                LogSink.write(level, name, LogSink.fill(localized(bundle, format), params), null);
            }
        }

        private static String localized(ResourceBundle bundle, String key) {
            if (bundle == null || key == null) {
                return key;
            }
            try {
                return bundle.getString(key);
            } catch (RuntimeException e) {
                return key;
            }
        }
    }
}
