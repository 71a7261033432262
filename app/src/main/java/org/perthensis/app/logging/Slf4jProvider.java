package org.perthensis.app.logging;

import java.lang.System.Logger.Level;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of the app's module path, so Pi4J's lines are written through the
 * {@link LogSink} like the app's, in the same format and under the same verbosity.
 */
public final class Slf4jProvider implements SLF4JServiceProvider {

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private final ILoggerFactory loggers = SinkSlf4jLogger::new;

    /** SLF4J finds this through {@code ServiceLoader}. */
    public Slf4jProvider() {
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: the sink is static
    }

    /** An SLF4J logger writing to the sink. */
    private static final class SinkSlf4jLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        SinkSlf4jLogger(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return LogSink.shows(name, Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return LogSink.shows(name, Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return LogSink.shows(name, Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return LogSink.shows(name, Level.WARNING);
        }

        @Override
        public boolean isErrorEnabled() {
            return LogSink.shows(name, Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(org.slf4j.event.Level level, Marker marker, String pattern,
                Object[] arguments, Throwable throwable) {
            Level ours = switch (level) {
                case ERROR -> Level.ERROR;
                case WARN -> Level.WARNING;
                case INFO -> Level.INFO;
                case DEBUG -> Level.DEBUG;
                case TRACE -> Level.TRACE;
            };
            LogSink.write(ours, name, MessageFormatter.basicArrayFormat(pattern, arguments), throwable);
        }
    }
}
