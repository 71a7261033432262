package org.perthensis.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The median of several runs and their spread (lowest and highest).
 *
 * @param median the middle value (the mean of the two middle ones for an even count)
 * @param min the lowest value
 * @param max the highest value
 * @param n how many runs
 */
record Stats(double median, double min, double max, int n) {

    static Stats of(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        int mid = v.length / 2;
        double median = v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
        return new Stats(median, v[0], v[v.length - 1], v.length);
    }

    /**
     * The nearest-rank percentile: the smallest sample with at least {@code p} percent of the
     * samples at or below it. The asyncio peers use the same definition.
     */
    static long percentile(long[] sorted, int count, double p) {
        if (count == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)];
    }

    /** Sorts the first {@code count} samples in place and returns them. */
    static long[] sorted(long[] samples, int count) {
        Arrays.sort(samples, 0, count);
        return samples;
    }
}
