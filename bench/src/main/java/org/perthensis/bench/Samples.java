package org.perthensis.bench;

/** Samples in nanoseconds, kept in a preallocated array so that recording allocates nothing. */
final class Samples {
    private long[] values;
    private int count;
    private boolean sorted;

    Samples(int expected) {
        values = new long[expected];
    }

    void add(long v) {
        if (count == values.length) {
            values = java.util.Arrays.copyOf(values, count * 2);
        }
        values[count++] = v;
        sorted = false;
    }

    int count() {
        return count;
    }

    long countAtLeast(long threshold) {
        long n = 0;
        for (int i = 0; i < count; i++) {
            if (values[i] >= threshold) {
                n++;
            }
        }
        return n;
    }

    /** The nearest-rank percentile, as in {@link Stats#percentile}. */
    long percentile(double p) {
        if (!sorted) {
            Stats.sorted(values, count);
            sorted = true;
        }
        return Stats.percentile(values, count, p);
    }
}
