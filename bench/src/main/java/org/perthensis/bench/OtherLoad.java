package org.perthensis.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the rest of the machine was while a side ran: the CPU time all processes used
 * ({@code /proc/stat}) minus this harness's own and that of its finished children (JMH forks,
 * child JVMs, peers; {@code /proc/self/stat}), as cores on average over the window.
 */
final class OtherLoad {
    /** Other processes using more than this many cores on average make a measurement suspect. */
    static final double DISTURBED_CORES = 0.25;
    private static final double TICKS_PER_SECOND = 100; // USER_HZ

    private final long machineBusy = machineBusyTicks();
    private final long ours = ourTicks();
    private final long start = System.nanoTime();

    /** Other processes' CPU since this was created, in cores; NaN where /proc cannot tell. */
    double cores() {
        long busy = machineBusyTicks() - machineBusy;
        long own = ourTicks() - ours;
        double seconds = (System.nanoTime() - start) / 1e9;
        if (machineBusy < 0 || ours < 0 || seconds <= 0) {
            return Double.NaN;
        }
        return Math.max(0, busy - own) / TICKS_PER_SECOND / seconds;
    }

    /** user + nice + system + irq + softirq of the first line of /proc/stat. */
    private static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
                    + Long.parseLong(f[6]) + Long.parseLong(f[7]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime + cutime + cstime of this process. */
    private static long ourTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
