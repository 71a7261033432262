package org.perthensis.journal;

import java.util.Arrays;

/**
 * One record read back from a {@link Journal}.
 *
 * <p>Named {@code Entry} rather than {@code Record} so that it never hides
 * {@code java.lang.Record} in the code that imports it.
 *
 * @param seq the sequence number {@link Journal#append} returned for it; numbers only grow,
 *            also across reopening, and a gap means records were dropped, expired or lost
 * @param time when it was appended, in milliseconds since the epoch, from the journal's clock
 * @param payload the bytes appended; this array is the entry's own
 */
public record Entry(long seq, long time, byte[] payload) {

    /** Equal when sequence number, time and payload bytes are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e && e.seq == seq && e.time == time && Arrays.equals(e.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq) * 31 + Arrays.hashCode(payload);
    }

    /** Such as {@code Entry[seq=7, time=1764000000000, 100 bytes]}. */
    @Override
    public String toString() {
        return "Entry[seq=" + seq + ", time=" + time + ", " + payload.length + " bytes]";
    }
}
