package org.perthensis.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Backoff;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.testing.RecordingLogger;

/** The connection under virtual time, against real sockets on loopback: exact timestamps. */
class ConnectionTest {
    private static final Instant T0 = Scheduler.Builder.VIRTUAL_EPOCH;
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final RecordingLogger logger = new RecordingLogger(s.clock());
    private final List<String> events = new ArrayList<>();
    private final List<LineServer> servers = new ArrayList<>();

    ConnectionTest() {
        s.events().subscribe("connection.*", e -> events.add(s.clock().millis() + " " + e.topic() + " " + e.payload()));
    }

    @AfterEach
    void shutDown() throws Exception {
        s.shutdown();
        try {
            s.run(Duration.ofSeconds(1));
        } catch (IllegalStateException shutDownByTheTest) {
            // the test ran the shutdown itself
        }
        for (LineServer server : servers) {
            server.close();
        }
    }

    private Connection connection(int port, String reconnectInitial, String reconnectMax, Integer queue, String overflow,
            Duration readTimeout) {
        ConnectionProvider.Config config = new ConnectionProvider.Config("127.0.0.1", port,
                new Backoff.Config(Duration.parse(reconnectInitial), Duration.parse(reconnectMax), 0.0),
                null, null, null, readTimeout, null, queue, overflow, null, null, null);
        Connection c = Connection.of(config, TaskEnvironment.of("feed", s, logger, new HashMap<>()));
        s.spawn("feed", c);
        return c;
    }

    private Connection connection(int port) {
        return connection(port, "PT1S", "PT8S", null, null, null);
    }

    /** Starts a server on {@code port} at virtual time {@code at}. */
    private void serveAt(Duration at, int port, LineServer.Handler handler) {
        s.spawn("server", sch -> {
            sch.sleep(at);
            servers.add(LineServer.start(port, handler));
        });
    }

    @Test
    void reconnectWaitsGrowUpToTheMaximumAndAShortConnectionDoesNotStartThemAgain() throws IOException {
        int port = LineServer.closedPort();
        connection(port);
        serveAt(Duration.ofSeconds(20), port, LineServer.HANG_UP);
        s.run(Duration.ofMillis(23_500));
        String cannot = "connection 'feed': cannot connect to 127.0.0.1:" + port + ": Connection refused; retrying in ";
        assertEquals(List.of(
                "0 WARNING " + cannot + "1s",
                "1000 DEBUG " + cannot + "2s",
                "3000 DEBUG " + cannot + "4s",
                "7000 DEBUG " + cannot + "8s",
                "15000 DEBUG " + cannot + "8s",
                "23000 INFO connection 'feed' up: connected to 127.0.0.1:" + port,
                "23000 WARNING connection 'feed' down: closed by the server; reconnecting in 8s"), logger.lines());
        assertEquals(List.of(
                "0 connection.feed.down {reason=Connection refused}",
                "23000 connection.feed.up {host=127.0.0.1, port=" + port + "}",
                "23000 connection.feed.down {reason=closed by the server}"), events);
    }

    @Test
    void aJitteredWaitIsWaitedAndLoggedInWholeMilliseconds() throws IOException {
        int port = LineServer.closedPort();
        ConnectionProvider.Config config = new ConnectionProvider.Config("127.0.0.1", port,
                new Backoff.Config(Duration.ofSeconds(1), null, 0.2), null, null, null, null, null, null, null, null, null, null);
        s.spawn("feed", new TcpConnection(config, TaskEnvironment.of("feed", s, logger, new HashMap<>()),
                () -> 0.123456789, Socket::new)); // takes 24.6913578ms off 1s
        s.run(Duration.ofMillis(976)); // a moment more: run(span) does not wait for a blocking call due at its end
        String cannot = "connection 'feed': cannot connect to 127.0.0.1:" + port + ": Connection refused; retrying in ";
        assertEquals(List.of("0 WARNING " + cannot + "975ms", "975 DEBUG " + cannot + "1.95s"), logger.lines());
    }

    @Test
    void whileTheNetworkIsReportedDownAttemptsGoOnAtTheLongestWaitUntilNetUp() throws IOException {
        int port = LineServer.closedPort();
        Connection c = connection(port);
        s.spawn("net", sch -> {
            sch.sleep(500);
            sch.events().publish("net.down", Map.of("since", T0, "failed", "dns://example.org", "reason", "test"));
            sch.sleep(20_500);
            sch.events().publish("net.up", Map.of("since", T0.plusSeconds(21), "probes", List.of("dns://example.org")));
        });
        s.run(Duration.ofSeconds(20));
        assertEquals(Connection.State.DOWN, c.state());
        s.run(Duration.ofMillis(2500));
        String cannot = "connection 'feed': cannot connect to 127.0.0.1:" + port + ": Connection refused; retrying in ";
        assertEquals(List.of(
                "0 WARNING " + cannot + "1s",
                "1000 INFO connection 'feed': network down (net.down); trying 127.0.0.1:" + port
                        + " every 8s (reconnect.max) until net.up",
                "1000 DEBUG " + cannot + "8s",
                "9000 DEBUG " + cannot + "8s",
                "17000 DEBUG " + cannot + "8s",
                "21000 INFO connection 'feed': network up (net.up); connecting now",
                "21000 DEBUG " + cannot + "1s",
                "22000 DEBUG " + cannot + "2s"), logger.lines());
    }

