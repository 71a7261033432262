package org.perthensis.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.perthensis.api.Scheduler;

/** An idle device: only the heartbeat LED blinks. The loop must sleep between its edges. */
final class Idle extends TimedBenchmark {
    static final long[] PATTERN_MILLIS = {50, 100, 100, 750};
    static final long JIT_WARMUP_NANOS = 3_000_000_000L;
    static final long WARMUP_NANOS = 2_000_000_000L;
    static final long WINDOW_NANOS = 20_000_000_000L;
    /** After the window, the loop stopped: what the same process does asleep, for the wake-ups beyond it. */
    static final long SLEEPING_NANOS = 5_000_000_000L;

    private static final Metric CPU = Metric.lower("cpu_percent", "CPU of one core", Metric.Unit.PERCENT);
    private static final Metric WAKEUPS = Metric.lower("wakeups_per_s", "loop wake-ups per s", Metric.Unit.COUNT);
    private static final Metric EDGES = Metric.higher("edges_per_s", "LED edges per s", Metric.Unit.COUNT);
    private static final Metric EXTRA = Metric.lower("extra_wakeups_per_s", "wake-ups beyond edges per s", Metric.Unit.COUNT);
    private static final Metric P50 = Metric.lower("edge_p50_us", "p50 edge lateness", Metric.Unit.MICROS);
    private static final Metric P99 = Metric.lower("edge_p99_us", "p99 edge lateness", Metric.Unit.MICROS);
    private static final Metric CPU_PER_EDGE = Metric.cpuPer("LED edge");
    private static final Metric THREAD_WAKEUPS = Metric.lower("thread_wakeups_per_s", "thread wake-ups per s", Metric.Unit.COUNT);
    private static final Metric SLEEPING_WAKEUPS = Metric.lower("sleeping_thread_wakeups_per_s",
            "thread wake-ups per s, loop stopped", Metric.Unit.COUNT);
    private static final Metric WAKEUPS_PER_EDGE = Metric.lower("thread_wakeups_per_edge",
            "thread wake-ups per edge beyond asleep", Metric.Unit.COUNT);

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public String what() {
        return "only a heartbeat task for 20 s";
    }

    @Override
    public String method() {
        return "One task blinks a counter-only LED in the heartbeat pattern on 50, off 100, on 100, off 750 ms (4 edges/s). "
                + "First the same task runs 100 times faster for 3 s so that the JIT has compiled the loop, as on a device "
                + "that has been up for a minute or two; then the real pattern runs, and after 2 s the 20 s window opens. CPU = CPU time of all the process's threads in the window "
                + "(sum over /proc/self/task/*/schedstat, nanoseconds; JIT, GC and VM threads included) / 20 s, and per LED edge. "
                + "Loop wake-ups: Perthensis counts its driver thread's returns from an idle park that ended a sleep, by its time or a post (Loop.idleWakeups(), "
                + "read reflectively); asyncio counts selector waits with a timeout other than 0. Thread wake-ups: every thread's voluntary context switches (/proc/self/task/*/status) in the window; "
                + "then the loop is stopped and the same process sleeps 5 s, measured the same way; wake-ups per edge = "
                + "(window rate - sleeping rate) / edges per s. Edge lateness: as in "
                + "the lateness benchmark, System.nanoTime() after the sleep minus before it minus the sleep. "
                + "3 runs on each side.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(CPU, CPU_PER_EDGE, WAKEUPS, EDGES, EXTRA, THREAD_WAKEUPS, SLEEPING_WAKEUPS, WAKEUPS_PER_EDGE, P50, P99);
    }

    @Override
    int warmups() {
        return 0;
    }

    @Override
    int runs() {
        return 3;
    }

