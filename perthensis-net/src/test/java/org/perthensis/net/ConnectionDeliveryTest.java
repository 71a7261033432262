package org.perthensis.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.perthensis.api.Backoff;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.testing.RecordingLogger;

/**
 * The connection on the real clock against a real loopback server that stops and restarts
 * while the client keeps sending. Assertions are about what arrived, never about timing.
 */
@Timeout(60)
class ConnectionDeliveryTest {
    private static final int LINES = 800;
    private final Scheduler s = Scheduler.create();
    private final RecordingLogger logger = new RecordingLogger();
    private Thread loop;
    private LineServer server;

    @AfterEach
    void shutDown() throws Exception {
        s.shutdown();
        if (loop != null) {
            loop.join(Duration.ofSeconds(10));
        }
        if (server != null) {
            server.close();
        }
    }

    private Connection startSending(ConnectionProvider.Config config) {
        Connection c = Connection.of(config, TaskEnvironment.of("feed", s, logger, new HashMap<>()));
        s.spawn("feed", c);
        s.spawn("sender", sch -> {
            for (int i = 0; i < LINES; i++) {
                c.send("line " + i);
                sch.sleep(2);
            }
        });
        loop = Thread.ofPlatform().name("loop").start(s::runForever);
        return c;
    }

    private static ConnectionProvider.Config quickReconnect(int port) {
        return new ConnectionProvider.Config("127.0.0.1", port,
                new Backoff.Config(Duration.ofMillis(20), Duration.ofMillis(100), null),
                null, null, null, null, null, null, null, null, null, null);
    }

    private void restartServerThreeTimes(boolean graceful) throws Exception {
        for (int i = 0; i < 3; i++) {
            Thread.sleep(300);
            server.stop(graceful);
            Thread.sleep(150);
            server.restart();
        }
    }

    @Test
    void everyLineArrivesExactlyOnceAndInOrderAcrossServerRestarts() throws Exception {
        server = LineServer.start(0, LineServer.RECORD);
        Connection c = startSending(quickReconnect(server.port()));
        restartServerThreeTimes(true);
        assertTrue(server.awaitLines(LINES, Duration.ofSeconds(30)), "only " + server.lines.size() + " lines arrived");
        Thread.sleep(100); // a duplicate would come right behind the last line
        assertEquals(IntStream.range(0, LINES).mapToObj(i -> "line " + i).toList(), server.lines);
        assertEquals(LINES, c.sent());
        assertEquals(0, c.dropped());
        assertTrue(server.connections() >= 4, "reconnected after each restart: " + server.connections() + " connections");
    }

    @Test
    void anAbruptServerStopLosesAtMostWhatWasInFlightAndNeverDuplicatesOrReorders() throws Exception {
        server = LineServer.start(0, LineServer.RECORD);
        Connection c = startSending(quickReconnect(server.port()));
        restartServerThreeTimes(false);
        assertTrue(server.awaitLines(1, Duration.ofSeconds(30)));
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!server.lines.contains("line " + (LINES - 1)) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        List<Integer> numbers = new ArrayList<>(server.lines.stream().map(l -> Integer.parseInt(l.substring(5))).toList());
        assertEquals(LINES - 1, numbers.getLast(), "the last line arrived");
        assertEquals(numbers.size(), new HashSet<>(numbers).size(), "no line arrived twice");
        assertEquals(numbers.stream().sorted().toList(), numbers, "lines arrived in order");
        assertEquals(LINES, c.sent());
        assertEquals(0, c.dropped());
    }

    @Test
    void pingsKeepAnIdleConnectionAliveWhenTheServerAnswersThem() throws Exception {
        server = LineServer.start(0, (client, in, srv) -> {
            OutputStream out = client.getOutputStream();
            for (String line; (line = in.readLine()) != null; ) {
                srv.lines.add(line);
                out.write("PONG\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        ConnectionProvider.Config config = new ConnectionProvider.Config("127.0.0.1", server.port(), null, null,
                Duration.ofMillis(100), "PING", Duration.ofSeconds(1), null, null, null, null, null, null);
        Connection c = Connection.of(config, TaskEnvironment.of("feed", s, logger, new HashMap<>()));
        s.spawn("feed", c);
        loop = Thread.ofPlatform().name("loop").start(s::runForever);
        Thread.sleep(2500);
        assertEquals(1, server.connections(), "the connection was never dropped: " + logger.lines());
        assertTrue(server.lines.size() >= 5 && server.lines.stream().allMatch("PING"::equals), "pings: " + server.lines);
        assertTrue(c.received() >= 5, "pongs: " + c.received());
        assertEquals(0, c.sent(), "pings are not counted as lines sent");
    }

    @Test
    void withoutAnswersToPingsTheReadTimeoutReconnects() throws IOException, InterruptedException {
        server = LineServer.start(0, LineServer.RECORD);
        ConnectionProvider.Config config = new ConnectionProvider.Config("127.0.0.1", server.port(),
                new Backoff.Config(Duration.ofMillis(50), null, null), null,
                Duration.ofMillis(100), "PING", Duration.ofMillis(400), null, null, null, null, null, null);
        s.spawn("feed", Connection.of(config, TaskEnvironment.of("feed", s, logger, new HashMap<>())));
        loop = Thread.ofPlatform().name("loop").start(s::runForever);
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (server.connections() < 3 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertTrue(server.connections() >= 3, "reconnected after each read timeout: " + logger.lines());
        assertTrue(logger.lines().contains("WARNING connection 'feed' down: no data for 400ms (readTimeout);"
                + " reconnecting in " + logger.lines().stream().filter(l -> l.contains("readTimeout")).findFirst()
                        .map(l -> l.substring(l.lastIndexOf(' ') + 1)).orElse("?")));
        assertTrue(server.lines.contains("PING"));
    }
}