    @Test
    void netUpDuringAWaitRetriesAtOnce() throws IOException {
        int port = LineServer.closedPort();
        connection(port, "PT10S", "PT60S", null, null, null);
        s.spawn("net", sch -> {
            sch.sleep(3000);
            sch.events().publish("net.up", Map.of("since", T0));
        });
        s.run(Duration.ofSeconds(5));
        String cannot = "connection 'feed': cannot connect to 127.0.0.1:" + port + ": Connection refused; retrying in ";
        assertEquals(List.of(
                "0 WARNING " + cannot + "10s",
                "3000 INFO connection 'feed': network up (net.up); connecting now",
                "3000 DEBUG " + cannot + "10s"), logger.lines());
    }

    @Test
    void aConnectionStartedWhileNetDownIsCurrentTriesAtOnceThenAtTheLongestWait() throws IOException {
        int port = LineServer.closedPort();
        ConnectionProvider.Config config = new ConnectionProvider.Config("127.0.0.1", port,
                new Backoff.Config(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2), null, null, null, null, null,
                null, null, null, null, null);
        s.spawn("net", sch -> {
            sch.events().publish("net.up", Map.of("since", T0));
            sch.events().publish("net.down", Map.of("since", T0.plusMillis(1), "failed", "x", "reason", "test"));
            sch.sleep(2000);
            sch.spawn("feed", new TcpConnection(config, TaskEnvironment.of("feed", s, logger, new HashMap<>()),
                    () -> 0.5, Socket::new)); // 10% off each wait
            sch.sleep(30_000);
            sch.events().publish("net.up", Map.of("since", T0.plusSeconds(32)));
        });
        s.run(Duration.ofMillis(32_500));
        String cannot = "connection 'feed': cannot connect to 127.0.0.1:" + port + ": Connection refused; retrying in ";
        assertEquals(List.of(
                "2000 INFO connection 'feed': network down (net.down); trying 127.0.0.1:" + port
                        + " every 30s (reconnect.max) until net.up",
                "2000 WARNING " + cannot + "27s",
                "29000 DEBUG " + cannot + "27s",
                "32000 INFO connection 'feed': network up (net.up); connecting now",
                "32000 DEBUG " + cannot + "900ms"), logger.lines());
        assertEquals("2000 connection.feed.down {reason=Connection refused}", events.get(0));
    }

    private void sendTenLinesAndDeliverAfterReconnect(String overflow, List<String> expected) throws IOException {
        int port = LineServer.closedPort();
        Connection c = connection(port, "PT1S", "PT8S", 3, overflow, null);
        s.spawn("sender", sch -> {
            for (char ch = 'a'; ch <= 'j'; ch++) {
                c.send(String.valueOf(ch));
            }
        });
        serveAt(Duration.ofSeconds(5), port, LineServer.hangUpAfter(3));
        s.run(Duration.ofSeconds(1));
        assertEquals(7, c.dropped());
        assertEquals(3, c.queued());
        s.run(Duration.ofMillis(6500));
        assertEquals(expected, servers.get(0).lines);
        assertEquals(3, c.sent());
        assertEquals(0, c.queued());
        assertEquals("7000 WARNING connection 'feed': dropped 7 outgoing lines, the queue was full (queue 3, overflow "
                + overflow + "); 7 dropped in all", logger.visible().get(1));
        assertEquals("7000 INFO connection 'feed' up: connected to 127.0.0.1:" + port, logger.visible().get(2));
    }

    @Test
    void dropOldestKeepsTheNewestLinesAndCountsAndLogsTheDrops() throws IOException {
        sendTenLinesAndDeliverAfterReconnect("drop-oldest", List.of("h", "i", "j"));
    }

    @Test
    void dropNewestKeepsTheOldestLinesAndCountsAndLogsTheDrops() throws IOException {
        sendTenLinesAndDeliverAfterReconnect("drop-newest", List.of("a", "b", "c"));
    }

