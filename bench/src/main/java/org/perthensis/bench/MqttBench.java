package org.perthensis.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.perthensis.api.Backoff;
import org.perthensis.api.JournalConfig;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Ticks;
import org.perthensis.mqtt.MqttConfig;
import org.perthensis.mqtt.MqttProvider;

/**
 * Events to a local mosquitto through the {@code mqtt} task: throughput at QoS 0 and at QoS 1
 * with a journal, latency from the event to a subscriber, CPU per event; beside a CPython
 * paho-mqtt script doing the same ({@code peers/mqtt.py}). Both sides publish the same JSON to
 * the same broker and are timed by the same subscriber, {@link MqttSink}, in a process of its own.
 */
final class MqttBench extends TimedBenchmark {
    static final String PORT = "perthensis.bench.mqtt.port";
    static final int COUNT = 50_000;
    static final int PACED = 3_000;

    private static final Metric QOS0 = Metric.higher("qos0_per_s", "events/s, QoS 0", Metric.Unit.PER_SECOND);
    private static final Metric QOS1 = Metric.higher("qos1_per_s", "events/s, QoS 1 with a journal", Metric.Unit.PER_SECOND);
    private static final Metric CPU0 = Metric.lower("qos0_cpu_ns", "process CPU per event, QoS 0", Metric.Unit.NANOS);
    private static final Metric CPU1 = Metric.lower("qos1_cpu_ns", "process CPU per event, QoS 1 with a journal",
            Metric.Unit.NANOS);
    private static final Metric P50 = Metric.lower("qos1_p50_us", "p50 latency to the subscriber, QoS 1, 1000/s",
            Metric.Unit.MICROS);
    private static final Metric P99 = Metric.lower("qos1_p99_us", "p99 latency to the subscriber, QoS 1, 1000/s",
            Metric.Unit.MICROS);
    private static final Metric P50_0 = Metric.lower("qos0_p50_us", "p50 latency to the subscriber, QoS 0, 1000/s",
            Metric.Unit.MICROS);
    private static final Metric P99_0 = Metric.lower("qos0_p99_us", "p99 latency to the subscriber, QoS 0, 1000/s",
            Metric.Unit.MICROS);
    private static final Pattern DONE = Pattern.compile("\"run\":\"([^\"]+)\",\"last\":(\\d+),\"p50\":(\\d+),\"p99\":(\\d+)");

    @Override
    public String name() {
        return "mqtt";
    }

    @Override
    public String what() {
        return COUNT + " events to a local mosquitto at QoS 0 and at QoS 1 with a journal, then " + PACED
                + " at 1000/s; a subscriber in another process times them";
    }

    @Override
    public String method() {
        return "A local mosquitto 2.0 (in memory, 500 in flight per client) and one subscriber process (MqttSink, the same"
                + " for both sides, MQTT 5, QoS 1) that is told how many numbered messages a run sends, and answers with the"
                + " arrival time of the last (System.nanoTime(), CLOCK_MONOTONIC) and the latency percentiles. Each message"
                + " is the JSON an mqtt task publishes for an event: {\"topic\",\"time\",\"payload\":{\"run\",\"n\",\"t\"}},"
                + " t being CLOCK_MONOTONIC nanoseconds when the event was made. Perthensis: an mqtt task (MQTT 5, its"
                + " defaults but rate and burst 1,000,000 and a queue of 100,000, so that pacing does not limit it) and a"
                + " task publishing " + COUNT + " events as fast as the loop takes them; QoS 1 with the journal at its"
                + " default sync 1s. Peer: paho-mqtt 1.6 (Debian's python3-paho-mqtt, MQTT 5, loop_start, 500 in flight)"
                + " publishing the same JSON; for QoS 1 each message is first appended to a file (buffered, forced once a"
                + " second), as the journal keeps it. events/s = " + COUNT + " / (arrival of the last at the subscriber -"
                + " the first event made). CPU per event = the publishing process's CPU time (user + system, all"
                + " threads: JIT and GC included; time.process_time_ns() for the peer) over the same span / " + COUNT
                + ". Latency: " + PACED + " events paced at 1000/s (Ticks; a sleep loop on the grid for the peer), arrival"
                + " minus t, nearest-rank p50 and p99. 1 warm-up run, 3 measured, on each side.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(QOS1, QOS0, CPU1, CPU0, P50, P99, P50_0, P99_0);
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
        return around(h, port -> h.childJvm(name(), warmups(), runs(), List.of("-D" + PORT + "=" + port)));
    }

