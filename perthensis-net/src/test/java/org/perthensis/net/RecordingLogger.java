package org.perthensis.net;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.perthensis.api.Clock;

/**
 * Keeps every log line as "LEVEL message", or "millis LEVEL message" with the scheduler's clock,
 * so tests can assert what users would read, and when.
 */
final class RecordingLogger implements System.Logger {
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final Clock clock;

    RecordingLogger() {
        this(null);
    }

    RecordingLogger(Clock clock) {
        this.clock = clock;
    }

    /** The lines at INFO and above: what a user sees by default. */
    List<String> visible() {
        return lines.stream().filter(l -> !l.contains("DEBUG ") && !l.contains("TRACE ")).toList();
    }

    @Override
    public String getName() {
        return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
        add(level, msgSupplier.get());
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        add(level, msg);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        add(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params));
    }

    private void add(Level level, String message) {
        lines.add((clock == null ? "" : clock.millis() + " ") + level + " " + message);
    }
}
