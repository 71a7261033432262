package org.perthensis.mqtt;

import java.util.List;
import org.perthensis.api.Scheduler;

/**
 * The messages on their way to the broker, in order: taken from the front as they are sent, and
 * gone only once acknowledged, so that after a lost connection {@link #rewind()} offers again
 * everything not acknowledged. On disk ({@link JournalOutbox}) or bounded in memory
 * ({@link MemoryOutbox}). Used on the loop only.
 */
interface Outbox {

    /**
     * A message taken and not yet acknowledged.
     *
     * @param seq its place in the order, one more for each message
     * @param time when it was queued, epoch milliseconds
     * @param message the message
     */
    record Pending(long seq, long time, Message message) {
    }

    /**
     * Opens what needs opening (the journal's files) when the task starts, from the task: the
     * files are opened in a blocking call, and taken into use on the loop, between two offers.
     *
     * @return how many messages were kept from before: found in the journal, not yet acknowledged
     */
    long open(Scheduler s) throws Exception;

    /** Queues a message at the end; a full outbox drops by its policy and counts it. */
    void offer(Message message);

    /** Takes up to {@code max} messages after the last one taken. */
    List<Pending> read(int max);

    /** Forgets every message up to and including {@code seq}: the broker has it. */
    void acknowledge(long seq);

    /** Offers the messages taken but not acknowledged again, from the oldest. */
    void rewind();

    /** How many messages wait for an acknowledgement, taken or not. */
    long pending();

    /** How many messages were lost to a full outbox, old age or damage. */
    long dropped();

    /** Whether what is pending survives a restart. */
    boolean durable();

    /** Closes; what is pending stays on disk, or is lost with a memory outbox (the caller says so). */
    void close();
}
