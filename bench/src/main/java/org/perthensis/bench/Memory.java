package org.perthensis.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.perthensis.api.Scheduler;

/** What a sleeping task costs in memory. */
final class Memory extends TimedBenchmark {
    static final int TASKS = 100_000;
    static final int WARMUP_TASKS = 20_000;
    static final int WARMUP_ROUNDS = 25;

    private static final Metric HEAP = Metric.lower("heap_per_task_b", "heap per task", Metric.Unit.BYTES);
    private static final Metric RSS = Metric.lower("rss_per_task_b", "RSS per task", Metric.Unit.BYTES);
    /** What the process takes before it starts a task: the part no task count changes (bytes, printed in MiB). */
    private static final Metric FIXED = Metric.lower("fixed_rss_b", "fixed footprint (RSS)", Metric.Unit.MEBIBYTES);
    /** G1 keeps 40-70% of the heap free after a collection by default; these keep it close to what is live. */
    static final List<String> TIGHT_HEAP = List.of("-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20");
    private static final Metric RSS_TIGHT = new Metric("rss_per_task_tight_heap_b", "RSS per task, tight heap",
            Metric.Unit.BYTES, false, RSS.key());
    private static final Metric CPU_PER_TASK = Metric.cpuPer("task started and asleep");

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String what() {
        return "100,000 tasks asleep";
    }

    @Override
    public String method() {
        return "In a fresh process per run: 25 rounds of 20,000 tasks that fall asleep and are cancelled warm the code up "
                + "(until the JIT has compiled it fully: a task parked in less optimised frames takes more memory); then, after "
                + "full collections, 100,000 named tasks are started that each sleep for an hour. Per task = (after - before) / 100,000, "
                + "with all of them asleep and after full collections again: live heap (MemoryMXBean, Perthensis only) "
                + "and resident set size (VmRSS in /proc/self/status, both sides). Fixed footprint: the same process's RSS "
                + "before its first task starts (the runtime, its code and its libraries loaded, no task yet), beside which "
                + "N tasks add N times the RSS per task. 3 runs on each side, and RSS again in "
                + "JVMs with " + String.join(" ", TIGHT_HEAP) + ". CPU: process CPU (user + system, all threads) from starting the "
                + "first of the 100,000 until all are asleep, per task.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(HEAP, RSS, FIXED, RSS_TIGHT, CPU_PER_TASK);
    }

    @Override
    int runs() {
        return 3;
    }

    @Override
    public Side perthensis(Harness h) throws Exception {
        Side side = h.freshJvms(name(), runs(), List.of());
        Side tight = h.freshJvms(name(), runs(), TIGHT_HEAP);
        if (!side.measured() || !tight.measured()) {
            return side.measured() ? new Side(side.runs(), "tight heap: " + tight.note()) : side;
        }
        List<Map<String, Double>> runs = new java.util.ArrayList<>();
        for (int i = 0; i < side.runs().size(); i++) {
            Map<String, Double> run = new java.util.LinkedHashMap<>(side.runs().get(i));
            run.put(RSS_TIGHT.key(), tight.runs().get(i).get(RSS.key()));
            runs.add(run);
        }
        return new Side(runs, side.note());
    }

    @Override
    public Side asyncio(Harness h) throws Exception {
        return h.peer(name(), 0, runs());
    }

    @Override
    Map<String, Double> measureOnce() throws InterruptedException {
        long fixed = ProcessStats.rssBytes();
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            Tasks.shutDown(allAsleep(WARMUP_TASKS, "warm-"));
        }
        Thread.sleep(500); // lets the JIT finish: a task parked in interpreted frames takes far more memory

        long heapBefore = ProcessStats.liveHeapBytes();
        long rssBefore = ProcessStats.rssBytes();
        CpuMeter cpu = new CpuMeter();
        Scheduler s = allAsleep(TASKS, "sleeper-");
        double cpuPerTask = cpu.values(TASKS).get(CPU_PER_TASK.key());
        long heapAfter = ProcessStats.liveHeapBytes();
        long rssAfter = ProcessStats.rssBytes();
        Map<String, Double> values = Map.of(HEAP.key(), (heapAfter - heapBefore) / (double) TASKS,
                RSS.key(), (rssAfter - rssBefore) / (double) TASKS, FIXED.key(), (double) fixed,
                CPU_PER_TASK.key(), cpuPerTask);
        Tasks.shutDown(s);
        return values;
    }

    /**
     * Starts {@code count} tasks that each sleep for an hour and returns once all are asleep.
     * Warm-up and measurement run this same code, so that the JIT has compiled exactly the
     * path measured: a branch the warm-up never took would deoptimise in the middle of it.
     */
    private static Scheduler allAsleep(int count, String prefix) {
        Scheduler s = Scheduler.create();
        int[] asleep = {0};
        for (int i = 0; i < count; i++) {
            s.spawn(prefix + i, sch -> {
                asleep[0]++;
                sch.sleep(Duration.ofHours(1));
            });
        }
        while (asleep[0] < count) {
            s.run(Duration.ofMillis(10));
        }
        return s;
    }

    @Override
    public List<Check> checks(Side ours, Side peer) {
        if (!ours.measured()) {
            return List.of(Check.notMeasured("<= 1 KiB heap per task, <= asyncio's RSS per task", ours.note()));
        }
        double heap = ours.median(HEAP.key());
        double rss = ours.median(RSS.key());
        Check heapCheck = Check.of("<= 1 KiB heap per task", heap <= 1024, HEAP.format(heap));
        if (!peer.measured()) {
            return List.of(heapCheck, Check.notMeasured("<= asyncio's RSS per task", peer.note()));
        }
        double peerRss = peer.median(RSS.key());
        double tight = ours.median(RSS_TIGHT.key());
        return List.of(heapCheck, Check.of("<= asyncio's RSS per task", rss <= peerRss,
                RSS.format(rss) + " vs " + RSS.format(peerRss) + "; with a tight heap " + RSS.format(tight)
                        + "; fixed footprint " + FIXED.format(ours.median(FIXED.key())) + " vs "
                        + FIXED.format(peer.median(FIXED.key()))));
    }
}
