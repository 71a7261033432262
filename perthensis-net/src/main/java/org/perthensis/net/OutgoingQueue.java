package org.perthensis.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** Outgoing lines not yet written, bounded, thread-safe: {@code send} may come from any thread. */
final class OutgoingQueue {
    private final int limit;
    private final Overflow overflow;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long dropped;

    OutgoingQueue(int limit, Overflow overflow) {
        this.limit = limit;
        this.overflow = overflow;
    }

    /** Adds a line at the end; returns how many lines the overflow policy dropped (0 or 1). */
    synchronized int offer(String line) {
        if (lines.size() < limit) {
            lines.addLast(line);
            return 0;
        }
        dropped++;
        if (overflow == Overflow.DROP_OLDEST) {
            lines.pollFirst();
            lines.addLast(line);
        }
        return 1;
    }

    /** Removes and returns up to {@code max} lines from the front, to be written. */
    synchronized List<String> take(int max) {
        List<String> batch = new ArrayList<>(Math.min(max, lines.size()));
        while (batch.size() < max && !lines.isEmpty()) {
            batch.add(lines.pollFirst());
        }
        return batch;
    }

    /**
     * Puts lines that were taken but not written back at the front, in order. Returns how many
     * lines the overflow policy then dropped to keep to the limit.
     */
    synchronized int putBack(List<String> unwritten) {
        for (int i = unwritten.size() - 1; i >= 0; i--) {
            lines.addFirst(unwritten.get(i));
        }
        int over = Math.max(0, lines.size() - limit);
        for (int i = 0; i < over; i++) {
            if (overflow == Overflow.DROP_OLDEST) {
                lines.pollFirst();
            } else {
                lines.pollLast();
            }
        }
        dropped += over;
        return over;
    }

    /** Removes every line, returning how many there were. */
    synchronized int clear() {
        int n = lines.size();
        lines.clear();
        return n;
    }

    synchronized int size() {
        return lines.size();
    }

    synchronized long dropped() {
        return dropped;
    }
}
