package org.perthensis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Reading(String sensor, double celsius, Instant at) {
    }

    enum Level { HIGH }

    @Test
    void payloadsAreWrittenAsCompactJson() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("level", 1);
        payload.put("pressed", true);
        payload.put("at", Instant.parse("2026-12-01T08:00:00Z"));
        payload.put("restartIn", Duration.ofMillis(1500));
        payload.put("probes", List.of("tcp://192.0.2.1:53", "dns://example.org"));
        payload.put("none", null);
        payload.put("state", Level.HIGH);
        payload.put("text", "a \"quoted\"\nline\u0001");
        payload.put("offset", 1.25);
        payload.put("missing", Optional.empty());
        assertEquals("{\"level\":1,\"pressed\":true,\"at\":\"2026-12-01T08:00:00Z\",\"restartIn\":\"1.5s\","
                + "\"probes\":[\"tcp://192.0.2.1:53\",\"dns://example.org\"],\"none\":null,\"state\":\"high\","
                + "\"text\":\"a \\\"quoted\\\"\\nline\\u0001\",\"offset\":1.25,\"missing\":null}", Json.write(payload));
    }

    @Test
    void recordsAreWrittenByTheirComponents() {
        assertEquals("{\"sensor\":\"porch\",\"celsius\":21.5,\"at\":\"1970-01-01T00:00:00Z\"}",
                Json.write(new Reading("porch", 21.5, Instant.EPOCH)));
        assertEquals("[1,2]", Json.write(new int[] {1, 2}));
        assertEquals("null", Json.write(Double.NaN));
    }

    @Test
    void whatIsWrittenReadsBack() {
        Object read = Json.read(Json.write(Map.of("a", List.of(1L, "x", true), "b", Map.of())));
        assertEquals(Map.of("a", List.of(1L, "x", true), "b", Map.of()), read);
        assertEquals(new BigDecimal("1.5e3"), Json.read(" 1.5e3 "));
        assertEquals(-7L, Json.read("-7"));
        assertEquals(new BigDecimal("123456789012345678901234567890"), Json.read("123456789012345678901234567890"));
        assertEquals("\u00e9\n", Json.read("\"\\u00e9\\n\""));
        assertEquals(Arrays.asList(null, false), Json.read("[null,false]"));
    }

    @Test
    void mistakesSayWhereAndWhat() {
        assertEquals("not JSON at 1:7: expected a value, got '}'",
                assertThrows(IllegalArgumentException.class, () -> Json.read("{\"a\": }")).getMessage());
        assertEquals("not JSON at 2:1: expected ',' or '}', got '\"'",
                assertThrows(IllegalArgumentException.class, () -> Json.read("{\"a\": 1\n\"b\": 2}")).getMessage());
        assertEquals("not JSON at 1:3: expected the end of the text after the value, got 'x'",
                assertThrows(IllegalArgumentException.class, () -> Json.read("1 x")).getMessage());
        assertEquals("not JSON at 1:1: expected a value, got the end",
                assertThrows(IllegalArgumentException.class, () -> Json.read("")).getMessage());
        assertEquals("not JSON at 1:13: expected each name once; \"a\" came twice, got '}'",
                assertThrows(IllegalArgumentException.class, () -> Json.read("{\"a\":1,\"a\":2}")).getMessage());
        assertEquals("not JSON at 1:66: expected at most 64 levels of nesting, got '['",
                assertThrows(IllegalArgumentException.class, () -> Json.read("[".repeat(100))).getMessage());
    }
}
