package org.perthensis.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Metrics;

class NumbersTest {

    @Test
    void timesAreDurationsBytesAreBinaryCountsAreWholeAndLossesAreMarked() {
        assertEquals("165ms", Numbers.format("perthensis_loop_timer_lateness_max_seconds", 0.165065917));
        assertEquals("1.23ms", Numbers.format("perthensis_loop_timer_lateness_seconds_total", 0.0012345));
        assertEquals("0s", Numbers.format("x_seconds", 0));
        assertEquals("12.5 MiB", Numbers.format("jvm_memory_used_bytes", 13_107_200));
        assertEquals("1,234,567", Numbers.format("perthensis_loop_turns_total", 1_234_567));
        assertEquals("0.3333", Numbers.format("ratio", 1.0 / 3));

        Metrics m = Metrics.create();
        m.counter("perthensis_connection_dropped_lines_total", "Lines dropped, the queue was full", Map.of("task", "uplink"), () -> 2);
        m.gauge("perthensis_task_up", "1 while running", Map.of("task", "uplink", "type", "connection"), () -> 1);
        m.counter("perthensis_events_total", "Events published", Map.of("family", "net"), () -> 7);
        assertEquals(List.of(
                Map.of("group", "uplink", "label", "Lines dropped, the queue was full", "value", "2", "level", "warn"),
                Map.of("group", "runtime", "label", "Events published (family net)", "value", "7", "level", "ok"),
                Map.of("group", "runtime", "label", "Metric functions that threw when read", "value", "0", "level", "ok")),
                Numbers.of(m.collect()));
    }
}
