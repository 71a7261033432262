package org.perthensis.bench;

import java.util.Map;

/**
 * The process CPU time (user + system, every thread: JIT, GC and VM threads included) spent
 * from its creation until {@link #values} is called, read as the asyncio peers read theirs
 * ({@code CpuMeter} in {@code peers/_common.py}): the sum of the first field of
 * {@code /proc/self/task/*\/schedstat}, in nanoseconds. A thread that ends inside the window
 * takes its time with it, so the benchmarks keep their own threads alive until it is read.
 */
final class CpuMeter {
    private final long cpu0 = ProcessStats.cpuNanos();
    private final long wall0 = System.nanoTime();

    /**
     * The CPU so far as {@link Metric#cpuShare()} (of the wall time since creation) and
     * {@link Metric#cpuPer} ({@code units} of work done).
     */
    Map<String, Double> values(long units) {
        long cpu = ProcessStats.cpuNanos() - cpu0;
        long wall = System.nanoTime() - wall0;
        return Map.of(Metric.cpuShare().key(), 100.0 * cpu / wall,
                Metric.CPU_PER_UNIT, units > 0 ? (double) cpu / units : Double.NaN);
    }
}
