package org.perthensis.net;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.perthensis.journal.Entry;
import org.perthensis.journal.Journal;

/**
 * A connection's outgoing lines: in the bounded queue in memory, or, while a journal is open, on
 * disk, where they stay until the operating system took all their bytes. Offers are thread-safe;
 * taking, settling a batch and opening or closing the journal run on the loop.
 *
 * <p>Lines offered while no journal is open (before the task first runs, while it restarts)
 * wait in memory and go into the journal, first, when it opens. A journal that fails (a full
 * disk) sends lines back to memory and is reported through {@link #failure()}, so that the task
 * can open it again.
 */
final class Outbox {
    private final OutgoingQueue memory;
    private final int maxPayload;
    private final Runnable onFailure;
    /** Offers share the read lock, so that appends under {@code sync: always} share a force; switching locks them out. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile Journal journal;
    private volatile long closedJournalLosses;
    private volatile long discarded;
    private Batch outstanding;

    /** Lines taken to be written: from memory, or read from a journal (then {@code entries} says their numbers). */
    static final class Batch {
        final List<String> lines;
        private final List<Entry> entries;
        private final Journal from;

        private Batch(List<String> lines, List<Entry> entries, Journal from) {
            this.lines = lines;
            this.entries = entries;
            this.from = from;
        }
    }

    /**
     * @param maxPayload the longest line a journal record holds, in bytes
     * @param onFailure told, from the thread that found it, that the journal failed
     */
    Outbox(OutgoingQueue memory, int maxPayload, Runnable onFailure) {
        this.memory = memory;
        this.maxPayload = maxPayload;
        this.onFailure = onFailure;
    }

    /**
     * Takes a line. Thread-safe.
     *
     * @return how many lines the memory queue's limit dropped for it (0 or 1); the journal counts its own
     * @throws IllegalArgumentException if the line is longer than a journal record holds
     */
    int offer(String line) {
        lock.readLock().lock();
        try {
            Journal j = journal;
            if (j == null || failure.get() != null) {
                return memory.offer(line);
            }
            byte[] bytes = line.getBytes(UTF_8);
            if (bytes.length > maxPayload) {
                throw new IllegalArgumentException("line: is " + bytes.length + " bytes in UTF-8, more than a journal"
                        + " record holds (" + maxPayload + " bytes); send it in parts");
            }
            try {
                j.append(bytes); // a rejected line is counted and logged by the journal
                return 0;
            } catch (UncheckedIOException | IllegalStateException e) {
                failed(e);
                return memory.offer(line);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether lines may wait to be taken. */
    boolean hasLines() {
        Journal j = journal;
        return memory.size() > 0 || (j != null && j.pending() > 0);
    }

    /**
     * Takes up to {@code max} lines to write, in order; settle them with {@link #settle}.
     *
     * @return the batch, or {@code null} if nothing waits
     */
    Batch take(int max) {
        Journal j = journal;
        Batch b;
        if (j != null && failure.get() == null) {
            List<Entry> entries;
            try {
                entries = j.read(max);
            } catch (UncheckedIOException e) {
                failed(e);
                return null;
            }
            List<String> lines = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                lines.add(new String(e.payload(), UTF_8));
            }
            b = new Batch(lines, entries, j);
        } else if (j == null) {
            b = new Batch(memory.take(max), null, null);
        } else {
            return null;
        }
        if (b.lines.isEmpty()) {
            return null;
        }
        outstanding = b;
        return b;
    }

    /**
     * The first {@code written} lines of {@code b} went out whole; the rest are to be written
     * again, first. A batch the outbox no longer holds (the journal it came from was closed, the
     * lines were discarded) is left alone: its lines stay where they are.
     *
     * @return how many lines the memory queue's limit dropped, taking the rest back
     */
    int settle(Batch b, int written) {
        if (b != outstanding) {
            return 0;
        }
        outstanding = null;
        sent.addAndGet(written);
        if (b.from == null) {
            return memory.putBack(b.lines.subList(written, b.lines.size()));
        }
        try {
            if (written > 0) {
                b.from.acknowledge(b.entries.get(written - 1).seq());
            }
            if (written < b.lines.size()) {
                b.from.rewind();
            }
        } catch (UncheckedIOException e) {
            failed(e); // what was not acknowledged is delivered again after reopening
        }
        return 0;
    }

    /**
     * Uses {@code j} from now on: lines waiting in memory go into it first, in order.
     *
     * @return how many lines went from memory into the journal
     * @throws UncheckedIOException if appending them fails; the rest stay in memory
     */
    int open(Journal j) {
        lock.writeLock().lock();
        try {
            if (outstanding != null && outstanding.from == null) {
                memory.putBack(outstanding.lines); // an old writer's batch: it is written again, from the journal
            }
            outstanding = null;
            failure.set(null);
            List<String> waiting = memory.take(Integer.MAX_VALUE);
            int moved = 0;
            try {
                for (String line : waiting) {
                    j.append(line.getBytes(UTF_8));
                    moved++;
                }
            } finally {
                memory.putBack(waiting.subList(moved, waiting.size()));
            }
            journal = j;
            return moved;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Stops using the journal; the caller closes it. Its unacknowledged lines stay in it, also
     * those of a batch being written.
     *
     * @return the journal, or {@code null} if none was open
     */
    Journal close() {
        lock.writeLock().lock();
        try {
            Journal j = journal;
            if (j != null) {
                closedJournalLosses += losses(j);
                journal = null;
                if (outstanding != null && outstanding.from == j) {
                    outstanding = null;
                }
            }
            return j;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Drops every line in memory, the batch being written included, counting them as lost.
     *
     * @return how many there were
     */
    int discard() {
        int n = memory.clear();
        if (outstanding != null && outstanding.from == null) {
            n += outstanding.lines.size();
            outstanding = null;
        }
        discarded += n;
        return n;
    }

    /** Why the journal failed since it was opened, or {@code null}. */
    RuntimeException failure() {
        return failure.get();
    }

    /** Lines written whole. Thread-safe. */
    long sent() {
        return sent.get();
    }

    /** Lines waiting: in memory, and in the journal until acknowledged. Thread-safe. */
    long pending() {
        lock.readLock().lock();
        try {
            Journal j = journal;
            return memory.size() + (j == null ? 0 : j.pending());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Lines lost: dropped by the queue's limit or a journal's bounds, to damage, or at shutdown. Thread-safe. */
    long dropped() {
        lock.readLock().lock();
        try {
            Journal j = journal;
            return memory.dropped() + discarded + closedJournalLosses + (j == null ? 0 : losses(j));
        } finally {
            lock.readLock().unlock();
        }
    }

    private static long losses(Journal j) {
        return j.dropped() + j.rejected() + j.expired() + j.corruptSkipped();
    }

    private void failed(RuntimeException e) {
        if (failure.compareAndSet(null, e)) {
            onFailure.run();
        }
    }
}