    @Test
    void linesSentBeforeTheTaskFirstRunsAreWrittenOnceItRunsAndTheirDropsReported() throws IOException {
        LineServer server = LineServer.start(0, LineServer.hangUpAfter(3));
        servers.add(server);
        ConnectionProvider.Config config = new ConnectionProvider.Config("127.0.0.1", server.port(), null, null, null,
                null, null, null, 3, null, null, null, null);
        Connection c = Connection.of(config, TaskEnvironment.of("feed", s, logger, new HashMap<>()));
        for (char ch = 'a'; ch <= 'j'; ch++) {
            c.send(String.valueOf(ch));
        }
        assertEquals(List.of(7L, 3), List.of(c.dropped(), c.queued()));
        s.spawn("feed", c);
        s.run(Duration.ofMillis(500));
        assertEquals(List.of("h", "i", "j"), server.lines);
        assertEquals(List.of(
                "0 WARNING connection 'feed': dropped 7 outgoing lines, the queue was full (queue 3, overflow"
                        + " drop-oldest); 7 dropped in all",
                "0 INFO connection 'feed' up: connected to 127.0.0.1:" + server.port()), logger.visible().subList(0, 2));
    }

    @Test
    void dropsBeforeTheTaskFirstRunsAreReportedAtTheEndOfTheirWindow() throws IOException {
        ConnectionProvider.Config config = new ConnectionProvider.Config("127.0.0.1", LineServer.closedPort(), null,
                null, null, null, null, null, 1, null, null, null, null);
        Connection c = Connection.of(config, TaskEnvironment.of("feed", s, logger, new HashMap<>()));
        c.send("a");
        c.send("b");
        c.send("c");
        s.spawn("feed", c);
        s.run(Duration.ofSeconds(11));
        assertEquals(List.of("10000 WARNING connection 'feed': dropped 2 outgoing lines, the queue was full (queue 1,"
                + " overflow drop-oldest); 2 dropped in all"),
                logger.lines().stream().filter(l -> l.contains("dropped")).toList());
    }

    @Test
    void dropsAreLoggedOncePerBurstWithTheCount() throws IOException {
        Connection c = connection(LineServer.closedPort(), "PT1S", "PT8S", 1, null, null);
        s.spawn("sender", sch -> {
            c.send("kept");
            for (int i = 0; i < 5; i++) {
                c.send("x" + i);
                sch.sleep(1000);
            }
            sch.sleep(20_000);
            c.send("y");
        });
        s.run(Duration.ofSeconds(40));
        assertEquals(List.of(
                "10000 WARNING connection 'feed': dropped 5 outgoing lines, the queue was full (queue 1, overflow"
                        + " drop-oldest); 5 dropped in all",
                "35000 WARNING connection 'feed': dropped 1 outgoing line, the queue was full (queue 1, overflow"
                        + " drop-oldest); 6 dropped in all"),
                logger.lines().stream().filter(l -> l.contains("dropped")).toList());
    }

