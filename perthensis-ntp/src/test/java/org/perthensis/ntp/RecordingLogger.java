package org.perthensis.ntp;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** Keeps every log line at INFO and above as "LEVEL message", so tests can assert what users would read. */
final class RecordingLogger implements System.Logger {
    final List<String> lines = new CopyOnWriteArrayList<>();

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
        String message = msgSupplier.get(); // built even at DEBUG, so a broken debug message fails the test
        if (level.compareTo(Level.INFO) >= 0) {
            lines.add(level + " " + message);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (level.compareTo(Level.INFO) >= 0) {
            lines.add(level + " " + msg);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (level.compareTo(Level.INFO) >= 0) {
            lines.add(level + " " + (params == null || params.length == 0 ? format : MessageFormat.format(format, params)));
        }
    }
}
