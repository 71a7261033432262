package org.perthensis.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.perthensis.api.Scheduler;

/** tasko's rate test: many fixed-rate tasks at different rates, each must keep its own. */
final class TaskoRate extends TimedBenchmark {
    static final int TASKS = 96;
    static final long SPAN_NANOS = 2_000_000_000L;

    private static final Metric WORST = Metric.lower("worst_deviation", "worst deviation (runs)", Metric.Unit.COUNT);
    private static final Metric OFF = Metric.lower("tasks_off", "tasks off by more than 1", Metric.Unit.COUNT);
    private static final Metric P50 = Metric.lower("p50_lateness_us", "p50 run lateness", Metric.Unit.MICROS);
    private static final Metric P99 = Metric.lower("p99_lateness_us", "p99 run lateness", Metric.Unit.MICROS);
    private static final Metric CPU = Metric.cpuShare();
    private static final Metric CPU_PER_RUN = Metric.cpuPer("run");
    private static final Metric WORST_ONE = WORST.oneCarrier();
    private static final Metric P50_ONE = P50.oneCarrier();
    private static final Metric P99_ONE = P99.oneCarrier();
    private static final Metric CPU_PER_RUN_ONE = CPU_PER_RUN.oneCarrier();

    static int hz(int i) {
        return 3 * (i + 1) + 5;
    }

    @Override
    public String name() {
        return "tasko-rate";
    }

    @Override
    public String what() {
        return "96 periodic tasks at 3*(i+1)+5 Hz for 2 s";
    }

    @Override
    public String method() {
        return "A starter task creates 96 fixed-rate tasks, task i every 1/(3*(i+1)+5) s from the moment it is created "
                + "(Perthensis every(...); asyncio: the same fixed-rate loop over asyncio.sleep, re-anchored after an overrun "
                + "like tasko). After 2 s each task's runs are compared with its due runs, the due times t0 + k*period "
                + "within the 2 s; deviation = runs - due runs. Run lateness = actual start - due time (monotonic clock), "
                + "the due time following tasko's rule: t0 + k*period until a run more than a period late re-anchors it. "
                + "CPU: process CPU (user + system, all threads) over the 2 s, of one core and per run. The deviation, lateness and CPU per run again in a JVM with "
                + Harness.ONE_CARRIER + " (what the app runs with). "
                + "1 warm-up and 5 measured runs on each side.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(WORST, OFF, P50, P99, CPU, CPU_PER_RUN, WORST_ONE, P50_ONE, P99_ONE, CPU_PER_RUN_ONE);
    }

    @Override
    List<Metric> oneCarrierMetrics() {
        return List.of(WORST_ONE, P50_ONE, P99_ONE, CPU_PER_RUN_ONE);
    }

    @Override
    Map<String, Double> measureOnce() {
        Scheduler s = Scheduler.create();
        long[] t0 = new long[TASKS];
        long[] period = new long[TASKS];
        long[] runs = new long[TASKS];
        long[] nextDue = new long[TASKS];
        Samples lateness = new Samples(TASKS * 700);
        long[] start = {0};
        s.spawn("starter", sch -> {
            start[0] = sch.clock().nanos(); // after run(...) has set its deadline, so no due run is past the end
            for (int i = 0; i < TASKS; i++) {
                int task = i;
                period[i] = 1_000_000_000L / hz(i);
                t0[i] = sch.clock().nanos();
                nextDue[i] = t0[i];
                sch.every("rate-" + hz(i), Duration.ofNanos(period[i]), r -> {
                    lateness.add(r.clock().nanos() - nextDue[task]);
                    runs[task]++;
                    nextDue[task] = Math.max(r.clock().nanos(), nextDue[task] + period[task]); // tasko's rule, as every(...) does
                });
            }
        });
        CpuMeter cpu = new CpuMeter();
        s.run(Duration.ofNanos(SPAN_NANOS));
        Map<String, Double> cpuValues = cpu.values(lateness.count());
        long end = start[0] + SPAN_NANOS;
        long worst = 0;
        int off = 0;
        for (int i = 0; i < TASKS; i++) {
            long due = (end - t0[i]) / period[i] + 1;
            long deviation = Math.abs(runs[i] - due);
            worst = Math.max(worst, deviation);
            if (deviation > 1) {
                off++;
            }
        }
        Tasks.shutDown(s);
        Map<String, Double> values = new java.util.LinkedHashMap<>(Map.of(WORST.key(), (double) worst, OFF.key(), (double) off,
                P50.key(), lateness.percentile(50) / 1e3, P99.key(), lateness.percentile(99) / 1e3));
        values.putAll(cpuValues);
        return values;
    }

    @Override
    public List<Check> checks(Side ours, Side peer) {
        String target = "every task within +-1 run of target";
        if (!ours.measured()) {
            return List.of(Check.notMeasured(target, ours.note()));
        }
        double worst = ours.max(WORST.key());
        return List.of(Check.of(target, worst <= 1,
                "worst deviation over all runs: " + (long) worst + "; tasks off, worst run: " + (long) ours.max(OFF.key())),
                Check.preciseLateness(P50, P99, ours), Check.cpuNoMoreThanPeer(CPU_PER_RUN, ours, peer));
    }
}
