package org.perthensis.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subscriber of the mqtt benchmark, in a process of its own and the same for both sides: on
 * {@code bench/control} {@code {"run": ID, "count": N}} it expects N messages numbered 1 to N on
 * {@code bench/data}, each carrying {@code "n"} and {@code "t"}, the sender's
 * {@code CLOCK_MONOTONIC} nanoseconds when it made the event; once it has all N it answers on
 * {@code bench/done} with the arrival time of the last one (its own {@code System.nanoTime()},
 * the same clock on Linux) and the latency percentiles (arrival minus {@code t}).
 *
 * <p>{@code java -cp ... org.perthensis.bench.MqttSink PORT}
 */
public final class MqttSink {
    private static final Pattern RUN = Pattern.compile("\"run\":\"([^\"]+)\",\"count\":(\\d+)");
    private static final Pattern DATA = Pattern.compile("\"run\":\"([^\"]+)\",\"n\":(\\d+),\"t\":(\\d+)");

    private String run = "";
    private int expected;
    private BitSet seen = new BitSet();
    private long[] latency = new long[0];
    private int received;
    private int duplicates;

    private MqttSink() {
    }

    public static void main(String[] args) throws Exception {
        MqttSink sink = new MqttSink();
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier("bench-sink")
                .serverHost("127.0.0.1").serverPort(Integer.parseInt(args[0])).buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, p -> {
            String done = sink.take(p.getTopic().toString(), new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8),
                    System.nanoTime());
            if (done != null) {
                client.publishWith().topic("bench/done").qos(MqttQos.AT_LEAST_ONCE).payload(done.getBytes(StandardCharsets.UTF_8))
                        .send();
            }
        });
        client.connectWith().cleanStart(true).send().get();
        client.subscribeWith().topicFilter("bench/control").qos(MqttQos.AT_LEAST_ONCE).send().get();
        client.subscribeWith().topicFilter("bench/data").qos(MqttQos.AT_LEAST_ONCE).send().get();
        System.out.println("ready");
        System.out.flush();
        Thread.currentThread().join(); // until the benchmark ends the process
    }

    /** One message; the answer when a run is complete. Called on the client's one callback thread. */
    private String take(String topic, String payload, long now) {
        if (topic.equals("bench/control")) {
            Matcher m = RUN.matcher(payload);
            if (m.find()) {
                run = m.group(1);
                expected = Integer.parseInt(m.group(2));
                seen = new BitSet(expected + 1);
                latency = new long[expected];
                received = 0;
                duplicates = 0;
            }
            return null;
        }
        Matcher m = DATA.matcher(payload);
        if (!m.find() || !m.group(1).equals(run)) {
            return null;
        }
        int n = Integer.parseInt(m.group(2));
        if (n < 1 || n > expected || seen.get(n)) {
            duplicates++;
            return null;
        }
        seen.set(n);
        latency[received++] = now - Long.parseLong(m.group(3));
        if (received < expected) {
            return null;
        }
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        return "{\"run\":\"" + run + "\",\"last\":" + now + ",\"p50\":" + rank(sorted, 50) + ",\"p99\":" + rank(sorted, 99)
                + ",\"max\":" + sorted[sorted.length - 1] + ",\"duplicates\":" + duplicates + "}";
    }

    /** The nearest-rank percentile. */
    private static long rank(long[] sorted, double p) {
        int r = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, r) - 1)];
    }
}
