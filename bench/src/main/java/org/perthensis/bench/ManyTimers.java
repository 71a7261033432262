package org.perthensis.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.perthensis.api.Scheduler;

/** Many periodic timers at once: are they all served, and how late. */
final class ManyTimers extends TimedBenchmark {
    static final int TASKS = 10_000;
    static final long PERIOD_NANOS = 100_000_000L;
    static final long SPAN_NANOS = 5_000_000_000L;

    private static final Metric DONE = Metric.higher("done_percent", "due runs done", Metric.Unit.PERCENT);
    private static final Metric P50 = Metric.lower("p50_lateness_us", "p50 lateness", Metric.Unit.MICROS);
    private static final Metric P99 = Metric.lower("p99_lateness_us", "p99 lateness", Metric.Unit.MICROS);
    private static final Metric MAX = Metric.lower("max_lateness_us", "max lateness", Metric.Unit.MICROS);
    private static final Metric P99_ONE = P99.oneCarrier();
    private static final Metric CPU = Metric.cpuShare();
    private static final Metric CPU_PER_RUN = Metric.cpuPer("run");
    private static final Metric CPU_PER_RUN_ONE = CPU_PER_RUN.oneCarrier();

    @Override
    public String name() {
        return "many-timers";
    }

    @Override
    public String what() {
        return "10,000 periodic tasks at 10 Hz for 5 s";
    }

    @Override
    public String method() {
        return "Start times are staggered uniformly over the first period: task i is started after i * 10 us "
                + "(Perthensis after(...) then every(100 ms); asyncio: asyncio.sleep then the same fixed-rate loop). "
                + "Each task's runs are due at t0 + k * 100 ms, t0 being when its periodic schedule was created, until "
                + "a run starts more than a period late, which re-anchors the schedule as tasko does; lateness = actual "
                + "start of a run - its due time (monotonic clock). Due runs = the times t0 + k * 100 ms up to the end of "
                + "the 5 s, from when the loop started running; done = runs that happened by then. CPU: process CPU (user + system, "
                + "all threads) over the 5 s, of one core and per run. 1 warm-up and 3 measured runs on each side; p99 again in a "
                + "JVM with " + Harness.ONE_CARRIER + ".";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(DONE, P50, P99, MAX, P99_ONE, CPU, CPU_PER_RUN, CPU_PER_RUN_ONE);
    }

    @Override
    List<Metric> oneCarrierMetrics() {
        return List.of(P99_ONE, CPU_PER_RUN_ONE);
    }

    @Override
    int runs() {
        return 3;
    }

    @Override
    Map<String, Double> measureOnce() {
        Scheduler s = Scheduler.create();
        long[] t0 = new long[TASKS];
        long[] runs = new long[TASKS];
        long[] nextDue = new long[TASKS];
        boolean[] started = new boolean[TASKS];
        Samples lateness = new Samples((int) (TASKS * (SPAN_NANOS / PERIOD_NANOS + 2)));
        long[] start = {0};
        // Spawned first, so it runs first: reads the start after run(...) has set its deadline, so no due run is past the end.
        s.spawn("start", sch -> start[0] = sch.clock().nanos());
        for (int i = 0; i < TASKS; i++) {
            int task = i;
            s.after("start-" + i, Duration.ofNanos(i * (PERIOD_NANOS / TASKS)), sch -> {
                t0[task] = sch.clock().nanos();
                nextDue[task] = t0[task];
                started[task] = true;
                sch.every("timer-" + task, Duration.ofNanos(PERIOD_NANOS), r -> {
                    lateness.add(r.clock().nanos() - nextDue[task]);
                    runs[task]++;
                    nextDue[task] = Math.max(r.clock().nanos(), nextDue[task] + PERIOD_NANOS); // tasko's rule, as every(...) does
                });
            });
        }
        CpuMeter cpu = new CpuMeter();
        s.run(Duration.ofNanos(SPAN_NANOS));
        Map<String, Double> cpuValues = cpu.values(lateness.count());
        long end = start[0] + SPAN_NANOS;
        long due = 0;
        long done = 0;
        for (int i = 0; i < TASKS; i++) {
            // A task the loop never even started still had its runs due from its intended start.
            long from = started[i] ? t0[i] : start[0] + i * (PERIOD_NANOS / TASKS);
            due += (end - from) / PERIOD_NANOS + 1;
            done += runs[i];
        }
        Tasks.shutDown(s);
        Map<String, Double> values = new java.util.LinkedHashMap<>(Map.of(DONE.key(), 100.0 * done / due,
                P50.key(), lateness.percentile(50) / 1e3, P99.key(), lateness.percentile(99) / 1e3,
                MAX.key(), lateness.percentile(100) / 1e3));
        values.putAll(cpuValues);
        return values;
    }

    @Override
    public List<Check> checks(Side ours, Side peer) {
        if (!ours.measured()) {
            return List.of(Check.notMeasured(">= 99% of due runs done; p99 lateness <= 2 ms", ours.note()));
        }
        double done = ours.median(DONE.key());
        double p99 = ours.median(P99.key());
        return List.of(
                Check.of(">= 99% of due runs done", done >= 99, DONE.format(done)),
                Check.of("p99 lateness <= 2 ms", p99 <= 2000, P99.format(p99)),
                Check.preciseLateness(P50, P99, ours), Check.cpuNoMoreThanPeer(CPU_PER_RUN, ours, peer));
    }
}
