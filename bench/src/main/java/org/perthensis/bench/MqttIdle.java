package org.perthensis.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.mqtt.MqttConfig;
import org.perthensis.mqtt.MqttProvider;

/**
 * An idle device on a broker: what an {@code mqtt} task connected to a local mosquitto, with
 * nothing to publish, adds to the process's wake-ups and CPU; beside paho-mqtt connected the
 * same way ({@code peers/mqtt_idle.py}). The target: no wake-ups beyond its keep-alive pings.
 */
final class MqttIdle extends TimedBenchmark {
    static final Duration KEEP_ALIVE = Duration.ofSeconds(5);
    static final long SETTLE_MILLIS = 5_000;
    static final long WINDOW_MILLIS = 20_000;

    private static final Metric CLIENT = Metric.lower("client_wakeups_per_ping",
            "client thread wake-ups per keep-alive (5 s)", Metric.Unit.COUNT);
    private static final Metric BURSTS = Metric.lower("client_bursts_per_ping",
            "times per keep-alive the client woke after 0.5 s asleep", Metric.Unit.COUNT);
    private static final Metric LOOP = Metric.lower("loop_wakeups_per_s", "loop wake-ups per s", Metric.Unit.COUNT);
    private static final Metric RUNTIME = Metric.lower("runtime_wakeups_per_s",
            "wake-ups per s of the runtime's own threads", Metric.Unit.COUNT);
    private static final Metric PROCESS = Metric.lower("process_wakeups_per_s", "wake-ups per s, whole process",
            Metric.Unit.COUNT);
    private static final Metric CPU = Metric.lower("cpu_percent", "CPU of one core, whole process", Metric.Unit.PERCENT);

    @Override
    public String name() {
        return "mqtt-idle";
    }

    @Override
    public String what() {
        return "a connected mqtt task with nothing to publish, keep-alive 5s, for 2 x 20 s";
    }

