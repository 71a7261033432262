package org.perthensis.app.fakes;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.perthensis.app.logging.LogSink;

/** Keeps every log line from information up, as "LEVEL [logger] message", while open. */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AutoCloseable watch;

    /** Starts capturing. */
    public LogCapture() {
        watch = LogSink.watch(e -> lines.add(name(e.level()) + " [" + e.logger() + "] " + e.text()));
    }

    private static String name(Level level) {
        return level == Level.WARNING ? "WARN" : level.getName();
    }

    /**
     * The lines so far.
     *
     * @return them, in order
     */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * The lines so far of one logger.
     *
     * @param logger its name
     * @return them, in order
     */
    public List<String> of(String logger) {
        return lines().stream().filter(l -> l.contains(" [" + logger + "] ")).toList();
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
