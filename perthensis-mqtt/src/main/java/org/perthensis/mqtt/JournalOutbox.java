package org.perthensis.mqtt;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.perthensis.api.JournalConfig;
import org.perthensis.api.Scheduler;
import org.perthensis.journal.Entry;
import org.perthensis.journal.Journal;
import org.perthensis.journal.JournalOptions;

/**
 * The outbox on the journal: a message leaves it only when the broker acknowledged it, and what
 * was not acknowledged before a restart or a power cut is sent again at the next start. The
 * journal is opened when the task runs, not when it is created, so that {@code --check} beside a
 * running device neither takes its lock nor creates its folder. Messages queued while it is
 * closed (before the first run, between a failure and the restart) wait in memory, bounded by
 * {@code queue}, and are written when it opens.
 */
final class JournalOutbox implements Outbox {
    private final JournalConfig config;
    private final JournalOptions options;
    private final MemoryOutbox waiting;
    private Journal journal;
    /** Dropped by the journal in lives of it already closed, so that the count never goes back. */
    private long droppedBefore;

    JournalOutbox(JournalConfig config, int queue, System.Logger log, InstantSource clock,
            java.util.function.LongConsumer dropReport) {
        this.config = config;
        long max = config.maxByteCount();
        int segment = (int) Math.max(JournalOptions.MIN_SEGMENT_BYTES, Math.min(JournalOptions.MAX_SEGMENT_BYTES, max / 16));
        this.options = JournalOptions.builder()
                .segmentBytes(segment)
                .maxBytes(max)
                .sync(config.syncAlways() ? JournalOptions.Sync.ALWAYS
                        : config.syncNever() ? JournalOptions.Sync.NEVER : JournalOptions.Sync.INTERVAL)
                .syncInterval(config.syncInterval())
                .overflow(config.dropOldest() ? JournalOptions.Overflow.DROP_OLDEST : JournalOptions.Overflow.REJECT_NEWEST)
                .maxAge(config.maxAge())
                .clock(clock)
                .logger(log)
                .build();
        this.waiting = new MemoryOutbox(queue, true, clock::millis, dropReport);
    }

    /** The journal's folder. */
    Path dir() {
        return Path.of(config.dir());
    }

    @Override
    public long open(Scheduler s) throws Exception {
        if (journal != null) {
            return 0;
        }
        Journal opened = s.blocking(() -> Journal.open(dir(), options));
        // Back on the loop: no offer comes between taking it into use and writing what waited.
        journal = opened;
        long kept = journal.pending();
        for (List<Pending> batch; !(batch = waiting.read(256)).isEmpty(); ) {
            for (Pending p : batch) {
                journal.append(p.message().encode());
            }
            waiting.acknowledge(batch.getLast().seq());
        }
        return kept;
    }

    @Override
    public void offer(Message message) {
        if (journal == null) {
            waiting.offer(message);
        } else {
            journal.append(message.encode()); // a full journal counts and logs what it drops or rejects
        }
    }

    @Override
    public List<Pending> read(int max) {
        if (journal == null) {
            return List.of();
        }
        List<Entry> entries = journal.read(max);
        List<Pending> batch = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            batch.add(new Pending(e.seq(), e.time(), Message.decode(e.payload())));
        }
        return batch;
    }

    @Override
    public void acknowledge(long seq) {
        if (journal != null) {
            journal.acknowledge(seq);
        }
    }

    @Override
    public void rewind() {
        if (journal != null) {
            journal.rewind();
        }
    }

    @Override
    public long pending() {
        return waiting.pending() + (journal == null ? 0 : journal.pending());
    }

    @Override
    public long dropped() {
        return droppedBefore + waiting.dropped()
                + (journal == null ? 0 : journal.dropped() + journal.rejected() + journal.expired() + journal.corruptSkipped());
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public void close() {
        if (journal == null) {
            return;
        }
        droppedBefore += journal.dropped() + journal.rejected() + journal.expired() + journal.corruptSkipped();
        try {
            journal.close();
        } catch (IOException e) {
            options.logger().log(System.Logger.Level.WARNING, "journal " + dir() + ": closing failed: " + e.getMessage()
                    + "; what was forced before stays");
        } finally {
            journal = null;
        }
    }

}
