package org.perthensis.bench;

import java.util.Locale;

/**
 * One figure a benchmark reports, under the same key from Perthensis and from its asyncio peer.
 *
 * @param key the key in each run's values
 * @param label what it is, for the table
 * @param unit how to print it
 * @param higherIsBetter whether a higher value is the better one (throughput) or a lower one (lateness, cost)
 * @param peerKey the asyncio figure this one is compared with, normally the same key
 */
record Metric(String key, String label, Unit unit, boolean higherIsBetter, String peerKey) {

    static Metric higher(String key, String label, Unit unit) {
        return new Metric(key, label, unit, true, key);
    }

    static Metric lower(String key, String label, Unit unit) {
        return new Metric(key, label, unit, false, key);
    }

    /** The key of {@link #cpuPer}: the summary table shows it beside every figure of its benchmark. */
    static final String CPU_PER_UNIT = "cpu_ns_per_unit";

    /** Process CPU (user + system, all threads) while the work ran, as a share of one core ({@link CpuMeter}). */
    static Metric cpuShare() {
        return lower("cpu_percent", "CPU of one core", Unit.PERCENT);
    }

    /** Process CPU (user + system, all threads) per unit of the work, such as one timer run ({@link CpuMeter}). */
    static Metric cpuPer(String unit) {
        return lower(CPU_PER_UNIT, "CPU per " + unit, Unit.NANOS);
    }

    /** The same figure measured with one virtual-thread carrier ({@link Harness#ONE_CARRIER}), compared with this one of the peer. */
    Metric oneCarrier() {
        return new Metric(key + "_one_carrier", label + ", one carrier", unit, higherIsBetter, key);
    }

    /**
     * How many times better Perthensis is than asyncio on this figure: above 1 is better, below
     * 1 worse; NaN when a ratio means nothing (both zero, or one side missing).
     */
    double advantage(double ours, double peer) {
        if (Double.isNaN(ours) || Double.isNaN(peer) || (ours == 0 && peer == 0)) {
            return Double.NaN;
        }
        double r = higherIsBetter ? ours / peer : peer / ours;
        return r;
    }

    String format(double v) {
        return unit.format(v);
    }

    /** How values print. */
    enum Unit {
        PER_SECOND, NANOS, MICROS, MILLIS, BYTES, MEBIBYTES, PERCENT, COUNT, RATIO;

        String format(double v) {
            if (Double.isNaN(v)) {
                return "-";
            }
            return switch (this) {
                case PER_SECOND -> v >= 1e6 ? fmt("%.2f M/s", v / 1e6) : v >= 1e3 ? fmt("%.0f k/s", v / 1e3) : fmt("%.0f /s", v);
                case NANOS -> v >= 10_000 ? fmt("%.0f us", v / 1000) : v >= 1000 ? fmt("%.1f us", v / 1000) : fmt("%.0f ns", v);
                case MICROS -> v >= 10_000 ? fmt("%.1f ms", v / 1000) : v >= 1000 ? fmt("%.2f ms", v / 1000)
                        : v >= 10 ? fmt("%.0f us", v) : fmt("%.1f us", v);
                case MILLIS -> fmt("%.0f ms", v);
                case BYTES -> fmt("%,.0f B", v);
                case MEBIBYTES -> fmt("%.1f MiB", v / (1024 * 1024));
                case PERCENT -> Math.abs(v) >= 10 ? fmt("%.1f %%", v) : Math.abs(v) >= 0.1 ? fmt("%.2f %%", v) : fmt("%.3f %%", v);
                case COUNT -> v == Math.rint(v) ? fmt("%,.0f", v) : fmt("%.1f", v);
                case RATIO -> v >= 10 ? fmt("%.1f", v) : fmt("%.3f", v);
            };
        }

        private static String fmt(String pattern, double v) {
            return String.format(Locale.ROOT, pattern, v);
        }
    }
}
