package org.perthensis.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Keeps every java.util.logging line (where System.Logger goes) as "LEVEL [logger] message" while open. */
final class LogCapture extends Handler implements AutoCloseable {

    private static final Logger ROOT = Logger.getLogger("");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LineFormatter formatter = new LineFormatter(false);

    LogCapture() {
        ROOT.addHandler(this);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= java.util.logging.Level.INFO.intValue()) {
            lines.add(LineFormatter.levelName(record.getLevel()) + " [" + record.getLoggerName() + "] "
                    + formatter.formatMessage(record));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        ROOT.removeHandler(this);
    }
}
