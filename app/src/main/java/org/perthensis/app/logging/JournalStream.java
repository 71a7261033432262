package org.perthensis.app.logging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether standard error is systemd's journal, as {@code systemd.exec(5)} says to find out:
 * {@code JOURNAL_STREAM} holds the device and inode numbers ({@code 8:12345}) of the journal's
 * stream, and they must be those of file descriptor 2, so that a program started from a shell
 * inside a service (which inherits the variable but not the stream) is not fooled. Then each line
 * starts with its syslog priority, which journald reads as the line's priority, and carries no
 * time of its own: journald stamps every line.
 */
final class JournalStream {

    /** The descriptor's link; {@code stat} on it follows to the socket or pipe itself, as {@code fstat(2)} would. */
    static final Path STDERR = Path.of("/proc/self/fd/2");

    /** {@code <3>} error, {@code <4>} warning, {@code <6>} info, {@code <7>} debug and trace. */
    static final LogSink.Prefix PRIORITY = level -> switch (level) {
        case ERROR, OFF -> "<3>";
        case WARNING -> "<4>";
        case INFO -> "<6>";
        case DEBUG, TRACE, ALL -> "<7>";
    };

    private JournalStream() {
    }

    /**
     * Whether the descriptor at {@code stderr} is the stream {@code JOURNAL_STREAM} names.
     *
     * @param environment the process's environment
     * @param stderr the link of descriptor 2, {@link #STDERR} but in tests
     * @return true under systemd with {@code StandardError=journal} (the default)
     */
    static boolean isStandardError(Map<String, String> environment, Path stderr) {
        String stream = environment.get("JOURNAL_STREAM");
        if (stream == null) {
            return false;
        }
        String[] parts = stream.strip().split(":");
        if (parts.length != 2) {
            return false;
        }
        try {
            long dev = Long.parseUnsignedLong(parts[0]);
            long ino = Long.parseUnsignedLong(parts[1]);
            Map<String, Object> stat = Files.readAttributes(stderr, "unix:dev,ino");
            return ((Number) stat.get("dev")).longValue() == dev && ((Number) stat.get("ino")).longValue() == ino;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