    @Override
    Map<String, Double> measureOnce() {
        compileTheLoop();
        Scheduler s = Scheduler.create();
        long[] edges = {0};
        boolean[] led = {false};
        boolean[] measuring = {false};
        Samples lateness = new Samples(200);
        s.spawn("heartbeat", sch -> {
            while (true) {
                for (int i = 0; i < PATTERN_MILLIS.length; i++) {
                    led[0] = i % 2 == 0;
                    edges[0]++;
                    boolean measured = measuring[0]; // a sleep begun before the window spans the pause between runs
                    long before = System.nanoTime();
                    sch.sleep(PATTERN_MILLIS[i]);
                    if (measured) {
                        lateness.add(System.nanoTime() - before - PATTERN_MILLIS[i] * 1_000_000);
                    }
                }
            }
        });
        s.run(Duration.ofNanos(WARMUP_NANOS));
        long edges0 = edges[0];
        long wakeups0 = LoopAccess.idleWakeups(s);
        long cpu0 = ProcessStats.cpuNanos();
        long threadWakeups0 = ProcessStats.threadWakeups();
        measuring[0] = true;
        s.run(Duration.ofNanos(WINDOW_NANOS));
        long threadWakeups = ProcessStats.threadWakeups() - threadWakeups0;
        long cpu = ProcessStats.cpuNanos() - cpu0;
        long wakeups = LoopAccess.idleWakeups(s) - wakeups0;
        long edgeCount = edges[0] - edges0;
        Tasks.shutDown(s);
        double sleeping = sleepingWakeupsPerSecond();
        double seconds = WINDOW_NANOS / 1e9;
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        values.put(CPU.key(), 100.0 * cpu / WINDOW_NANOS);
        values.put(CPU_PER_EDGE.key(), (double) cpu / edgeCount);
        values.put(WAKEUPS.key(), wakeups / seconds);
        values.put(EDGES.key(), edgeCount / seconds);
        values.put(EXTRA.key(), (wakeups - edgeCount) / seconds);
        values.put(THREAD_WAKEUPS.key(), threadWakeups / seconds);
        values.put(SLEEPING_WAKEUPS.key(), sleeping);
        values.put(WAKEUPS_PER_EDGE.key(), (threadWakeups / seconds - sleeping) / (edgeCount / seconds));
        values.put(P50.key(), lateness.percentile(50) / 1e3);
        values.put(P99.key(), lateness.percentile(99) / 1e3);
        return values;
    }

    /** The process's thread wake-ups per second while it only sleeps, the loop stopped. */
    private static double sleepingWakeupsPerSecond() {
        long before = ProcessStats.threadWakeups();
        try {
            Thread.sleep(SLEEPING_NANOS / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (ProcessStats.threadWakeups() - before) / (SLEEPING_NANOS / 1e9);
    }

    /**
     * Runs the same heartbeat 100 times faster for a few seconds, so that the loop's code is
     * compiled as on a device that has been up for a minute or two; at 4 edges a second the JIT
     * would take that long to get to it, and the interpreter would be measured instead.
     */
    static void compileTheLoop() {
        Scheduler s = Scheduler.create();
        s.spawn("heartbeat", sch -> {
            while (true) {
                for (long millis : PATTERN_MILLIS) {
                    sch.sleep(Duration.ofNanos(millis * 10_000));
                }
            }
        });
        s.run(Duration.ofNanos(JIT_WARMUP_NANOS));
        Tasks.shutDown(s);
    }

    @Override
    public List<Check> checks(Side ours, Side peer) {
        if (!ours.measured()) {
            return List.of(Check.notMeasured("CPU <= 0.2% of one core; wake-ups <= LED edges + 1/s", ours.note()));
        }
        double cpu = ours.median(CPU.key());
        double extra = ours.max(EXTRA.key());
        return List.of(
                Check.of("CPU <= 0.2% of one core", cpu <= 0.2, CPU.format(cpu)),
                Check.of("loop wake-ups <= LED edges + 1/s", extra <= 1,
                        "at most " + EXTRA.format(extra) + " wake-ups/s beyond the edges in a run"),
                Check.cpuNoMoreThanPeer(CPU_PER_EDGE, ours, peer),
                Check.of("<= 1.5 thread wake-ups per LED edge beyond a sleeping process", ours.median(WAKEUPS_PER_EDGE.key()) <= 1.5,
                        WAKEUPS_PER_EDGE.format(ours.median(WAKEUPS_PER_EDGE.key())) + " (asyncio "
                                + WAKEUPS_PER_EDGE.format(peer.median(WAKEUPS_PER_EDGE.key())) + ")"));
    }
}
