package org.perthensis.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.perthensis.api.Backoff;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.testing.RecordingLogger;

/**
 * Backing off from a server that accepts and then closes: a connection shorter than
 * {@code stableAfter} does not start the waits again, and the log says what happens once per
 * change, with a count. Under virtual time a connection to a server that hangs up at once lasts
 * no time at all, so the timestamps are exact.
 */
@Timeout(60)
class ReconnectTest {
    private static final Instant T0 = Scheduler.Builder.VIRTUAL_EPOCH;
    private Scheduler s = Scheduler.builder().virtualTime().build();
    private RecordingLogger logger = new RecordingLogger(s.clock());
    private final List<LineServer> servers = new ArrayList<>();

    @AfterEach
    void shutDown() throws Exception {
        s.shutdown();
        for (LineServer server : servers) {
            server.close();
        }
    }

    private LineServer server(LineServer.Handler handler) throws IOException {
        LineServer server = LineServer.start(0, handler);
        servers.add(server);
        return server;
    }

    private Connection connection(int port, Duration initial, Duration max, Duration stableAfter) {
        ConnectionProvider.Config config = new ConnectionProvider.Config("127.0.0.1", port,
                Backoff.Config.exact(initial, max), null, null, null, null, null, null, null, null, null, stableAfter);
        Connection c = new TcpConnection(config, TaskEnvironment.of("feed", s, logger, new HashMap<>()), () -> 0.0,
                Socket::new);
        s.spawn("feed", c);
        return c;
    }

    @Test
    void aServerThatAcceptsAndClosesIsBackedOffFromWithOneLinePerChange() throws IOException {
        LineServer server = server(LineServer.HANG_UP);
        connection(server.port(), Duration.ofSeconds(1), Duration.ofSeconds(8), null);
        s.run(Duration.ofSeconds(60));
        String up = "connection 'feed' up: connected to 127.0.0.1:" + server.port();
        String down = "connection 'feed' down: closed by the server; reconnecting in ";
        assertEquals(List.of(
                "0 INFO " + up,
                "0 WARNING " + down + "1s",
                "1000 INFO " + up,
                "1000 WARNING connection 'feed': connected and closed 2 times in a row, each time for less than 10s"
                        + " (stableAfter); last: closed by the server; backing off, reconnecting in 2s",
                "3000 DEBUG " + up,
                "3000 DEBUG " + down + "4s",
                "7000 DEBUG " + up,
                "7000 WARNING connection 'feed': connected and closed 4 times in a row; backing off to 8s",
                "15000 DEBUG " + up, "15000 DEBUG " + down + "8s",
                "23000 DEBUG " + up, "23000 DEBUG " + down + "8s",
                "31000 DEBUG " + up, "31000 DEBUG " + down + "8s",
                "39000 DEBUG " + up, "39000 DEBUG " + down + "8s",
                "47000 DEBUG " + up, "47000 DEBUG " + down + "8s",
                "55000 DEBUG " + up, "55000 DEBUG " + down + "8s"), logger.lines());
        assertEquals(10, server.connections());
    }

    @Test
    void aNewReasonInAStreakIsLoggedWithTheCount() throws IOException {
        AtomicInteger accepted = new AtomicInteger();
        LineServer server = server((client, in, srv) -> (accepted.incrementAndGet() <= 3 ? LineServer.HANG_UP
                : LineServer.RECORD).serve(client, in, srv));
        ConnectionProvider.Config config = new ConnectionProvider.Config("127.0.0.1", server.port(),
                Backoff.Config.exact(Duration.ofSeconds(1), Duration.ofSeconds(60)), null, null, null,
                Duration.ofMillis(300), null, null, null, null, null, Duration.ofSeconds(30));
        s.spawn("feed", new TcpConnection(config, TaskEnvironment.of("feed", s, logger, new HashMap<>()), () -> 0.0,
                Socket::new));
        s.run(Duration.ofSeconds(8));
        String streak = "WARNING connection 'feed': connected and closed %d times in a row, each time for less than 30s"
                + " (stableAfter) or without data from the server; last: %s; backing off, reconnecting in %s";
        assertEquals(List.of(
                "0 WARNING connection 'feed' down: closed by the server; reconnecting in 1s",
                "1000 " + streak.formatted(2, "closed by the server", "2s"),
                "7000 " + streak.formatted(4, "no data for 300ms (readTimeout)", "8s")),
                logger.atLeast(System.Logger.Level.WARNING));
    }

