package org.perthensis.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** This process's resident size, heap, CPU time and disk writes, read the same way the asyncio peers read theirs. */
final class ProcessStats {
    private ProcessStats() {
    }

    /** Resident set size: {@code VmRSS} in {@code /proc/self/status}. */
    static long rssBytes() {
        try {
            Long rss = sizes("self").get("VmRSS");
            if (rss == null) {
                throw new IllegalStateException("no VmRSS line in /proc/self/status");
            }
            return rss;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sizes in {@code /proc/PID/status} (VmRSS, RssAnon...), in bytes; {@code pid} may be {@code self}. */
    static Map<String, Long> sizes(String pid) throws IOException {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.endsWith(" kB")) {
                int colon = line.indexOf(':');
                values.put(line.substring(0, colon), Long.parseLong(line.substring(colon + 1, line.length() - 3).trim()) * 1024);
            }
        }
        return values;
    }

    /** Heap in use after full collections, so that only live objects count. */
    static long liveHeapBytes() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * From {@code /proc/self/io}: {@code wchar} (bytes handed to write calls), {@code write_bytes}
     * (bytes this process caused to be sent to the block device, counted when a page is
     * dirtied) and {@code cancelled_write_bytes} (dirty pages truncated or deleted before they
     * were written back), in that order.
     */
    static long[] io() {
        long[] v = new long[3];
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                int colon = line.indexOf(':');
                String key = line.substring(0, colon);
                long value = Long.parseLong(line.substring(colon + 1).trim());
                switch (key) {
                    case "wchar" -> v[0] = value;
                    case "write_bytes" -> v[1] = value;
                    case "cancelled_write_bytes" -> v[2] = value;
                    default -> {
                        // not needed
                    }
                }
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** User plus system CPU time of the whole process, threads that ended included, in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU time of every thread of this process (JIT, GC and VM threads included), in
     * nanoseconds: the sum of the first field of {@code /proc/self/task/*\/schedstat}, which
     * the kernel keeps in nanoseconds. A thread that ends takes its time with it; over an idle
     * window that is negligible.
     */
    static long cpuNanos() {
        return cpuNanos("self");
    }

    /**
     * How often the threads of this process went to sleep and were woken: the sum of
     * {@code voluntary_ctxt_switches} over {@code /proc/self/task/*\/status} (a thread that
     * blocks gives up its CPU voluntarily, and each such block ends in one wake-up).
     */
    static long threadWakeups() {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException gone) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sum;
    }

    /** {@link #cpuNanos()} of another process, {@code /proc/PID}; 0 if it has ended. */
    static long cpuNanos(long pid) {
        try {
            return cpuNanos(Long.toString(pid));
        } catch (UncheckedIOException gone) {
            return 0;
        }
    }

    private static long cpuNanos(String pid) {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", pid, "task"))) {
            for (Path task : tasks) {
                try {
                    String schedstat = Files.readString(task.resolve("schedstat"));
                    sum += Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                } catch (IOException gone) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sum;
    }

    /**
     * One thread of this process as the kernel counts it.
     *
     * @param name the thread's name as the kernel knows it ({@code comm}: the first 15 characters)
     * @param cpuNanos its CPU time so far (the first field of its {@code schedstat})
     * @param timeslices how often it was put on a CPU so far (the third field): for a thread that
     *        sleeps between short pieces of work, how often it woke
     */
    record ThreadStat(String name, long cpuNanos, long timeslices) {
    }

    /** Every thread of this process (JIT, GC and VM threads included), by thread id. */
    static Map<Long, ThreadStat> threads() {
        Map<Long, ThreadStat> all = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String[] fields = Files.readString(task.resolve("schedstat")).trim().split(" ");
                    all.put(Long.parseLong(task.getFileName().toString()), new ThreadStat(
                            Files.readString(task.resolve("comm")).strip(), Long.parseLong(fields[0]),
                            Long.parseLong(fields[2])));
                } catch (IOException gone) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }
}