    @Override
    public Side asyncio(Harness h) throws Exception {
        return around(h, port -> h.peer(name(), warmups(), runs(), Map.of("PERTHENSIS_BENCH_MQTT_PORT",
                Integer.toString(port))));
    }

    /**
     * An mqtt task's settings for the benchmarks: {@code events} published under {@code prefix},
     * not retained; {@code rate} and {@code burst} the same; a queue of 100,000 without a journal.
     */
    static MqttConfig config(int port, String clientId, String prefix, String events, int qos, JournalConfig journal,
            Duration keepAlive, Backoff.Config reconnect, int rate) {
        return new MqttConfig("127.0.0.1", port, null, null, null, null, clientId, keepAlive, null, reconnect, null,
                prefix, List.of(events), List.of(), qos, journal, 100_000, null, rate, rate, false, null, null);
    }

    interface Measure {
        Side at(int port) throws Exception;
    }

    /** A fresh broker and subscriber for one side. */
    private static Side around(Harness h, Measure measure) throws Exception {
        return withBroker(broker -> {
            Process sink = new ProcessBuilder(h.java, "-cp", h.classPath, MqttSink.class.getName(),
                    Integer.toString(broker.port())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                String ready = new String(sink.getInputStream().readNBytes(6), UTF_8);
                if (!ready.startsWith("ready")) {
                    return Side.skipped("not measured: the subscriber did not start");
                }
                return measure.at(broker.port());
            } finally {
                sink.destroyForcibly().waitFor();
            }
        });
    }

    interface WithBroker {
        Side at(Broker broker) throws Exception;
    }

    /** A fresh in-memory broker for one side, or the side skipped saying how to install mosquitto. */
    static Side withBroker(WithBroker measure) throws Exception {
        if (Broker.program().isEmpty()) {
            return Side.skipped(Broker.MISSING);
        }
        Path dir = Files.createTempDirectory("perthensis-bench-mqtt");
        try (Broker broker = Broker.start(dir, false)) {
            return measure.at(broker);
        } finally {
            delete(dir);
        }
    }

    @Override
    Map<String, Double> measureOnce() throws Exception {
        int port = Integer.getInteger(PORT);
        Path dir = Files.createTempDirectory("perthensis-bench-mqtt-journal");
        Map<String, Double> values = new LinkedHashMap<>();
        try (Control control = new Control(port)) {
            Run qos0 = run(port, control, 0, null, false);
            values.put(QOS0.key(), qos0.rate());
            values.put(CPU0.key(), qos0.cpuPerEvent());
            Run paced0 = run(port, control, 0, null, true);
            values.put(P50_0.key(), paced0.p50() / 1e3);
            values.put(P99_0.key(), paced0.p99() / 1e3);
            Run qos1 = run(port, control, 1, JournalConfig.in(dir.resolve("a").toString()), false);
            values.put(QOS1.key(), qos1.rate());
            values.put(CPU1.key(), qos1.cpuPerEvent());
            Run paced1 = run(port, control, 1, JournalConfig.in(dir.resolve("b").toString()), true);
            values.put(P50.key(), paced1.p50() / 1e3);
            values.put(P99.key(), paced1.p99() / 1e3);
        } finally {
            delete(dir);
        }
        return values;
    }

    private record Run(double rate, double cpuPerEvent, long p50, long p99) {
    }

    private static int runs;