    @Override
    public String method() {
        return "A local mosquitto (in memory). The client connects (an mqtt task on a scheduler of its own, MQTT 5,"
                + " keepAlive 5s, publishing nothing; peer: paho-mqtt 1.6, MQTT 5, loop_start, keepalive 5, the same"
                + " retained status and will), 5 s to settle, then a 20 s window. Wake-ups = how often the kernel put a"
                + " thread on a CPU (the third field of /proc/self/task/*/schedstat), by thread: the client's (Perthensis:"
                + " the module's network and callback threads, perthensis-mqtt*; peer: paho's loop thread, every thread"
                + " but the main one), the loop's (Perthensis: the scheduler's driver thread and the virtual threads'"
                + " carriers; the peer has none, its main thread sleeps), the runtime's own (the JVM's GC, JIT, monitor"
                + " and service threads; the interpreter's main thread). Client wake-ups per keep-alive = client"
                + " wake-ups in the window / 4 pings. Bursts, in a second 20 s window: a thread of the benchmark reads the"
                + " client's counts every 100 ms; an increase after at least 0.5 s without one is a burst. CPU, in the first: the first field, every thread, over the window. Counted by"
                + " thread id: a thread that ended in the window (the JVM ends idle compiler threads) is left out. No"
                + " warm-up; 3 runs on each side, for Perthensis each in a JVM of its own.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(CLIENT, BURSTS, LOOP, RUNTIME, PROCESS, CPU);
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
    public String peerName() {
        return "paho-mqtt";
    }

    @Override
    public Side perthensis(Harness h) throws Exception {
        return MqttBench.withBroker(broker -> h.freshJvms(name(), runs(),
                List.of("-D" + MqttBench.PORT + "=" + broker.port())));
    }

    @Override
    public Side asyncio(Harness h) throws Exception {
        return MqttBench.withBroker(broker -> h.peer(name(), warmups(), runs(),
                Map.of("PERTHENSIS_BENCH_MQTT_PORT", Integer.toString(broker.port()))));
    }

    private static int runs;

    @Override
    Map<String, Double> measureOnce() throws Exception {
        int port = Integer.getInteger(MqttBench.PORT);
        String id = "bench-idle-" + (++runs);
        Scheduler s = Scheduler.create();
        CountDownLatch up = new CountDownLatch(1);
        s.events().subscribe("mqtt.idle.up", e -> up.countDown());
        MqttConfig config = MqttBench.config(port, id, "bench/idle", "nothing.at.all", 1, null, KEEP_ALIVE, null, 100);
        s.spawn("idle", new MqttProvider().create(config, TaskEnvironment.of("idle", s,
                System.getLogger("bench.mqtt"), Map.of(Metrics.class, Metrics.create()))));
        Thread loop = Thread.ofPlatform().name("bench loop").start(s::runForever);
        try {
            if (!up.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the mqtt task did not connect within 30 s");
            }
            Thread.sleep(SETTLE_MILLIS);
            Map<Long, ProcessStats.ThreadStat> before = ProcessStats.threads();
            List<Long> clientThreads = before.entrySet().stream()
                    .filter(t -> t.getValue().name().startsWith("perthensis-mqtt")).map(Map.Entry::getKey).toList();
            Thread.sleep(WINDOW_MILLIS);
            Map<Long, ProcessStats.ThreadStat> after = ProcessStats.threads();
            // A second window for the bursts: sampling costs the JVM wake-ups of its own (the JIT,
            // the collector), which the first window's counts leave out.
            Sampler sampler = new Sampler(clientThreads);
            Thread.sleep(WINDOW_MILLIS);
            int bursts = sampler.stop();
            long client = 0;
            long loopThreads = 0;
            long runtime = 0;
            long cpu = 0;
            // By thread id: a thread that ended in the window is left out (the JVM ends idle compiler
            // threads), one that began counts from 0.
            for (Map.Entry<Long, ProcessStats.ThreadStat> t : after.entrySet()) {
                ProcessStats.ThreadStat was = before.get(t.getKey());
                long n = t.getValue().timeslices() - (was == null ? 0 : was.timeslices());
                cpu += t.getValue().cpuNanos() - (was == null ? 0 : was.cpuNanos());
                String name = t.getValue().name();
                if (name.startsWith("perthensis-mqtt")) {
                    client += n;
                } else if (name.equals("bench loop") || name.startsWith("ForkJoinPool")) {
                    loopThreads += n;
                } else if (!name.equals("java")) { // the main thread (the JVM names it after the launcher): the benchmark, asleep
                    runtime += n;
                }
            }
            double seconds = WINDOW_MILLIS / 1e3;
            double pings = WINDOW_MILLIS / (double) KEEP_ALIVE.toMillis();
            return Map.of(CLIENT.key(), client / pings, BURSTS.key(), bursts / pings, LOOP.key(), loopThreads / seconds, RUNTIME.key(),
                    runtime / seconds, PROCESS.key(), (client + loopThreads + runtime) / seconds,
                    CPU.key(), 100.0 * cpu / (WINDOW_MILLIS * 1e6));
        } finally {
            s.shutdown();
            loop.join(30_000);
        }
    }

    /**
     * Watches the client's threads every 100 ms through the window, from a thread of its own,
     * and counts their bursts: wake-ups after at least half a second in which they slept. Wake-ups
     * that only serve the keep-alive come as one burst per ping.
     */
    private static final class Sampler {
        private final Thread thread;
        private volatile boolean on = true;
        private int bursts;

        Sampler(List<Long> threads) {
            thread = Thread.ofPlatform().name("bench sampler").start(() -> {
                long last = count(threads);
                long lastChange = Long.MIN_VALUE / 2;
                while (on) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long now = count(threads);
                    if (now != last) {
                        long t = System.nanoTime();
                        if (t - lastChange >= 500_000_000L) {
                            bursts++;
                        }
                        lastChange = t;
                        last = now;
                    }
                }
            });
        }

        /** Reads only the client's own files, so that sampling costs the rest of the process little. */
        private static long count(List<Long> threads) {
            long sum = 0;
            for (long tid : threads) {
                try {
                    String[] fields = Files.readString(Path.of("/proc/self/task/" + tid + "/schedstat")).trim().split(" ");
                    sum += Long.parseLong(fields[2]);
                } catch (IOException gone) {
                    // the thread ended
                }
            }
            return sum;
        }

        int stop() throws InterruptedException {
            on = false;
            thread.join();
            return bursts;
        }
    }

    @Override
    public List<Check> checks(Side ours, Side peer) {
        String target = "at idle no wake-ups beyond the keep-alive pings: the client wakes once per keep-alive"
                + " (<= 5 bursts in the 20 s window, 4 or 5 pings falling in it), the loop not at all";
        if (!ours.measured()) {
            return List.of(Check.notMeasured(target, ours.note()));
        }
        double bursts = ours.max(BURSTS.key());
        double loop = ours.max(LOOP.key());
        return List.of(Check.of(target, bursts <= 1.25 && loop == 0, "at most " + BURSTS.format(bursts)
                + " bursts per keep-alive (" + CLIENT.format(ours.max(CLIENT.key())) + " wake-ups) and "
                + LOOP.format(loop) + " loop wake-ups per s in a run"));
    }
}
