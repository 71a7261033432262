package org.perthensis.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.testing.RecordingLogger;

/** {@code forward}: events sent as JSON lines, exactly, in the order of publication, from the config alone. */
// A server waiting for a line that never comes stops virtual time: fail then, instead of hanging.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ForwardTest {
    private final List<LineServer> servers = new ArrayList<>();
    private Scheduler s;
    private RecordingLogger logger;

    /** On the test's own thread, which runs it: the timeout runs each test on a thread of its own. */
    private void newScheduler() {
        s = Scheduler.builder().virtualTime().build();
        logger = new RecordingLogger(s.clock());
    }

    @AfterEach
    void shutDown() throws Exception {
        if (s != null) {
            s.shutdown();
        }
        for (LineServer server : servers) {
            server.close();
        }
    }

    private Connection forwarding(int port, List<String> forward) {
        ConnectionProvider.Config config = new ConnectionProvider.Config("127.0.0.1", port, null, null, null, null,
                null, null, null, null, null, forward, null);
        return Connection.of(config, TaskEnvironment.of("feed", s, logger, new HashMap<>()));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void matchingEventsAreSentAsOneJsonObjectPerLineInTheOrderPublished() throws IOException {
        newScheduler();
        LineServer server = LineServer.start(0, LineServer.hangUpAfter(4));
        servers.add(server);
        Connection c = forwarding(server.port(), List.of("rotary.*", "net.up", "net.*"));
        // While virtual time stands still for an open connection's read, events come before it starts.
        s.spawn("events", sch -> {
            sch.sleep(1500);
            sch.events().publish("rotary.volume", map("delta", 1, "value", 51));
            sch.events().publish("debounce.door", map("level", true)); // not forwarded
            sch.sleep(250);
            sch.events().publish("net.up", map("since", Scheduler.Builder.VIRTUAL_EPOCH, "probes",
                    List.of("dns://example.org"))); // two patterns match: sent once
            sch.events().publish("rotary.volume.press");
            sch.sleep(Duration.ofNanos(1_999_999)); // the time is cut to the millisecond
            sch.events().publish("net.down", map("failed", "tcp://192.0.2.1:53", "reason", "say \"no\"\n"));
            sch.sleep(1000);
            sch.spawn("feed", c);
        });
        s.run(Duration.ofSeconds(3));
        assertEquals(List.of(
                "{\"topic\":\"rotary.volume\",\"time\":\"2000-01-01T00:00:01.500Z\",\"payload\":{\"delta\":1,\"value\":51}}",
                "{\"topic\":\"net.up\",\"time\":\"2000-01-01T00:00:01.750Z\",\"payload\":{\"since\":\"2000-01-01T00:00:00Z\","
                        + "\"probes\":[\"dns://example.org\"]}}",
                "{\"topic\":\"rotary.volume.press\",\"time\":\"2000-01-01T00:00:01.750Z\",\"payload\":null}",
                "{\"topic\":\"net.down\",\"time\":\"2000-01-01T00:00:01.751Z\",\"payload\":{\"failed\":\"tcp://192.0.2.1:53\","
                        + "\"reason\":\"say \\\"no\\\"\\n\"}}"), server.lines);
        assertEquals(4, c.sent());
    }

    @Test
    void theConnectionsOwnIncomingLinesAreNotSentBack() throws IOException {
        newScheduler();
        LineServer server = LineServer.start(0, (client, in, srv) -> {
            OutputStream out = client.getOutputStream();
            out.write("hello\n".getBytes(StandardCharsets.UTF_8));
            srv.lines.add(in.readLine());
            try {
                Thread.sleep(500); // time for an echo of "hello" to come, if there were one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LineServer.HANG_UP.serve(client, in, srv);
        });
        servers.add(server);
        Connection c = forwarding(server.port(), List.of("connection.feed.*"));
        s.spawn("feed", c);
        s.run(Duration.ofMillis(500));
        // What reaches the server is the connection's own up event, never the line "hello" it received.
        assertEquals(List.of("{\"topic\":\"connection.feed.up\",\"time\":\"2000-01-01T00:00:00Z\",\"payload\":"
                + "{\"host\":\"127.0.0.1\",\"port\":" + server.port() + "}}"), server.lines);
        assertEquals(1, c.received());
    }

    @Test
    void anEventThatCannotBeWrittenAsJsonIsCountedAndLogged() throws IOException {
        newScheduler();
        Connection c = forwarding(LineServer.closedPort(), List.of("deep"));
        Object deep = "bottom";
        for (int i = 0; i < 70; i++) {
            deep = List.of(deep);
        }
        Object payload = deep;
        s.spawn("events", sch -> {
            sch.events().publish("deep", payload);
            sch.events().publish("deep", "fine");
        });
        s.spawn("feed", c);
        s.run(Duration.ofSeconds(11));
        assertEquals(List.of(1L, 1), List.of(c.dropped(), c.queued()));
        assertEquals(List.of("10000 WARNING connection 'feed': could not forward 1 event (the last: deep: a payload nested"
                + " more than 64 deep cannot be written as JSON); 1 not forwarded in all"),
                logger.visible().stream().filter(l -> l.contains("forward")).toList());
    }
}