    @Test
    void queuedLinesAreCountedAndLoggedAsLostAtShutdown() throws IOException {
        Connection c = connection(LineServer.closedPort(), "PT1S", "PT8S", null, null, null);
        s.spawn("sender", sch -> {
            for (int i = 0; i < 535; i++) {
                c.send("line " + i);
            }
        });
        s.run(Duration.ofSeconds(2));
        assertEquals(List.of(535, 0L), List.of(c.queued(), c.dropped()));
        s.shutdown();
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of(0, 535L), List.of(c.queued(), c.dropped()));
        assertEquals("2000 WARNING connection 'feed': 535 queued lines lost at shutdown", logger.visible().getLast());
    }

    @Test
    void linesDroppedWhenAFailedWriteIsPutBackInAFullQueueAreLogged() {
        Connection[] feed = new Connection[1];
        OutputStream failsOnTheSecondLine = new OutputStream() {
            private int lines;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (++lines == 2) {
                    for (String line : List.of("d", "e", "f")) {
                        feed[0].send(line); // sent while the write is under way: they fill the queue again
                    }
                    throw new IOException("Broken pipe");
                }
            }
        };
        List<ScriptedSocket> sockets = new ArrayList<>(List.of(ScriptedSocket.writingTo(failsOnTheSecondLine)));
        ConnectionProvider.Config config = new ConnectionProvider.Config("192.0.2.10", 7000,
                Backoff.Config.exact(Duration.ofSeconds(1), Duration.ofSeconds(8)), null, null, null, null, null, 3, null, null, null, null);
        feed[0] = new TcpConnection(config, TaskEnvironment.of("feed", s, logger, new HashMap<>()), () -> 0.0,
                () -> sockets.isEmpty() ? ScriptedSocket.refused() : sockets.removeFirst());
        feed[0].send("a");
        feed[0].send("b");
        feed[0].send("c");
        s.spawn("feed", feed[0]);
        s.run(Duration.ofSeconds(11));
        // "a" went out; "b" and "c", put back in front of "d", "e", "f", are the oldest of five in a queue of three.
        assertEquals(List.of(1L, 2L, 3), List.of(feed[0].sent(), feed[0].dropped(), feed[0].queued()));
        assertEquals(List.of(
                "0 INFO connection 'feed' up: connected to 192.0.2.10:7000",
                "0 WARNING connection 'feed' down: writing failed: Broken pipe; reconnecting in 1s",
                "1000 WARNING connection 'feed': cannot connect to 192.0.2.10:7000: Connection refused; retrying in 2s",
                "10000 WARNING connection 'feed': dropped 2 outgoing lines, the queue was full (queue 3, overflow"
                        + " drop-oldest); 2 dropped in all"), logger.visible());
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersTripsTheReadTimeoutAndIsBackedOffFrom() throws IOException {
        LineServer silent = LineServer.start(0, LineServer.RECORD);
        servers.add(silent);
        connection(silent.port(), "PT1S", "PT8S", null, null, Duration.ofMillis(300));
        s.run(Duration.ofMillis(3500)); // each read waits 300ms of real time, in which virtual time stands still
        String up = "connection 'feed' up: connected to 127.0.0.1:" + silent.port();
        String down = "connection 'feed' down: no data for 300ms (readTimeout); reconnecting in ";
        assertEquals(List.of("0 INFO " + up, "0 WARNING " + down + "1s",
                "1000 INFO " + up, "1000 WARNING connection 'feed': connected and closed 2 times in a row, each time for"
                        + " less than 10s (stableAfter) or without data from the server; last: no data for 300ms"
                        + " (readTimeout); backing off, reconnecting in 2s",
                "3000 DEBUG " + up, "3000 DEBUG " + down + "4s"), logger.lines());
        assertEquals(3, silent.connections());
    }

    @Test
    void garbageAndOverlongLinesAreDroppedWithALogLineAndTheConnectionGoesOn() throws IOException {
        byte[] garbage = new byte[20_000];
        new java.util.Random(42).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = garbage[i] == '\n' ? 0 : garbage[i];
        }
        LineServer sender = LineServer.start(0, (client, in, server) -> {
            OutputStream out = client.getOutputStream();
            out.write(garbage);
            out.write(new byte[] {'\n', (byte) 0xFF, (byte) 0xFE, 'o', 'k', '\n'});
            out.write("after\npart".getBytes(UTF_8));
            LineServer.HANG_UP.serve(client, in, server);
        });
        servers.add(sender);
        Connection c = connection(sender.port());
        List<String> received = new ArrayList<>();
        c.onLine(received::add);
        s.run(Duration.ofMillis(500));
        assertEquals(List.of("\uFFFD\uFFFDok", "after"), received);
        assertEquals(2, c.received());
        assertEquals(1, c.overlong());
        assertEquals(List.of(
                "0 INFO connection 'feed' up: connected to 127.0.0.1:" + sender.port(),
                "0 WARNING connection 'feed': the server closed the connection in the middle of a line; dropped that part line",
                "0 WARNING connection 'feed': dropped 1 incoming line longer than 8192 bytes (maxLineLength);"
                        + " 1 dropped in all",
                "0 WARNING connection 'feed' down: closed by the server; reconnecting in 1s"), logger.visible());
        assertEquals(List.of(
                "0 connection.feed.up {host=127.0.0.1, port=" + sender.port() + "}",
                "0 connection.feed.line {line=\uFFFD\uFFFDok}",
                "0 connection.feed.line {line=after}",
                "0 connection.feed.down {reason=closed by the server}"), events);
    }

    @Test
    void aLineWithALineBreakIsRefused() throws IOException {
        Connection c = connection(LineServer.closedPort());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.send("two\nlines"));
        assertEquals("line: must not contain a line break; send each line on its own", e.getMessage());
        assertEquals(0, c.queued());
    }

    @Test
    void theConnectionTaskIsCreatedByItsProvider() {
        ConnectionProvider provider = new ConnectionProvider();
        assertEquals("connection", provider.type());
        assertEquals(ConnectionProvider.Config.class, provider.configType());
        assertEquals(Connection.State.DOWN, ((Connection) provider.create(ConnectionProvider.Config.of("h", 1),
                TaskEnvironment.of("feed", s, logger, new HashMap<>()))).state());
        assertEquals(List.of("org.perthensis.net.ConnectionProvider", "org.perthensis.net.NetProvider"),
                Arrays.stream(provider.getClass().getModule().getDescriptor().provides().toArray())
                        .map(p -> ((java.lang.module.ModuleDescriptor.Provides) p).providers())
                        .flatMap(List::stream).sorted().toList());
    }
}
