package org.perthensis.web;

import java.util.HashMap;
import java.util.Map;
import org.perthensis.api.Metrics;

/**
 * Events published, counted per topic family: the part of the topic before its first dot
 * ({@code net} for {@code net.up}, {@code connection} for {@code connection.uplink.line}), so
 * the number of series stays that of the modules, whatever names the config gives. Each family
 * becomes the metric {@value #METRIC} when first seen. On the loop only: one map lookup per event.
 */
final class Families {

    static final String METRIC = "perthensis_events_total";

    private final Metrics metrics;
    /** By topic, so that an event costs a lookup, not a substring; families share their counter. */
    private final Map<String, long[]> byTopic = new HashMap<>();
    private final Map<String, long[]> byFamily = new HashMap<>();

    Families(Metrics metrics) {
        this.metrics = metrics;
    }

    void count(String topic) {
        long[] counter = byTopic.get(topic);
        if (counter == null) {
            counter = family(topic);
            byTopic.put(topic, counter);
        }
        counter[0]++;
    }

    private long[] family(String topic) {
        int dot = topic.indexOf('.');
        String family = dot < 0 ? topic : topic.substring(0, dot);
        long[] counter = byFamily.get(family);
        if (counter == null) {
            long[] fresh = new long[1];
            counter = fresh;
            byFamily.put(family, counter);
            metrics.counter(METRIC, "Events published",
                    Map.of("family", family), () -> fresh[0]);
        }
        return counter;
    }
}
