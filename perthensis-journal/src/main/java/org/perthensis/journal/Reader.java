package org.perthensis.journal;

import static java.nio.file.StandardOpenOption.READ;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The consumer's cursor: reads records in order from the segment files, skipping damage (found
 * by checksum, resynchronised on the next good record, counted by the gap in sequence numbers)
 * and expired records. One consumer thread uses it; appends go on meanwhile.
 *
 * <p>A segment is read whole into memory when the reader enters it, and the newest one again
 * as it grows, so that a record is only ever parsed from complete bytes.
 */
final class Reader {
    private final FileJournal journal;
    private final Store store;
    private final Losses losses;
    private final Gaps gaps;
    private final InstantSource clock;
    private final long maxAgeMillis;
    private final CRC32C crc = new CRC32C();
    private final Format.Parsed parsed = new Format.Parsed();

    private Segment segment;
    private FileChannel channel;
    private byte[] data = new byte[0];
    private int loaded;
    private int pos;
    /** The last good record in this segment. */
    private long lastGood;
    /** Where unreadable bytes began in this segment, not yet reported; or -1. */
    private int damagedAt = -1;

    /** The next sequence number to deliver; the appenders read it to count what overflow drops unread. */
    private volatile long readNext;
    private long lastDelivered;
    private long expiredThrough;

    Reader(FileJournal journal, Store store, Losses losses, Gaps gaps, JournalOptions options, long acknowledged) {
        this.journal = journal;
        this.store = store;
        this.losses = losses;
        this.gaps = gaps;
        this.clock = options.clock();
        this.maxAgeMillis = options.maxAge() == null ? -1 : options.maxAge().toMillis();
        this.readNext = Math.max(acknowledged + 1, store.oldestSeq());
        this.lastDelivered = acknowledged;
    }

    /** The last sequence number delivered or skipped. */
    long passed() {
        return readNext - 1;
    }

    List<Entry> read(int max) throws IOException {
        if (max < 1) {
            throw new IllegalArgumentException("max: must be at least 1, got " + max);
        }
        List<Entry> out = new ArrayList<>(Math.min(max, 256));
        long now = clock.millis();
        while (out.size() < max) {
            long oldest = store.oldestSeq();
            if (readNext < oldest) {
                readNext = oldest;
            }
            if (segment == null) {
                Segment s = store.segmentFor(readNext);
                if (s == null) {
                    break;
                }
                enter(s);
            }
            if (nextInSegment()) {
                take(now, out);
                continue;
            }
            if (loadMore()) {
                continue;
            }
            Segment after = store.after(segment);
            if (after == null) {
                // The newest segment: records may still sit in the writer's buffer.
                if (store.lastSeq() < readNext || !store.writeOut(segment, loaded)) {
                    break;
                }
                continue;
            }
            if (loadMore()) {
                continue; // it was finished while we looked: its last records were written before the next one began
            }
            lost(damagedAt >= 0 ? damagedAt : loaded, readNext, after.firstSeq - 1);
            readNext = Math.max(readNext, after.firstSeq);
            leave();
            enter(after);
        }
        long acknowledged = journal.acknowledged();
        if (acknowledged >= lastDelivered && passed() > acknowledged) {
            // Everything delivered is acknowledged, and what was skipped after it needs no consumer.
            journal.acknowledgeUpTo(passed());
        }
        return out;
    }

    void acknowledge(long seq) {
        long acknowledged = journal.acknowledged();
        if (seq <= acknowledged) {
            return;
        }
        if (seq > passed()) {
            throw new IllegalArgumentException("acknowledge: sequence number " + seq + " has not been read yet (read up to "
                    + passed() + ")");
        }
        journal.acknowledgeUpTo(seq >= lastDelivered ? passed() : seq);
    }

    void rewind() {
        leave();
        long acknowledged = journal.acknowledged();
        readNext = Math.max(acknowledged + 1, store.oldestSeq());
        lastDelivered = acknowledged;
    }

    void close() {
        leave();
    }

    private void take(long now, List<Entry> out) {
        long seq = parsed.seq;
        if (seq < readNext) {
            return; // before the cursor: the segment is read from its start
        }
        if (seq > readNext) {
            lost(damagedAt >= 0 ? damagedAt : pos, readNext, seq - 1);
        }
        damagedAt = -1;
        readNext = seq + 1;
        if (seq < store.oldestSeq()) {
            return; // its segment was dropped while this one was reading it
        }
        if (maxAgeMillis >= 0 && parsed.time < now - maxAgeMillis) {
            if (seq > expiredThrough) {
                expiredThrough = seq;
                losses.expired(1);
            }
            return;
        }
        int at = parsed.payloadAt;
        out.add(new Entry(seq, parsed.time, Arrays.copyOfRange(data, at, at + parsed.payloadLength)));
        lastDelivered = seq;
    }

    /** Counts and logs the records {@code [from, to]} as unreadable, unless dropped or counted before. */
    private void lost(long offset, long from, long to) {
        long n = gaps.count(Math.max(from, store.oldestSeq()), to);
        if (n > 0) {
            losses.corrupt(n);
            losses.warn(segment.fileName() + ": " + Recovery.records(n) + " unreadable from offset " + offset
                    + ", skipped (damaged or cut short)");
        }
    }

    /** Moves to the next good record of this segment, in {@link #parsed}; false at the end of what is loaded. */
    private boolean nextInSegment() {
        while (pos < loaded) {
            int end = Format.parse(data, pos, loaded, segment, lastGood + 1, Long.MAX_VALUE, crc, parsed);
            if (end >= 0) {
                pos = end;
                lastGood = parsed.seq;
                return true;
            }
            if (damagedAt < 0) {
                damagedAt = pos;
            }
            int q = Format.resync(data, pos, loaded, segment, lastGood, crc, parsed);
            if (q < 0) {
                // Records written after this are appended at the end of the loaded part.
                pos = loaded;
                return false;
            }
            pos = q;
        }
        return false;
    }

    private void enter(Segment s) throws IOException {
        segment = s;
        loaded = 0;
        pos = Format.HEADER_BYTES;
        lastGood = s.firstSeq - 1;
        damagedAt = -1;
        try {
            channel = FileChannel.open(s.path, READ);
        } catch (NoSuchFileException deleted) {
            // Acknowledged or dropped while we looked; what it held is accounted for there.
            loaded = Format.HEADER_BYTES;
            return;
        }
        loadMore();
    }

    /** Loads what was appended to this segment since; false if nothing was. */
    private boolean loadMore() throws IOException {
        long written = segment.written;
        if (channel == null || written <= loaded) {
            return false;
        }
        int upTo = Math.toIntExact(written);
        if (data.length < upTo) {
            data = Arrays.copyOf(data, Math.max(upTo, store.segmentBytes()));
        }
        Io.readFully(channel, data, loaded, upTo);
        loaded = upTo;
        return true;
    }

    private void leave() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only: nothing was left to write
            }
            channel = null;
        }
        segment = null;
    }
}
