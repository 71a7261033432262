package org.perthensis.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.perthensis.api.JournalConfig;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.Ticks;
import org.perthensis.mqtt.MqttConfig;
import org.perthensis.mqtt.MqttProvider;

/**
 * A fleet, simulated: 500 devices, each a scheduler of its own with an {@code mqtt} task (QoS 1,
 * a journal, the default reconnect backoff) and a task publishing an event a second, against one
 * mosquitto in another process, which is stopped and started again. Measures how long until
 * every device is back, the connection attempts per second the broker saw, and events lost.
 * There is no peer: it measures this module's backoff against a broker.
 */
final class MqttFleet extends TimedBenchmark {
    static final String DIR = "perthensis.bench.mqtt.dir";
    static final int DEVICES = 500;
    static final long BEFORE_MILLIS = 15_000;
    static final long DOWN_MILLIS = 2_000;
    static final long AFTER_MILLIS = 5_000;

    private static final Metric BACK = Metric.lower("all_back_s", "seconds until all 500 are back", Metric.Unit.COUNT);
    private static final Metric PEAK = Metric.lower("peak_attempts_per_s", "peak connection attempts per s",
            Metric.Unit.COUNT);
    private static final Metric ATTEMPTS = Metric.lower("attempts", "connection attempts the broker saw",
            Metric.Unit.COUNT);
    private static final Metric LOST = Metric.lower("lost", "events lost", Metric.Unit.COUNT);
    private static final Metric DUPLICATES = Metric.lower("duplicates", "events received twice", Metric.Unit.COUNT);
    private static final Metric EVENTS = Metric.higher("events", "events published", Metric.Unit.COUNT);
    private static final Pattern TOPIC = Pattern.compile("fleet/(\\d+)/fleet/beat");
    private static final Pattern N = Pattern.compile("\"n\":(\\d+)");

    @Override
    public String name() {
        return "mqtt-fleet";
    }

    @Override
    public String what() {
        return DEVICES + " devices with QoS 1 and journals against one mosquitto, stopped for 2 s and started again";
    }

    @Override
    public String method() {
        return "One JVM: " + DEVICES + " schedulers, each with an mqtt task (MQTT 5, QoS 1, a journal of its own, the"
                + " default reconnect of 10s doubling to 2min with up to 90% jitter, rate 100/s) and a task publishing"
                + " an event a second (Ticks), numbered; one subscriber (the HiveMQ client, a persistent session, QoS 1,"
                + " reconnecting by itself) counts what arrives per device. mosquitto 2.0 keeps its sessions on disk."
                + " Once every device is up, 15 s of events, then the broker is stopped (SIGTERM, as systemd restarts"
                + " it), started again 2 s later, and events go on until 5 s after every device is back; then the"
                + " events stop and the journals drain. Back = from the restarted broker accepting connections to the"
                + " last device's mqtt.<task>.up. Attempts: the broker's log lines 'New connection from', per second"
                + " of its time stamps, from its restart on (the subscriber's one reconnection included). Lost ="
                + " events published minus distinct events received. No warm-up, 2 runs.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(BACK, PEAK, ATTEMPTS, LOST, DUPLICATES, EVENTS);
    }

    @Override
    int warmups() {
        return 0;
    }

    @Override
    int runs() {
        return 2;
    }

    @Override
    public String peerName() {
        return "no peer";
    }

    @Override
    public Side perthensis(Harness h) throws Exception {
        if (Broker.program().isEmpty()) {
            return Side.skipped(Broker.MISSING);
        }
        Path dir = Files.createTempDirectory("perthensis-bench-fleet");
        try {
            return h.childJvm(name(), warmups(), runs(), List.of("-D" + DIR + "=" + dir));
        } finally {
            MqttBench.delete(dir);
        }
    }

    @Override
    public Side asyncio(Harness h) {
        return Side.skipped("no peer: this measures the mqtt task's reconnect backoff against a broker");
    }

    private static int runs;

    @Override
    Map<String, Double> measureOnce() throws Exception {
        Path dir = Path.of(System.getProperty(DIR)).resolve("run" + (++runs));
        try (Broker broker = Broker.start(dir.resolve("broker"), true); Sink sink = new Sink(broker.port())) {
            Fleet fleet = new Fleet(broker.port(), dir.resolve("journals"));
            try {
                fleet.awaitAllUp(120);
                Thread.sleep(BEFORE_MILLIS);
                broker.stop();
                fleet.forgetUp(); // the broker is gone: whoever is up from now on came back
                Thread.sleep(DOWN_MILLIS);
                long restartSecond = Instant.now().getEpochSecond();
                broker.start();
                long restarted = System.nanoTime();
                long back = fleet.awaitAllUp(300);
                Thread.sleep(AFTER_MILLIS);
                fleet.stopEvents();
                long published = fleet.published();
                sink.awaitCount(published, 120);
                Map<Long, Integer> perSecond = new TreeMap<>();
                for (long second : broker.connectionSeconds()) {
                    if (second >= restartSecond) {
                        perSecond.merge(second, 1, Integer::sum);
                    }
                }
                int attempts = perSecond.values().stream().mapToInt(Integer::intValue).sum();
                int peak = perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
                return Map.of(BACK.key(), (back - restarted) / 1e9, PEAK.key(), (double) peak,
                        ATTEMPTS.key(), (double) attempts, LOST.key(), (double) (published - sink.distinct()),
                        DUPLICATES.key(), (double) sink.duplicates(), EVENTS.key(), (double) published);
            } finally {
                fleet.close();
            }
        } finally {
            MqttBench.delete(dir);
        }
    }

