package org.perthensis.journal;

import java.time.Duration;

/** Sizes and durations in log lines, written as a user would write them in a config file. */
final class Sizes {
    private static final long[] UNIT_MILLIS = {86_400_000, 3_600_000, 60_000, 1000, 1};
    private static final String[] UNIT = {"d", "h", "min", "s", "ms"};

    private Sizes() {
    }

    /** {@code 64 MiB}, {@code 12 KiB}, or {@code 1000 bytes}. */
    static String bytes(long n) {
        if (n > 0 && n % (1 << 20) == 0) {
            return n / (1 << 20) + " MiB";
        }
        if (n > 0 && n % 1024 == 0) {
            return n / 1024 + " KiB";
        }
        return n + " bytes";
    }

    /** {@code 7d}, {@code 1h30min}, {@code 250ms}. */
    static String duration(Duration d) {
        long left = d.toMillis();
        if (left == 0) {
            return d.toString();
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < UNIT.length; i++) {
            if (left >= UNIT_MILLIS[i]) {
                b.append(left / UNIT_MILLIS[i]).append(UNIT[i]);
                left %= UNIT_MILLIS[i];
            }
        }
        return b.toString();
    }
}
