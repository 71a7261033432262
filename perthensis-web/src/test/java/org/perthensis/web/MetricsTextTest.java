package org.perthensis.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Metrics;

/** {@code /metrics}, checked line by line against the Prometheus text format 0.0.4. */
class MetricsTextTest {

    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)"
            + "(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\")*)?\\})?"
            + " ([-+]?(?:[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?|NaN|[-+]?Inf))");

    /**
     * Reads the text as a scraper does, failing on any line the format does not allow.
     *
     * @return each sample, as {@code name{labels}} to its value
     */
    static Map<String, Double> parse(String text) {
        assertTrue(text.endsWith("\n"), "the last line ends too");
        Map<String, Double> samples = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new HashSet<>();
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                assertTrue(helped.add(m.group(1)), "one HELP per metric: " + line);
            } else if ((m = TYPE.matcher(line)).matches()) {
                assertEquals(null, types.put(m.group(1), m.group(2)), "one TYPE per metric: " + line);
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                assertTrue(types.containsKey(name), "the TYPE comes before the samples: " + line);
                if (types.get(name).equals("counter")) {
                    assertTrue(name.endsWith("_total"), "a counter's sample ends in _total: " + line);
                }
                assertEquals(null, samples.put(name + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(
                        m.group(4).replace("Inf", "Infinity"))), "each series once: " + line);
            } else {
                throw new AssertionError("not a line of the text format: " + line);
            }
        }
        return samples;
    }

    @Test
    void metricsAreInTheTextFormatAndChangeAsTasksRun() throws Exception {
        try (TestDevice device = new TestDevice("{}")) {
            long[] sent = {0};
            device.onLoop(() -> {
                device.metrics.counter("perthensis_connection_lines_sent_total", "Lines written to the socket",
                        Map.of("task", "uplink"), () -> sent[0]);
                device.metrics.gauge("perthensis_connection_queued_lines", "Lines \"waiting\" to be written\\sent",
                        Map.of("task", "up\"link"), () -> 3);
                return null;
            });
            HttpResponse<String> first = device.get("/metrics");
            assertEquals(200, first.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", first.headers().firstValue("Content-Type").orElseThrow());
            Map<String, Double> before = parse(first.body());
            assertTrue(first.body().contains("# HELP perthensis_connection_queued_lines Lines \"waiting\" to be written\\\\sent\n"
                    + "# TYPE perthensis_connection_queued_lines gauge\n"
                    + "perthensis_connection_queued_lines{task=\"up\\\"link\"} 3.0\n"), first.body());
            assertEquals(0.0, before.get("perthensis_connection_lines_sent_total{task=\"uplink\"}"));
            for (String name : List.of("jvm_memory_used_bytes{area=\"heap\"}", "jvm_memory_committed_bytes{area=\"nonheap\"}",
                    "jvm_threads_current", "process_cpu_seconds_total", "process_start_time_seconds",
                    "perthensis_metric_read_failures_total", "perthensis_web_streams{task=\"status\"}")) {
                assertTrue(before.containsKey(name), name + " in\n" + first.body());
            }

            device.onLoop(() -> sent[0] = 41);
            device.scheduler.events().publish("net.up");
            device.scheduler.events().publish("net.down");
            device.scheduler.events().publish("debounce.door.press");
            Map<String, Double> after = parse(device.get("/metrics").body());
            assertEquals(41.0, after.get("perthensis_connection_lines_sent_total{task=\"uplink\"}"));
            assertEquals(2.0, after.get("perthensis_events_total{family=\"net\"}"));
            assertEquals(1.0, after.get("perthensis_events_total{family=\"debounce\"}"));
            assertEquals(before.get("perthensis_web_requests_total{route=\"/metrics\",task=\"status\"}") + 1,
                    after.get("perthensis_web_requests_total{route=\"/metrics\",task=\"status\"}"));
        }
    }

    @Test
    void aMetricTheFormatCannotTakeIsLeftOutAndSaidSoNotTheScrape() throws Exception {
        try (TestDevice device = new TestDevice("{}")) {
            device.onLoop(() -> {
                device.metrics.gauge("jvm_threads_current", "a name the JVM's numbers have already", Map.of(), () -> 1);
                return null;
            });
            HttpResponse<String> scrape = device.get("/metrics");
            assertEquals(200, scrape.statusCode(), scrape.body());
            assertTrue(device.log.lines().stream().anyMatch(l -> l.startsWith("WARNING web 'status': left a metric out"
                    + " of /metrics: ")), device.log.lines()::toString);
        }
    }

    @Test
    void samplesOfOneNameShareTheirHelpAndType() {
        Metrics m = Metrics.create();
        m.counter("perthensis_x_total", "X", Map.of("task", "a"), () -> 1);
        m.counter("perthensis_x_total", "X", Map.of("task", "b"), () -> 2.5);
        String text = new String(MetricsText.write(m.collect(), why -> { throw new AssertionError(why); }),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.startsWith("# HELP jvm_memory_committed_bytes") || text.contains("# HELP perthensis_x_total X\n"
                + "# TYPE perthensis_x_total counter\nperthensis_x_total{task=\"a\"} 1.0\nperthensis_x_total{task=\"b\"} 2.5\n"),
                text);
        parse(text);
    }

    @Test
    void aScrapeOnAVirtualThreadAllocatesAFewTimesItsSizeNotThousands() throws Exception {
        Metrics m = Metrics.create();
        for (int i = 0; i < 60; i++) {
            m.gauge("perthensis_g" + i, "a gauge with a help line about as long as the runtime's own, number " + i,
                    Map.of("task", "task-" + i), () -> 1);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long[] allocated = new long[2];
        int[] size = new int[2];
        for (int round = 0; round < 2; round++) { // the first round loads and links the writer's classes
            long before = allocatedByPlatformThreads(threads); // a virtual thread allocates in its carrier's name
            int r = round;
            Thread scrape = Thread.ofVirtual().start(() ->
                    size[r] = MetricsText.write(m.collect(), why -> { throw new AssertionError(why); }).length);
            scrape.join();
            allocated[r] = allocatedByPlatformThreads(threads) - before;
        }
        assertTrue(size[1] > 8_000, "a scrape larger than the writer's buffer: " + size[1]);
        // Rendered on the virtual thread itself this allocated 38 MB for 10.7 KB (JDK 25).
        assertTrue(allocated[1] < 40L * size[1], allocated[1] + " bytes allocated for a scrape of " + size[1]);
    }

    /** Every live platform thread's heap allocation so far; the test's threads outlive the scrape. */
    private static long allocatedByPlatformThreads(com.sun.management.ThreadMXBean threads) {
        long sum = 0;
        for (long a : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(a, 0);
        }
        return sum;
    }
}
