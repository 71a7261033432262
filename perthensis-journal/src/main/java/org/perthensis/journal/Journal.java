package org.perthensis.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A crash-safe outbound journal: records appended from any thread are kept on disk, in order,
 * until a consumer acknowledges them; after a power cut or a restart, reading resumes after the
 * last checkpointed acknowledgement.
 *
 * <p>Delivery is at least once and in order: records read but not acknowledged before a
 * restart (or a {@link #rewind()}) are delivered again. Within one process life, without
 * {@code rewind()}, {@link #read} returns each record once.
 *
 * <p>Appends, the counters and {@link #sync()} are thread-safe. {@link #read},
 * {@link #acknowledge} and {@link #rewind} belong to one consumer at a time (the loop), and may
 * run while other threads append. What a power cut can lose depends on
 * {@link JournalOptions#sync()}. Nothing is lost silently: every record dropped, rejected,
 * expired or found damaged is counted here and logged, one line per burst.
 *
 * <pre>{@code
 * try (Journal journal = Journal.open(Path.of("/var/lib/perthensis/uplink"), JournalOptions.defaults())) {
 *     journal.append(reading);                 // any thread
 *     List<Entry> batch = journal.read(100);   // the consumer
 *     if (send(batch)) {
 *         journal.acknowledge(batch.getLast().seq());
 *     } else {
 *         journal.rewind();                    // send them again later
 *     }
 * }
 * }</pre>
 */
public interface Journal extends Closeable {

    /** What {@link #append} returns for a record refused by {@link JournalOptions.Overflow#REJECT_NEWEST}. */
    long REJECTED = -1;

    /**
     * Opens the journal in {@code dir}, creating the directory if it is missing, and recovers
     * from a power cut: a torn write at the end is cut off, damaged records are skipped.
     *
     * @param dir the journal's own directory; it holds the segment files ({@code *.jnl}), a
     *            {@code checkpoint} and a {@code lock}
     * @param options sizes, sync policy and bounds
     * @return the open journal; close it to force what is buffered
     * @throws java.nio.file.FileSystemException naming the file and what is wrong, if a file
     *         in {@code dir} is not the journal's (a foreign file, a newer format), or the
     *         journal is open elsewhere
     * @throws IOException if the directory cannot be read or written
     */
    static Journal open(Path dir, JournalOptions options) throws IOException {
        return FileJournal.open(dir, options, options.segmentBytes(), options.maxBytes());
    }

    /**
     * Appends a record, stamped with the clock's time.
     *
     * @param payload the bytes to keep; at most {@code segmentBytes} minus 57
     * @return its sequence number, one more than the last one given out; or {@link #REJECTED}
     *         if the journal is full and its overflow policy is {@code REJECT_NEWEST}
     * @throws IllegalArgumentException if the payload is larger than a segment can hold
     * @throws IllegalStateException if the journal is closed, or failed on an earlier I/O error
     * @throws java.io.UncheckedIOException if writing fails; the journal is then failed, and
     *         opening it again recovers what was written
     */
    long append(byte[] payload);

    /**
     * Reads the next records after those already read, in order, without waiting.
     *
     * <p>Records older than {@code maxAge} are skipped and counted as expired; damaged ones are
     * skipped, counted and logged.
     *
     * @param max the most records to return, at least 1
     * @return up to {@code max} records; empty when there is nothing new
     */
    List<Entry> read(int max);

    /**
     * Acknowledges every record up to and including {@code seq}: they are never delivered
     * again once the next checkpoint is written (within {@code syncInterval}, or on
     * {@link #sync()} and {@link #close()}). A segment whose records are all acknowledged is
     * deleted. Acknowledging less than before does nothing.
     *
     * @param seq a sequence number already read
     * @throws IllegalArgumentException if {@code seq} has not been read yet
     */
    void acknowledge(long seq);

    /** Makes {@link #read} start again after the last acknowledged record, so that what was read but not acknowledged is delivered again. */
    void rewind();

    /**
     * The highest acknowledged sequence number.
     *
     * @return the acknowledged position, 0 when nothing is acknowledged
     */
    long acknowledged();

    /**
     * The records not yet acknowledged: sequence numbers given out after the acknowledged
     * position (or after the oldest kept record's predecessor, if later). Records that turn out
     * unreadable or expired are counted here until the reader passes them.
     *
     * @return how many records wait for acknowledgement
     */
    long pending();

    /**
     * The bytes all segment files take, including those still buffered.
     *
     * @return bytes, at most {@code maxBytes}
     */
    long bytesOnDisk();

    /**
     * Records deleted unacknowledged to make room ({@code DROP_OLDEST}), since opening; those
     * the consumer had already read are not counted.
     *
     * @return how many were dropped
     */
    long dropped();

    /**
     * Records refused because the journal was full ({@code REJECT_NEWEST}), since opening.
     *
     * @return how many appends returned {@link #REJECTED}
     */
    long rejected();

    /**
     * Records skipped or deleted because they were older than {@code maxAge}, since opening.
     *
     * @return how many expired
     */
    long expired();

    /**
     * Records lost to damage between good records, since opening: a record with a bad
     * checksum, or a segment cut short or with a damaged header. Sequence numbers tell how
     * many; they are counted when found, on opening or when the reader passes them.
     *
     * @return how many records were lost to damage
     */
    long corruptSkipped();

    /**
     * Torn tails cut off on opening: the end of the newest segment (or the whole of it, if
     * its header was cut short or damaged) that a power cut left half written. How many
     * records they held cannot be known; counted once per cut.
     *
     * @return how many torn tails were cut off
     */
    long tornCut();

    /**
     * Writes what is buffered, forces it to the device, and writes the checkpoint, whatever
     * the sync policy.
     *
     * @throws IOException if writing or forcing fails
     */
    void sync() throws IOException;

    /**
     * Syncs as {@link #sync()} does, logs what is still to be reported, and releases the
     * directory. Later calls do nothing.
     *
     * @throws IOException if the final sync fails
     */
    @Override
    void close() throws IOException;
}
