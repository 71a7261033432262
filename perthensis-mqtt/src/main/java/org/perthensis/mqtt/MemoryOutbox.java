package org.perthensis.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The outbox without a journal: at most {@code limit} messages in memory, taken ones included,
 * and a full one drops the oldest or refuses the newest as configured, counting each.
 */
final class MemoryOutbox implements Outbox {
    private final int limit;
    private final boolean dropOldest;
    private final LongSupplier clock;
    private final LongConsumer dropReport;
    /** Taken and not acknowledged, oldest first. */
    private final ArrayDeque<Pending> taken = new ArrayDeque<>();
    /** Not taken yet, oldest first. */
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private long nextSeq = 1;
    private long dropped;

    /**
     * @param clock epoch milliseconds for each message's queue time
     * @param dropReport told each time messages are dropped, with how many
     */
    MemoryOutbox(int limit, boolean dropOldest, LongSupplier clock, LongConsumer dropReport) {
        this.limit = limit;
        this.dropOldest = dropOldest;
        this.clock = clock;
        this.dropReport = dropReport;
    }

    @Override
    public long open(org.perthensis.api.Scheduler s) {
        return 0;
    }

    @Override
    public void offer(Message message) {
        if (taken.size() + waiting.size() >= limit) {
            dropped++;
            dropReport.accept(1);
            if (!dropOldest) {
                return;
            }
            if (taken.pollFirst() == null) {
                waiting.pollFirst();
            }
        }
        waiting.addLast(new Pending(nextSeq++, clock.getAsLong(), message));
    }

    @Override
    public List<Pending> read(int max) {
        List<Pending> batch = new ArrayList<>(Math.min(max, waiting.size()));
        while (batch.size() < max && !waiting.isEmpty()) {
            Pending p = waiting.pollFirst();
            taken.addLast(p);
            batch.add(p);
        }
        return batch;
    }

    @Override
    public void acknowledge(long seq) {
        while (!taken.isEmpty() && taken.peekFirst().seq() <= seq) {
            taken.pollFirst();
        }
    }

    @Override
    public void rewind() {
        while (!taken.isEmpty()) {
            waiting.addFirst(taken.pollLast());
        }
    }

    @Override
    public long pending() {
        return taken.size() + waiting.size();
    }

    @Override
    public long dropped() {
        return dropped;
    }

    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public void close() {
        rewind();
    }
}
