package org.perthensis.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.perthensis.api.Scheduler;

/** How late a sleeping task wakes when 1,000 tasks sleep in a loop. */
final class Lateness extends TimedBenchmark {
    static final int TASKS = 1000;
    static final long SLEEP_NANOS = 10_000_000L;
    static final long SPAN_NANOS = 3_000_000_000L;

    private static final Metric P50 = Metric.lower("p50_us", "p50 lateness", Metric.Unit.MICROS);
    private static final Metric P99 = Metric.lower("p99_us", "p99 lateness", Metric.Unit.MICROS);
    private static final Metric MAX = Metric.lower("max_us", "max lateness", Metric.Unit.MICROS);
    private static final Metric MISSED = Metric.lower("missed", "missed wake-ups", Metric.Unit.COUNT);
    private static final Metric WAKES = Metric.higher("wakes", "wake-ups", Metric.Unit.COUNT);
    private static final Metric P50_ONE = P50.oneCarrier();
    private static final Metric P99_ONE = P99.oneCarrier();
    private static final Metric CPU = Metric.cpuShare();
    private static final Metric CPU_PER_WAKE = Metric.cpuPer("wake-up");
    private static final Metric CPU_PER_WAKE_ONE = CPU_PER_WAKE.oneCarrier();

    @Override
    public String name() {
        return "lateness";
    }

    @Override
    public String what() {
        return "1,000 tasks each sleeping 10 ms in a loop for 3 s";
    }

    @Override
    public String method() {
        return "Task i first sleeps i * 10 us, so the tasks start staggered uniformly over one period, then loops: "
                + "t = System.nanoTime(); sleep(10 ms); lateness = System.nanoTime() - (t + 10 ms) "
                + "(asyncio: time.monotonic_ns() around await asyncio.sleep(0.010), the same clock). "
                + "A missed wake-up is one at least a whole period (10 ms) late. CPU: process CPU (user + system, all threads) "
                + "over the 3 s, of one core and per wake-up. 1 warm-up and 5 measured runs on each side; "
                + "p50 and p99 again in a JVM with " + Harness.ONE_CARRIER + ".";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(P50, P99, MAX, MISSED, WAKES, P50_ONE, P99_ONE, CPU, CPU_PER_WAKE, CPU_PER_WAKE_ONE);
    }

    @Override
    List<Metric> oneCarrierMetrics() {
        return List.of(P50_ONE, P99_ONE, CPU_PER_WAKE_ONE);
    }

    @Override
    Map<String, Double> measureOnce() {
        Scheduler s = Scheduler.create();
        Samples lateness = new Samples((int) (TASKS * (SPAN_NANOS / SLEEP_NANOS + 2)));
        Duration sleep = Duration.ofNanos(SLEEP_NANOS);
        for (int i = 0; i < TASKS; i++) {
            Duration stagger = Duration.ofNanos(i * (SLEEP_NANOS / TASKS));
            s.spawn("sleeper-" + i, sch -> {
                sch.sleep(stagger);
                while (true) {
                    long before = System.nanoTime();
                    sch.sleep(sleep);
                    lateness.add(System.nanoTime() - before - SLEEP_NANOS);
                }
            });
        }
        CpuMeter cpu = new CpuMeter();
        s.run(Duration.ofNanos(SPAN_NANOS));
        Map<String, Double> values = new java.util.LinkedHashMap<>(cpu.values(lateness.count()));
        Tasks.shutDown(s);
        values.putAll(Map.of(P50.key(), lateness.percentile(50) / 1e3, P99.key(), lateness.percentile(99) / 1e3,
                MAX.key(), lateness.percentile(100) / 1e3, MISSED.key(), (double) lateness.countAtLeast(SLEEP_NANOS),
                WAKES.key(), (double) lateness.count()));
        return values;
    }

    @Override
    public List<Check> checks(Side ours, Side peer) {
        if (!ours.measured()) {
            return List.of(Check.notMeasured("p50 <= 150 us, p99 <= 500 us, none missed", ours.note()));
        }
        double p50 = ours.median(P50.key());
        double p99 = ours.median(P99.key());
        double missed = ours.max(MISSED.key());
        List<Check> checks = new java.util.ArrayList<>(List.of(
                Check.of("p50 <= 150 us", p50 <= 150, P50.format(p50)),
                Check.of("p99 <= 500 us", p99 <= 500, P99.format(p99)),
                Check.of("no wake-up missed", missed == 0, "most missed in a run: " + (long) missed)));
        if (peer.measured()) {
            double peer50 = peer.median(P50.key());
            double peer99 = peer.median(P99.key());
            checks.add(Check.of("better than asyncio at p50 and p99", p50 < peer50 && p99 < peer99,
                    "p50 " + P50.format(p50) + " vs " + P50.format(peer50) + ", p99 " + P99.format(p99) + " vs " + P99.format(peer99)));
        } else {
            checks.add(Check.notMeasured("better than asyncio at p50 and p99", peer.note()));
        }
        checks.add(Check.preciseLateness(P50, P99, ours));
        checks.add(Check.cpuNoMoreThanPeer(CPU_PER_WAKE, ours, peer));
        return checks;
    }
}
