package org.perthensis.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident size, heap and CPU time, read the same way the asyncio peers read theirs. */
final class ProcessStats {
    private ProcessStats() {
    }

    /** Resident set size: {@code VmRSS} in {@code /proc/self/status}. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS line in /proc/self/status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
     * CPU time of every thread of this process (JIT, GC and VM threads included), in
     * nanoseconds: the sum of the first field of {@code /proc/self/task/*\/schedstat}, which
     * the kernel keeps in nanoseconds. A thread that ends takes its time with it; over an idle
     * window that is negligible.
     */
    static long cpuNanos() {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
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
}
