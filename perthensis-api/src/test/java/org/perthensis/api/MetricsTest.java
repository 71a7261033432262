package org.perthensis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void valuesAreReadWhenCollectedByNameThenInTheOrderRegistered() {
        Metrics m = Metrics.create();
        long[] sent = {3};
        m.gauge("perthensis_queue", "Lines waiting", Map.of("task", "b"), () -> 2);
        m.counter("perthensis_sent_total", "Lines sent", Map.of("task", "a"), () -> sent[0]);
        m.gauge("perthensis_queue", "Lines waiting", Map.of("task", "a"), () -> 5);
        sent[0] = 7;
        assertEquals(List.of(
                new Metrics.Sample("perthensis_queue", "Lines waiting", Metrics.Kind.GAUGE, Map.of("task", "b"), 2),
                new Metrics.Sample("perthensis_queue", "Lines waiting", Metrics.Kind.GAUGE, Map.of("task", "a"), 5),
                new Metrics.Sample("perthensis_sent_total", "Lines sent", Metrics.Kind.COUNTER, Map.of("task", "a"), 7),
                new Metrics.Sample(MetricRegistry.FAILURES, "Metric functions that threw when read", Metrics.Kind.COUNTER,
                        Map.of(), 0)), m.collect());
    }

    @Test
    void registeringAgainReplacesAndAFunctionThatThrowsIsCountedNotFatal() {
        Metrics m = Metrics.create();
        m.gauge("g", "a gauge", Map.of(), () -> 1);
        m.gauge("g", "a gauge", Map.of(), () -> 2);
        m.gauge("broken", "throws", Map.of(), () -> {
            throw new IllegalStateException("no");
        });
        List<Metrics.Sample> got = m.collect();
        assertEquals(List.of("g=2.0", MetricRegistry.FAILURES + "=1.0"),
                got.stream().map(s -> s.name() + "=" + s.value()).toList());
    }

    @Test
    void badNamesAndAKindChangeAreRefused() {
        Metrics m = Metrics.create();
        assertEquals("a metric name is letters, digits, '_' and ':', not starting with a digit, got \"1x\"",
                assertThrows(IllegalArgumentException.class, () -> m.gauge("1x", "h", Map.of(), () -> 0)).getMessage());
        assertEquals("a label name is letters, digits, '_' and ':', not starting with a digit, got \"a-b\"",
                assertThrows(IllegalArgumentException.class, () -> m.gauge("x", "h", Map.of("a-b", "v"), () -> 0))
                        .getMessage());
        m.counter("c_total", "h", Map.of(), () -> 0);
        assertEquals("metric c_total is registered as a counter already; give the gauge another name",
                assertThrows(IllegalArgumentException.class, () -> m.gauge("c_total", "h", Map.of(), () -> 0)).getMessage());
    }
}
