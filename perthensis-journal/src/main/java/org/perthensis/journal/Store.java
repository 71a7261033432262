package org.perthensis.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.perthensis.journal.JournalOptions.Overflow;
import org.perthensis.journal.JournalOptions.Sync;

/**
 * The segment files: appending to the newest, forcing, replacing a full one, deleting the
 * oldest, and the bound on disk.
 *
 * <p>Two locks, always taken in this order: {@code syncLock} by whoever forces the newest
 * segment or replaces it, so that its channel is never closed under a force; {@code lock} by
 * whoever changes the buffer, the segment list or the sequence numbers. A force runs holding
 * only {@code syncLock}, so appends go on while the device works. Both are
 * {@link ReentrantLock}s rather than monitors, so that a virtual thread waiting for one does
 * not pin its carrier.
 */
final class Store {
    private final Path dir;
    private final String name;
    private final int segmentBytes;
    private final long maxBytes;
    private final Sync sync;
    private final Overflow overflow;
    private final long maxAgeMillis;
    private final InstantSource clock;
    private final Losses losses;
    /** The last sequence number the consumer is done with, acknowledged or read: what overflow need not count. */
    private final LongSupplier handled;
    private final Runnable wake;

    private final ReentrantLock syncLock = new ReentrantLock();
    private final ReentrantLock lock = new ReentrantLock();

    private final List<Segment> segments;             // guarded by lock
    private final List<Path> unforced = new ArrayList<>(); // NEVER: replaced segments not forced yet; guarded by lock
    private Writer writer;                            // guarded by lock
    private long nextSeq;                             // guarded by lock
    private long totalBytes;                          // guarded by lock

    private volatile long lastSeq;
    private volatile long forcedSeq;
    private volatile long forces;
    private volatile long oldestSeq;
    /** Records the background step has yet to force (or, under NEVER, write out). */
    private volatile boolean dirty;
    private volatile IOException failure;
    private volatile boolean closed;

    Store(Path dir, String name, JournalOptions options, int segmentBytes, long maxBytes, Losses losses,
            Recovery.Found found, LongSupplier handled, Runnable wake) throws IOException {
        this.dir = dir;
        this.name = name;
        this.segmentBytes = segmentBytes;
        this.maxBytes = maxBytes;
        this.sync = options.sync();
        this.overflow = options.overflow();
        this.maxAgeMillis = options.maxAge() == null ? -1 : options.maxAge().toMillis();
        this.clock = options.clock();
        this.losses = losses;
        this.handled = handled;
        this.wake = wake;
        this.segments = new ArrayList<>(found.segments());
        this.nextSeq = found.nextSeq();
        if (segments.isEmpty()) {
            writer = Writer.create(dir, nextSeq, clock.millis(), sync != Sync.NEVER);
            segments.add(writer.segment);
        } else {
            writer = Writer.resume(segments.getLast());
            if (sync != Sync.NEVER) {
                writer.channel().force(false); // what a crashed process left may not be on the device yet
            }
        }
        for (Segment s : segments) {
            totalBytes += s.size;
        }
        this.lastSeq = nextSeq - 1;
        // Under NEVER, what an earlier process wrote is the operating system's to write, as it was then.
        this.forcedSeq = lastSeq;
        this.oldestSeq = segments.getFirst().firstSeq;
    }

    /** The largest payload a segment holds. */
    int maxPayload() {
        return segmentBytes - Format.HEADER_BYTES - Format.MAX_OVERHEAD;
    }

    int segmentBytes() {
        return segmentBytes;
    }

    long append(byte[] payload) {
        long seq = -1;
        boolean wakeUp = false;
        while (seq < 0) {
            boolean roll;
            lock.lock();
            try {
                usable();
                roll = writer.segment.size + payload.length + Format.MAX_OVERHEAD > segmentBytes;
                long need = payload.length + Format.MAX_OVERHEAD + (roll ? Format.HEADER_BYTES : 0);
                if (totalBytes + need > maxBytes && !makeRoom(need)) {
                    losses.rejected(1);
                    return Journal.REJECTED;
                }
                if (!roll) {
                    seq = nextSeq++;
                    totalBytes += writer.append(seq, clock.millis(), payload);
                    lastSeq = seq;
                    if (sync != Sync.ALWAYS && !dirty) {
                        dirty = true;
                        wakeUp = true;
                    }
                }
            } catch (IOException e) {
                throw failed(e);
            } finally {
                lock.unlock();
            }
            if (roll) {
                roll(payload.length);
            }
        }
        if (wakeUp) {
            wake.run();
        }
        if (sync == Sync.ALWAYS) {
            try {
                forceUpTo(seq);
            } catch (IOException e) {
                throw failed(e);
            }
        }
        return seq;
    }

    /** Deletes oldest segments until {@code need} more bytes fit: expired ones first, then as the overflow policy says. */
    private boolean makeRoom(long need) throws IOException {
        long now = clock.millis();
        while (totalBytes + need > maxBytes && segments.size() > 1) {
            Segment oldest = segments.get(0);
            Segment next = segments.get(1);
            long unread = next.firstSeq - 1 - Math.max(handled.getAsLong(), oldest.firstSeq - 1);
            // The next segment was begun after the oldest one's last record was appended.
            boolean expired = maxAgeMillis >= 0 && next.baseTime < now - maxAgeMillis;
            if (!expired && overflow == Overflow.REJECT_NEWEST) {
                return false;
            }
            removeOldest();
            if (expired) {
                losses.expired(unread);
            } else {
                losses.dropped(unread);
            }
        }
        return totalBytes + need <= maxBytes;
    }