    /** One mqtt task on a scheduler of its own, one burst or paced series of events, and the subscriber's answer. */
    private static Run run(int port, Control control, int qos, JournalConfig journal, boolean paced) throws Exception {
        String id = "r" + (++runs);
        int count = paced ? PACED : COUNT;
        Scheduler s = Scheduler.create();
        Map<Class<?>, Object> services = new HashMap<>();
        services.put(Metrics.class, Metrics.create());
        MqttConfig config = config(port, "bench-pub-" + id, "bench", "data", qos, journal, null,
                Backoff.Config.exact(Duration.ofMillis(100), Duration.ofSeconds(1)), 1_000_000);
        CountDownLatch up = new CountDownLatch(1);
        s.events().subscribe("mqtt.pub.up", e -> up.countDown());
        s.spawn("pub", new MqttProvider().create(config, org.perthensis.api.TaskEnvironment.of("pub", s,
                System.getLogger("bench.mqtt"), services)));
        Thread loop = Thread.ofPlatform().name("bench loop").start(s::runForever);
        try {
            if (!up.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the mqtt task did not connect within 30 s");
            }
            CompletableFuture<String> done = control.expect(id, count);
            long cpu0 = ProcessStats.processCpuNanos();
            long t0 = System.nanoTime();
            s.post(() -> s.spawn("events", e -> {
                Ticks ticks = paced ? e.ticks(Duration.ofMillis(1)) : null;
                for (int n = 1; n <= count; n++) {
                    if (ticks != null) {
                        ticks.await();
                    }
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("run", id);
                    payload.put("n", n);
                    payload.put("t", System.nanoTime());
                    e.events().publish("data", payload);
                    if (ticks == null && n % 100 == 0) {
                        e.yieldTurn(); // let the sender and the acknowledgements in, as events from tasks would
                    }
                }
            }));
            String answer = done.get(300, TimeUnit.SECONDS);
            long cpu = ProcessStats.processCpuNanos() - cpu0;
            Matcher m = DONE.matcher(answer);
            if (!m.find()) {
                throw new IllegalStateException("the subscriber answered " + answer);
            }
            long last = Long.parseLong(m.group(2));
            return new Run(count * 1e9 / (last - t0), (double) cpu / count, Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)));
        } finally {
            s.shutdown();
            loop.join(30_000);
        }
    }

    /** The benchmark's own client: tells the subscriber what comes and hears its answer. */
    private static final class Control implements AutoCloseable {
        private final Mqtt5AsyncClient client;
        private volatile String waitingFor;
        private volatile CompletableFuture<String> answer;

        Control(int port) throws Exception {
            client = MqttClient.builder().useMqttVersion5().identifier("bench-control").serverHost("127.0.0.1")
                    .serverPort(port).buildAsync();
            client.publishes(MqttGlobalPublishFilter.ALL, p -> {
                String text = new String(p.getPayloadAsBytes(), UTF_8);
                CompletableFuture<String> a = answer;
                if (a != null && text.contains("\"run\":\"" + waitingFor + "\"")) {
                    a.complete(text);
                }
            });
            client.connectWith().cleanStart(true).send().get();
            client.subscribeWith().topicFilter("bench/done").qos(MqttQos.AT_LEAST_ONCE).send().get();
        }

        CompletableFuture<String> expect(String run, int count) throws Exception {
            waitingFor = run;
            answer = new CompletableFuture<>();
            client.publishWith().topic("bench/control").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"run\":\"" + run + "\",\"count\":" + count + "}").getBytes(UTF_8)).send().get();
            return answer;
        }

        @Override
        public void close() throws Exception {
            client.disconnect().get(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public List<Check> checks(Side ours, Side peer) {
        if (!ours.measured()) {
            return List.of(Check.notMeasured(">= 5,000 events/s at QoS 1 with a journal", ours.note()));
        }
        double rate = ours.median(QOS1.key());
        double cpu = ours.median(CPU1.key());
        double peerCpu = peer.measured() ? peer.median(CPU1.key()) : Double.NaN;
        return List.of(
                Check.of(">= 5,000 events/s at QoS 1 with a journal", rate >= 5000, QOS1.format(rate)),
                Double.isNaN(peerCpu) ? Check.notMeasured("CPU per event <= the Python peer's", peer.note())
                        : Check.of("CPU per event <= the Python peer's (QoS 1 with a journal)", cpu <= peerCpu,
                                CPU1.format(cpu) + " vs " + CPU1.format(peerCpu)));
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