    /** The devices, each on a loop thread of its own. */
    private static final class Fleet {
        private final List<Scheduler> schedulers = new ArrayList<>();
        private final List<Thread> loops = new ArrayList<>();
        private final AtomicLongArray upAt = new AtomicLongArray(DEVICES);
        private final AtomicLongArray published = new AtomicLongArray(DEVICES);
        private volatile boolean eventsOn = true;

        Fleet(int port, Path journals) {
            for (int i = 0; i < DEVICES; i++) {
                int device = i;
                Scheduler s = Scheduler.create();
                s.events().subscribe("mqtt.dev.up", e -> upAt.set(device, System.nanoTime()));
                MqttConfig config = MqttBench.config(port, "fleet-" + i, "fleet/" + i, "fleet.beat", 1,
                        JournalConfig.in(journals.resolve(Integer.toString(i)).toString()), null, null, 100);
                s.spawn("dev", new MqttProvider().create(config, TaskEnvironment.of("dev", s,
                        System.getLogger("bench.fleet"), Map.of(Metrics.class, Metrics.create()))));
                s.spawn("beat", e -> {
                    Ticks ticks = e.ticks(Duration.ofSeconds(1));
                    for (int n = 1; eventsOn; n++) {
                        ticks.await();
                        if (!eventsOn) {
                            break;
                        }
                        e.events().publish("fleet.beat", Map.of("n", n));
                        published.incrementAndGet(device);
                    }
                });
                schedulers.add(s);
                loops.add(Thread.ofPlatform().name("fleet " + i).start(s::runForever));
            }
        }

        void forgetUp() {
            for (int i = 0; i < DEVICES; i++) {
                upAt.set(i, 0);
            }
        }

        /** Waits until every device connected since {@link #forgetUp()}; returns when the last one did. */
        long awaitAllUp(int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                long last = 0;
                int up = 0;
                for (int i = 0; i < DEVICES; i++) {
                    long t = upAt.get(i);
                    if (t != 0) {
                        up++;
                        last = Math.max(last, t);
                    }
                }
                if (up == DEVICES) {
                    return last;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("not every device was up within " + seconds + " s");
        }

        void stopEvents() throws InterruptedException {
            eventsOn = false;
            Thread.sleep(1_500); // each beat task sees it at its next tick
        }

        long published() {
            long sum = 0;
            for (int i = 0; i < DEVICES; i++) {
                sum += published.get(i);
            }
            return sum;
        }

        void close() throws InterruptedException {
            schedulers.forEach(Scheduler::shutdown);
            for (Thread t : loops) {
                t.join(30_000);
            }
        }
    }

    /**
     * The subscriber's network threads, daemons: with a session that outlives the connection
     * the client's own threads keep running after {@code disconnect()} (its issue 498), and the
     * JVM would never exit.
     */
    private static final MqttClientExecutorConfig DAEMONS = MqttClientExecutorConfig.builder()
            .nettyExecutor(r -> Thread.ofPlatform().daemon().name("fleet sink network").start(r)).nettyThreads(1)
            .build();

    /** The subscriber: every device's events, counted once each. */
    private static final class Sink implements AutoCloseable {
        private final Mqtt5AsyncClient client;
        private final BitSet[] seen = new BitSet[DEVICES];
        private final AtomicInteger distinct = new AtomicInteger();
        private final AtomicInteger duplicates = new AtomicInteger();

        Sink(int port) throws Exception {
            for (int i = 0; i < DEVICES; i++) {
                seen[i] = new BitSet();
            }
            client = MqttClient.builder().useMqttVersion5().identifier("fleet-sink").serverHost("127.0.0.1")
                    .serverPort(port).executorConfig(DAEMONS).automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS)
                    .maxDelay(1, TimeUnit.SECONDS).applyAutomaticReconnect().buildAsync();
            client.publishes(MqttGlobalPublishFilter.ALL, this::take);
            client.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().get(30, TimeUnit.SECONDS);
            client.subscribeWith().topicFilter("fleet/+/fleet/beat").qos(MqttQos.AT_LEAST_ONCE).send()
                    .get(30, TimeUnit.SECONDS);
        }

        private void take(com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish p) {
            Matcher t = TOPIC.matcher(p.getTopic().toString());
            Matcher n = N.matcher(new String(p.getPayloadAsBytes(), UTF_8));
            if (!t.matches() || !n.find()) {
                return;
            }
            BitSet device = seen[Integer.parseInt(t.group(1))];
            int number = Integer.parseInt(n.group(1));
            synchronized (device) {
                if (device.get(number)) {
                    duplicates.incrementAndGet();
                    return;
                }
                device.set(number);
            }
            distinct.incrementAndGet();
        }

        void awaitCount(long count, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (distinct.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }

        long distinct() {
            return distinct.get();
        }

        long duplicates() {
            return duplicates.get();
        }

        @Override
        public void close() throws Exception {
            client.disconnect().get(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public List<Check> checks(Side ours, Side peer) {
        if (!ours.measured()) {
            return List.of(Check.notMeasured("peak attempts per s <= a fifth of the fleet (100); none lost",
                    ours.note()));
        }
        double peak = ours.max(PEAK.key());
        double lost = ours.max(LOST.key());
        return List.of(Check.of("peak connection attempts per s <= a fifth of the fleet (" + DEVICES / 5 + ")",
                        peak <= DEVICES / 5.0, "at most " + PEAK.format(peak) + " in a second"),
                Check.of("no event lost (QoS 1, journals)", lost == 0, "at most " + LOST.format(lost) + " lost in a run"));
    }
}