    private void removeOldest() throws IOException {
        Segment s = segments.remove(0);
        totalBytes -= s.size;
        oldestSeq = segments.getFirst().firstSeq;
        unforced.remove(s.path);
        Files.deleteIfExists(s.path);
    }

    /** Deletes the segments whose records are all acknowledged, but never the newest. */
    void deleteUpTo(long acknowledged) {
        lock.lock();
        try {
            while (segments.size() > 1 && segments.get(1).firstSeq - 1 <= acknowledged) {
                removeOldest();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": deleting an acknowledged segment failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the full newest segment with a new one, unless another thread did meanwhile. */
    private void roll(int payloadLength) {
        syncLock.lock();
        try {
            lock.lock();
            try {
                usable();
                if (writer.segment.size + payloadLength + Format.MAX_OVERHEAD <= segmentBytes) {
                    return;
                }
                Writer old = writer;
                old.flush();
                if (sync != Sync.NEVER) {
                    old.channel().force(false);
                    forces++;
                    forcedSeq = Math.max(forcedSeq, old.segment.lastSeq);
                } else {
                    unforced.add(old.segment.path);
                }
                old.close();
                writer = Writer.create(dir, nextSeq, clock.millis(), sync != Sync.NEVER);
                segments.add(writer.segment);
                totalBytes += writer.segment.size;
            } finally {
                lock.unlock();
            }
        } catch (IOException e) {
            throw failed(e);
        } finally {
            syncLock.unlock();
        }
    }

    /** Forces every record up to {@code seq}; callers that come while a force runs share the next one. */
    void forceUpTo(long seq) throws IOException {
        syncLock.lock();
        try {
            if (forcedSeq < seq) {
                force(true);
            }
        } finally {
            syncLock.unlock();
        }
    }

    /** Writes out the buffer and forces it with the segments not forced yet; holding syncLock, so that appends go on. */
    private void force(boolean usableOnly) throws IOException {
        FileChannel channel;
        long upTo;
        List<Path> older;
        lock.lock();
        try {
            if (usableOnly) {
                usable();
            }
            writer.flush();
            channel = writer.channel();
            upTo = lastSeq;
            older = List.copyOf(unforced);
            unforced.clear();
            dirty = false;
        } finally {
            lock.unlock();
        }
        for (Path p : older) {
            if (Files.exists(p)) {
                Io.force(p);
            }
        }
        channel.force(false);
        forces++;
        forcedSeq = upTo;
    }

    /** The background step: forces under INTERVAL, hands the buffer to the operating system under NEVER. */
    void flushInBackground() throws IOException {
        if (sync == Sync.INTERVAL) {
            forceUpTo(lastSeq);
            return;
        }
        lock.lock();
        try {
            if (!closed) {
                writer.flush();
            }
            dirty = false;
        } finally {
            lock.unlock();
        }
    }

    /** Hands buffered records of {@code s} to the operating system; true if the reader has more to read now. */
    boolean writeOut(Segment s, long loaded) throws IOException {
        lock.lock();
        try {
            if (writer.segment == s && !closed) {
                writer.flush();
            }
            return s.written > loaded || writer.segment != s;
        } finally {
            lock.unlock();
        }
    }

    /** The segment that holds {@code seq}, or the oldest one if it is older. */
    Segment segmentFor(long seq) {
        lock.lock();
        try {
            Segment found = segments.getFirst();
            for (Segment s : segments) {
                if (s.firstSeq > seq) {
                    break;
                }
                found = s;
            }
            return found;
        } finally {
            lock.unlock();
        }
    }

    /** The segment after {@code s}, or {@code null} if {@code s} is the newest. */
    Segment after(Segment s) {
        lock.lock();
        try {
            for (Segment t : segments) {
                if (t.firstSeq > s.firstSeq) {
                    return t;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    long bytesOnDisk() {
        lock.lock();
        try {
            return totalBytes;
        } finally {
            lock.unlock();
        }
    }

    long lastSeq() {
        return lastSeq;
    }

    long oldestSeq() {
        return oldestSeq;
    }

    long forcedSeq() {
        return forcedSeq;
    }

    long forces() {
        return forces;
    }

    boolean dirty() {
        return dirty && failure == null;
    }

    IOException failure() {
        return failure;
    }

    /** Makes the journal unusable after an I/O error: what was written may be torn, and opening again repairs it. */
    UncheckedIOException failed(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return new UncheckedIOException(name + ": " + e.getMessage(), e);
    }

    private void usable() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        IOException f = failure;
        if (f != null) {
            throw new IllegalStateException(name + " failed: " + f.getMessage() + "; close it and open it again", f);
        }
    }

    /** Refuses appends from now on, so that none is buffered after the last write. */
    void stopAppends() {
        syncLock.lock();
        try {
            lock.lock();
            try {
                closed = true;
            } finally {
                lock.unlock();
            }
        } finally {
            syncLock.unlock();
        }
    }

    /** Writes and forces what is left, once appends have stopped and the background thread has ended. */
    void forceAll() throws IOException {
        if (failure != null) {
            return;
        }
        syncLock.lock();
        try {
            if (forcedSeq < lastSeq) {
                force(false);
            }
        } finally {
            syncLock.unlock();
        }
    }

    void closeFiles() throws IOException {
        writer.close();
    }
}
