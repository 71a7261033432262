package org.perthensis.journal;

import java.util.Map;
import java.util.TreeMap;

/**
 * The sequence numbers already counted as lost, so that each lost record is counted once:
 * whether found on opening, or by a reader that passes the same damage again after a rewind.
 * Used by the consumer thread, and by the opening before it starts.
 */
final class Gaps {
    /** Disjoint ranges, first to last, inclusive. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    /** Marks {@code [from, to]} as lost and returns how many of them were not marked before. */
    long count(long from, long to) {
        if (from > to) {
            return 0;
        }
        long fresh = to - from + 1;
        long lo = from;
        long hi = to;
        Map.Entry<Long, Long> e = ranges.floorEntry(from);
        if (e == null || e.getValue() < from - 1) {
            e = ranges.ceilingEntry(from);
        }
        while (e != null && e.getKey() <= to + 1) {
            long overlap = Math.min(e.getValue(), to) - Math.max(e.getKey(), from) + 1;
            fresh -= Math.max(0, overlap);
            lo = Math.min(lo, e.getKey());
            hi = Math.max(hi, e.getValue());
            ranges.remove(e.getKey());
            e = ranges.ceilingEntry(e.getKey());
        }
        ranges.put(lo, hi);
        return fresh;
    }
}