    @Test
    void aConnectionThatWorksWhileNetDownIsCurrentIsTrustedOverTheReport() throws IOException {
        LineServer server = server(LineServer.HANG_UP);
        s.events().publish("net.down", Map.of("since", T0, "failed", "iface://wlan0", "reason", "no such interface"));
        connection(server.port(), Duration.ofSeconds(1), Duration.ofSeconds(60), null);
        s.run(Duration.ofMillis(3500));
        String up = "connection 'feed' up: connected to 127.0.0.1:" + server.port();
        assertEquals(List.of(
                "0 INFO " + up,
                "0 WARNING connection 'feed' down: closed by the server; reconnecting in 1s",
                "1000 INFO " + up,
                "1000 WARNING connection 'feed': connected and closed 2 times in a row, each time for less than 10s"
                        + " (stableAfter); last: closed by the server; backing off, reconnecting in 2s",
                "3000 DEBUG " + up,
                "3000 DEBUG connection 'feed' down: closed by the server; reconnecting in 4s"), logger.lines());
    }

    @Test
    void netDownWhileConnectedDoesNotSlowTheReconnectingAfterIt() throws IOException {
        AtomicInteger accepted = new AtomicInteger();
        LineServer server = server((client, in, srv) -> (accepted.incrementAndGet() == 1 ? LineServer.hangUpAfter(1)
                : LineServer.HANG_UP).serve(client, in, srv));
        Connection c = connection(server.port(), Duration.ofSeconds(1), Duration.ofSeconds(60), null);
        s.spawn("net", sch -> {
            // Published while the connection is up: the server hangs up only after the line arrives.
            sch.events().await("connection.feed.up");
            sch.events().publish("net.down", Map.of("since", T0, "failed", "dns://x", "reason", "test"));
            c.send("after net.down");
        });
        s.run(Duration.ofMillis(1500));
        assertEquals(List.of("after net.down"), server.lines);
        assertTrue(logger.lines().contains("0 WARNING connection 'feed' down: closed by the server; reconnecting in 1s"),
                String.join("\n", logger.lines()));
        assertTrue(logger.lines().stream().noneMatch(l -> l.contains("network down")), String.join("\n", logger.lines()));
    }

    /**
     * On the real clock: a connection only lasts while virtual time stands still. The server hangs
     * up at once on the first three connections and keeps the fourth for a second, longer than
     * {@code stableAfter}; after it the waits start again at {@code initial}.
     */
    @Test
    void aStableConnectionEndsTheStreakAndStartsTheWaitsAgain() throws Exception {
        s = Scheduler.create();
        logger = new RecordingLogger();
        AtomicInteger accepted = new AtomicInteger();
        LineServer server = server((client, in, srv) -> {
            if (accepted.incrementAndGet() == 4) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            LineServer.HANG_UP.serve(client, in, srv);
        });
        connection(server.port(), Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(200));
        Thread loop = Thread.ofPlatform().name("loop").start(s::runForever);
        try {
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (server.connections() < 6 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
        } finally {
            s.shutdown();
            loop.join(Duration.ofSeconds(10));
        }
        String up = "connection 'feed' up: connected to 127.0.0.1:" + server.port();
        String down = "connection 'feed' down: closed by the server; reconnecting in ";
        assertEquals(List.of(
                "INFO " + up,
                "WARNING " + down + "50ms",
                "INFO " + up,
                "WARNING connection 'feed': connected and closed 2 times in a row, each time for less than 200ms"
                        + " (stableAfter); last: closed by the server; backing off, reconnecting in 100ms",
                "DEBUG " + up,
                "DEBUG " + down + "200ms",
                "DEBUG " + up,
                "INFO connection 'feed': stable again after 3 short connections in a row",
                "WARNING " + down + "50ms",
                "INFO " + up,
                "WARNING " + down + "100ms"), logger.lines().subList(0, 11));
    }
}
