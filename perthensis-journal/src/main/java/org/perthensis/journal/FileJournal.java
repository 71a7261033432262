package org.perthensis.journal;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.perthensis.journal.JournalOptions.Sync;

/**
 * The journal on its directory: the segment {@link Store}, the consumer's {@link Reader}, the
 * acknowledged position and its checkpoint, and the {@link Background} thread.
 */
final class FileJournal implements Journal {
    private static final String LOCK_FILE = "lock";

    private final Path dir;
    private final String name;
    private final Sync sync;
    private final Losses losses;
    private final FileChannel lockChannel;
    private final Store store;
    private final Reader reader;
    private final Background background;
    private final ReentrantLock checkpointLock = new ReentrantLock();

    private volatile long acknowledged;
    private volatile long checkpointed;
    private volatile boolean checkpointDurable = true;
    private volatile boolean closed;
    private final AtomicBoolean closing = new AtomicBoolean();

    private FileJournal(Path dir, JournalOptions options, int segmentBytes, long maxBytes, FileChannel lockChannel)
            throws IOException {
        this.dir = dir;
        this.name = "journal " + dir;
        this.sync = options.sync();
        this.lockChannel = lockChannel;
        this.background = new Background(this, options.syncInterval(), String.valueOf(dir.getFileName()));
        this.losses = new Losses(name, options.logger(), options, maxBytes, background::wake);
        Recovery.Found found = Recovery.recover(dir, losses, sync != Sync.NEVER);
        this.acknowledged = found.acknowledged();
        this.checkpointed = found.acknowledged();
        this.store = new Store(dir, name, options, segmentBytes, maxBytes, losses, found,
                this::handled, background::wake);
        this.reader = new Reader(this, store, losses, found.gaps(), options, acknowledged);
    }

    /** Opens the journal; {@code segmentBytes} and {@code maxBytes} may be smaller than the options allow, for tests. */
    static FileJournal open(Path dir, JournalOptions options, int segmentBytes, long maxBytes) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new FileSystemException(dir.toString(), null, "not a directory; a journal needs a directory of its own");
        }
        Files.createDirectories(dir);
        FileChannel lockChannel = lock(dir);
        try {
            return new FileJournal(dir, options, segmentBytes, maxBytes, lockChannel);
        } catch (IOException | RuntimeException | Error e) {
            lockChannel.close();
            throw e;
        }
    }

    /**
     * Two processes appending to one journal would corrupt it (SQLite's "How To Corrupt",
     * 2.1). The lock file is opened nowhere else: closing any descriptor of a file drops the
     * process's POSIX locks on it (ibid., 2.2).
     */
    private static FileChannel lock(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(LOCK_FILE), CREATE, WRITE);
        try {
            FileLock held = ch.tryLock();
            if (held == null) {
                throw new FileSystemException(dir.toString(), null, "the journal is open in another process");
            }
            return ch;
        } catch (OverlappingFileLockException e) {
            ch.close();
            throw new FileSystemException(dir.toString(), null, "the journal is already open in this process; close it first");
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public long append(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > store.maxPayload()) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes is larger than a segment can hold ("
                    + store.maxPayload() + " bytes with segmentBytes " + store.segmentBytes() + ")");
        }
        return store.append(payload);
    }

    @Override
    public List<Entry> read(int max) {
        open();
        try {
            return reader.read(max);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": reading failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void acknowledge(long seq) {
        open();
        reader.acknowledge(seq);
    }

    @Override
    public void rewind() {
        open();
        reader.rewind();
    }

    /** Moves the acknowledged position, deletes what it covers, and has the checkpoint follow. */
    void acknowledgeUpTo(long seq) {
        acknowledged = seq;
        store.deleteUpTo(seq);
        if (seq != checkpointed) {
            background.wake();
        }
    }

    @Override
    public long acknowledged() {
        return acknowledged;
    }

    @Override
    public long pending() {
        return Math.max(0, store.lastSeq() - Math.max(acknowledged, store.oldestSeq() - 1));
    }

    @Override
    public long bytesOnDisk() {
        return store.bytesOnDisk();
    }

    @Override
    public long dropped() {
        return losses.droppedCount();
    }

    @Override
    public long rejected() {
        return losses.rejectedCount();
    }

    @Override
    public long expired() {
        return losses.expiredCount();
    }

    @Override
    public long corruptSkipped() {
        return losses.corruptCount();
    }

    @Override
    public long tornCut() {
        return losses.tornCount();
    }

    @Override
    public void sync() throws IOException {
        open();
        store.forceUpTo(store.lastSeq());
        writeCheckpoint(true);
    }

    @Override
    public void close() throws IOException {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        store.stopAppends();
        background.stop();
        try {
            store.forceAll();
            if (store.failure() == null) {
                writeCheckpoint(true);
            }
        } finally {
            losses.report(Long.MAX_VALUE);
            reader.close();
            try {
                store.closeFiles();
            } finally {
                lockChannel.close();
            }
        }
    }

    /** The last sequence number the consumer is done with: acknowledged, or at least read. */
    private long handled() {
        return Math.max(acknowledged, reader.passed());
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    private void writeCheckpoint(boolean force) throws IOException {
        checkpointLock.lock();
        try {
            long a = acknowledged;
            if (a == checkpointed && (checkpointDurable || !force)) {
                return;
            }
            Checkpoint.write(dir, a, force);
            checkpointed = a;
            checkpointDurable = force;
        } finally {
            checkpointLock.unlock();
        }
    }

    // The background thread's work

    boolean dirty() {
        return store.dirty();
    }

    boolean checkpointBehind() {
        return acknowledged != checkpointed && store.failure() == null;
    }

    long lossReportDue() {
        return losses.due();
    }

    void reportLosses(long now) {
        losses.report(now);
    }

    void flushInBackground() {
        try {
            store.flushInBackground();
        } catch (IOException | RuntimeException e) {
            backgroundFailed("writing", e);
        }
    }

    void checkpointInBackground() {
        try {
            writeCheckpoint(sync != Sync.NEVER);
        } catch (IOException e) {
            backgroundFailed("writing the checkpoint", e);
        }
    }

    private void backgroundFailed(String what, Exception e) {
        if (closed || store.failure() != null) {
            return;
        }
        store.failed(e instanceof IOException io ? io : new IOException(e));
        losses.error(what + " failed: " + e + "; appends fail from now on; close the journal and open it again");
    }

    // For tests

    long forcedSeq() {
        return store.forcedSeq();
    }

    long forces() {
        return store.forces();
    }
}
