package org.perthensis.net;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.perthensis.api.Clock;
import org.perthensis.api.JournalConfig;
import org.perthensis.api.Scheduler;
import org.perthensis.journal.Journal;
import org.perthensis.journal.JournalOptions;

/**
 * A connection's journal: the {@code journal} field made into the library's options, opened when
 * the task runs (with a message in the user's words when it cannot be) and closed when it ends,
 * each logged. The journal logs its own losses through the task's logger, one line per burst.
 */
final class JournalFiles {
    /** A segment's header and the most a record adds to its payload: {@code append} takes "segmentBytes minus 57". */
    private static final int RECORD_OVERHEAD = 57;

    private final Path dir;
    private final JournalOptions options;
    private final String sync;
    private final System.Logger log;
    private final String name;

    /**
     * @param name the task as its log lines name it, {@code connection 'uplink'}
     */
    JournalFiles(JournalConfig config, Clock clock, System.Logger log, String name) {
        this.dir = Path.of(config.dir());
        this.sync = config.sync();
        this.log = log;
        this.name = name;
        long maxBytes = config.maxByteCount();
        this.options = JournalOptions.builder()
                .segmentBytes(segmentBytes(maxBytes))
                .maxBytes(maxBytes)
                .sync(config.syncAlways() ? JournalOptions.Sync.ALWAYS
                        : config.syncNever() ? JournalOptions.Sync.NEVER : JournalOptions.Sync.INTERVAL)
                .syncInterval(config.syncInterval())
                .overflow(config.dropOldest() ? JournalOptions.Overflow.DROP_OLDEST
                        : JournalOptions.Overflow.REJECT_NEWEST)
                .maxAge(config.maxAge())
                .clock(clock::wallTime) // the time the rest of the device sees, also under a virtual clock
                .logger(new PrefixedLogger(log, name + ": "))
                .build();
    }

    /**
     * Sixteen segments in all where the sizes allow (4 MiB each at the default 64 MiB): a full
     * journal that drops the oldest segment drops a sixteenth of what it holds, not half.
     */
    static int segmentBytes(long maxBytes) {
        long sixteenth = maxBytes / 16;
        return (int) Math.max(JournalOptions.MIN_SEGMENT_BYTES, Math.min(JournalOptions.MAX_SEGMENT_BYTES, sixteenth));
    }

    /** The longest line one record holds, in bytes. */
    int maxLine() {
        return options.segmentBytes() - RECORD_OVERHEAD;
    }

    /**
     * Opens the journal (on a blocking thread) and has {@code outbox} use it: the lines waiting
     * in memory go in first.
     *
     * @throws IOException saying what is wrong with the directory, in a user's words
     */
    void open(Scheduler s, Outbox outbox) throws Exception {
        Journal journal;
        try {
            journal = s.blocking(() -> Journal.open(dir, options));
        } catch (IOException e) {
            throw new IOException(name + ": cannot open the journal " + dir + ": " + reason(e), e);
        }
        long kept = journal.pending();
        try {
            outbox.open(journal);
        } catch (RuntimeException e) {
            journal.close();
            throw new IOException(name + ": cannot move the lines sent before the start into the journal " + dir
                    + ": " + e.getMessage(), e);
        }
        log.log(INFO, name + ": outgoing lines go through the journal in " + dir + " (sync " + sync + ")"
                + (kept > 0 ? "; " + Text.count(kept, "line") + " kept from before go first" : ""));
    }

    /**
     * Has {@code outbox} stop using the journal and closes it, on the loop: in a cancelled task's
     * {@code finally} there is no {@code blocking} any more. Lines not yet taken by the operating
     * system stay in it, for the next start.
     */
    void close(Outbox outbox) {
        Journal journal = outbox.close();
        if (journal == null) {
            return;
        }
        long kept = journal.pending();
        try {
            journal.close();
        } catch (IOException e) {
            log.log(WARNING, name + ": closing the journal " + dir + " failed: " + e.getMessage()
                    + "; what it had not written is delivered again or lost, as after a power cut");
        }
        if (kept > 0) {
            log.log(INFO, name + ": " + Text.count(kept, "line") + " kept in the journal for the next start");
        }
    }

    /** Fails the task if the journal failed since it was opened (a full disk?), so that it is opened again. */
    void check(Outbox outbox) throws IOException {
        RuntimeException failure = outbox.failure();
        if (failure != null) {
            throw new IOException(name + ": the journal " + dir + " failed: " + failure.getMessage()
                    + "; lines wait in memory until it is open again", failure);
        }
    }

    /** A file system error's message names the file but, for some, not the problem: add it. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() == null) {
            String what = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or directory"
                    : e instanceof NotDirectoryException ? "not a directory"
                    : e.getClass().getSimpleName();
            return f.getFile() + ": " + what;
        }
        return e.getMessage();
    }
}
