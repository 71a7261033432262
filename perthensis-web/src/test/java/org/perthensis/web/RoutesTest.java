package org.perthensis.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perthensis.api.TaskInfo;
import org.perthensis.api.TaskInfo.State;

/** Every route of a web task on loopback, asked with the JDK's HttpClient. */
class RoutesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final TestDevice device = new TestDevice("{}");

    @AfterEach
    void stop() throws InterruptedException {
        device.close();
    }

    private static TaskInfo task(String name, String type, State state, int restarts, String failure) {
        return new TaskInfo(name, type, "org.perthensis." + type, state, T0, T0, restarts, failure,
                failure == null ? null : T0);
    }

    @Test
    void thePageIsOneDocumentWithEverythingInsideAndAPolicyThatAllowsNothingElse() {
        HttpResponse<String> page = device.get("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.startsWith("default-src 'none'; style-src 'sha256-"), policy);
        assertTrue(policy.contains("; script-src 'sha256-") && policy.contains("; connect-src 'self';"), policy);
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
        // Nothing fetched from elsewhere: no external script, style, font or image.
        Matcher refs = Pattern.compile("(src|href)=\"([^\"]*)\"").matcher(page.body());
        while (refs.find()) {
            assertTrue(refs.group(2).startsWith("data:"), refs.group());
        }
        assertFalse(page.body().contains("@import") || page.body().contains("url("), "no CSS fetches");
        assertTrue(page.body().contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
    }

    @Test
    void healthIsUpWhileEveryTaskRunsAndNamesTheOnesThatDoNot() {
        device.tasks.list = List.of(task("status", "web", State.RUNNING, 0, null), task("door", "debounce", State.STARTING, 0, null));
        HttpResponse<String> up = device.get("/health");
        assertEquals(200, up.statusCode());
        assertEquals("application/json", up.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"status\":\"up\",\"tasks\":2}\n", up.body());

        device.tasks.list = List.of(task("status", "web", State.RUNNING, 0, null),
                task("door", "debounce", State.RESTARTING, 2, "java.io.IOException: pin 12 is busy"));
        HttpResponse<String> down = device.get("/health");
        assertEquals(503, down.statusCode());
        assertEquals("{\"status\":\"down\",\"tasks\":2,\"notRunning\":[{\"task\":\"door\",\"type\":\"debounce\","
                + "\"state\":\"restarting\",\"since\":\"2026-12-01T10:00:00Z\","
                + "\"lastFailure\":\"java.io.IOException: pin 12 is busy\"}]}\n", down.body());
    }

    @Test
    void healthIsDownWhenTheLoopDoesNotAnswer() throws Exception {
        device.scheduler.post(() -> {
            long until = System.nanoTime() + LoopCall.PATIENCE.toNanos() + 1_000_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // a loop held up for longer than a request waits
            }
        });
        HttpResponse<String> stalled = device.get("/health");
        assertEquals(503, stalled.statusCode());
        assertEquals("{\"status\":\"down\",\"reason\":\"the loop did not answer within 2s (a task may be keeping the"
                + " turn; see the log)\"}\n", stalled.body());
    }

    @Test
    void anUnknownPathIsNotFoundAndOnlyGetAndHeadAreServed() {
        HttpResponse<String> missing = device.get("/admin");
        assertEquals(404, missing.statusCode());
        assertEquals("nothing at /admin; this device serves /, /events, /metrics, /health\n", missing.body());
        HttpResponse<String> post = device.send("/health", "POST");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
        HttpResponse<String> head = device.send("/health", "HEAD");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void theEventStreamStartsWithEverythingThePageShowsThenCarriesEachEvent() {
        device.tasks.list = List.of(task("network", "net", State.RUNNING, 0, null),
                task("uplink", "connection", State.RESTARTING, 1, "java.io.IOException: refused"));
        device.scheduler.events().publish("debounce.door", Map.of("level", 1));
        try (TestDevice.Stream stream = device.stream()) {
            assertEquals(200, stream.response.statusCode());
            assertEquals("text/event-stream; charset=utf-8", stream.response.headers().firstValue("Content-Type").orElseThrow());
            Map<?, ?> snapshot = (Map<?, ?>) stream.next("snapshot");
            assertTrue(((Map<?, ?>) snapshot.get("device")).get("host") instanceof String);
            List<?> tasks = (List<?>) snapshot.get("tasks");
            assertEquals("uplink", ((Map<?, ?>) tasks.get(1)).get("name"));
            assertEquals("restarting", ((Map<?, ?>) tasks.get(1)).get("state"));
            assertEquals("java.io.IOException: refused", ((Map<?, ?>) tasks.get(1)).get("lastFailure"));
            List<?> events = (List<?>) snapshot.get("events");
            assertEquals("debounce.door", ((Map<?, ?>) events.getLast()).get("topic"), "events published before any page");
            assertEquals(List.of("Network not known yet", "connection uplink not connected yet"),
                    states(snapshot.get("states")));

            device.scheduler.events().publish("net.down", Map.of("failed", "tcp://192.0.2.1:53", "reason",
                    "Connection refused", "since", T0));
            Map<?, ?> down = stream.nextEvent("net.down");
            assertEquals(Map.of("failed", "tcp://192.0.2.1:53", "reason", "Connection refused", "since", T0.toString()),
                    down.get("payload"));
            Instant.parse((String) down.get("at"));
            assertEquals(List.of("Network down", "connection uplink not connected yet"), states(stream.next("states")));
        }
    }

    @Test
    void aStoppedTaskClosesItsPortSoARestartFindsItFree() throws Exception {
        try (TestDevice.Stream open = device.stream()) {
            open.next("snapshot");
            device.task.cancel();
            long deadline = System.nanoTime() + 1_000_000_000L; // the supervisor's first backoff
            while (true) {
                try (java.net.ServerSocket again = new java.net.ServerSocket()) {
                    again.bind(new java.net.InetSocketAddress(device.base.getHost(), device.base.getPort()));
                    break;
                } catch (java.net.BindException stillTaken) {
                    assertTrue(System.nanoTime() < deadline, "the port is still taken a second after the task ended");
                    Thread.sleep(10);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> states(Object list) {
        return ((List<Map<String, Object>>) list).stream().map(s -> s.get("label") + " " + s.get("value")).toList();
    }
}
