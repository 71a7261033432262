package org.perthensis.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.api.Backoff;
import org.perthensis.api.FieldException;
import org.perthensis.api.JournalConfig;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskHandle;
import org.perthensis.journal.Entry;
import org.perthensis.journal.Journal;
import org.perthensis.journal.JournalOptions;
import org.perthensis.testing.RecordingLogger;

/** The connection's journal, with real files: lines survive a restart, leave only once written, and losses are counted. */
// A server waiting for a line that never comes stops virtual time: fail then, instead of hanging.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionJournalTest {
    @TempDir
    Path tmp;

    private final List<Scheduler> schedulers = new ArrayList<>();
    private final List<LineServer> servers = new ArrayList<>();

    @AfterEach
    void shutDown() throws Exception {
        for (Scheduler s : schedulers) {
            s.shutdown();
            try {
                s.run(Duration.ofSeconds(1)); // the tasks' finally blocks close their journals
            } catch (IllegalStateException stoppedByTheTest) {
                // nothing left to run
            }
        }
        for (LineServer server : servers) {
            server.close();
        }
    }

    private Scheduler scheduler() {
        Scheduler s = Scheduler.builder().virtualTime().build();
        schedulers.add(s);
        return s;
    }

    private static ConnectionProvider.Config config(int port, JournalConfig journal) {
        return new ConnectionProvider.Config("127.0.0.1", port, Backoff.Config.exact(Duration.ofSeconds(1),
                Duration.ofSeconds(8)), null, null, null, null, null, null, null, journal, null, null);
    }

    /** Runs the shutdown of a task, as the runtime does on SIGTERM. */
    private static void stop(Scheduler s) {
        s.shutdown();
        s.run(Duration.ofSeconds(1));
    }

    /** The first connection gets {@code first}, later ones are hung up on at once. */
    private static LineServer.Handler firstThen(LineServer.Handler first) {
        AtomicInteger accepted = new AtomicInteger();
        return (client, in, srv) -> (accepted.incrementAndGet() == 1 ? first : LineServer.HANG_UP).serve(client, in, srv);
    }

    @Test
    void linesSurviveARestartOfTheTaskAndAreSentFirstInOrder() throws IOException {
        Path dir = tmp.resolve("uplink");
        Scheduler first = scheduler();
        RecordingLogger firstLog = new RecordingLogger(first.clock());
        Connection before = Connection.of(config(LineServer.closedPort(), JournalConfig.in(dir.toString())),
                TaskEnvironment.of("feed", first, firstLog, new HashMap<>()));
        first.spawn("feed", before);
        first.spawn("sender", sch -> {
            sch.sleep(500);
            for (String line : List.of("a", "b", "c", "d", "e")) {
                before.send(line);
            }
        });
        first.run(Duration.ofSeconds(2));
        assertEquals(5, before.queued());
        stop(first);
        assertEquals(List.of(
                "0 INFO connection 'feed': outgoing lines go through the journal in " + dir + " (sync 1s)",
                "2000 INFO connection 'feed': 5 lines kept in the journal for the next start"),
                firstLog.at(System.Logger.Level.INFO));
        assertEquals(List.of(0, 0L), List.of(before.queued(), before.dropped()));

        LineServer server = LineServer.start(0, firstThen(LineServer.hangUpAfter(7)));
        servers.add(server);
        Scheduler second = scheduler();
        RecordingLogger secondLog = new RecordingLogger(second.clock());
        Connection after = Connection.of(config(server.port(), JournalConfig.in(dir.toString())),
                TaskEnvironment.of("feed", second, secondLog, new HashMap<>()));
        after.send("f"); // before the task runs: in memory, then into the journal behind what it kept
        after.send("g");
        second.spawn("feed", after);
        second.run(Duration.ofMillis(500));
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g"), server.lines);
        assertEquals(List.of(7L, 0), List.of(after.sent(), after.queued()));
        assertEquals("0 INFO connection 'feed': outgoing lines go through the journal in " + dir
                + " (sync 1s); 5 lines kept from before go first", secondLog.lines().getFirst());
    }

    @Test
    void aLineLeavesTheJournalOnlyOnceTheOperatingSystemTookAllItsBytes() throws IOException {
        Path dir = tmp.resolve("uplink");
        OutputStream failsOnTheSecondLine = new OutputStream() {
            private int lines;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (++lines == 2) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        List<ScriptedSocket> sockets = new ArrayList<>(List.of(ScriptedSocket.writingTo(failsOnTheSecondLine)));
        Scheduler s = scheduler();
        RecordingLogger log = new RecordingLogger(s.clock());
        TcpConnection c = new TcpConnection(config(7000, JournalConfig.in(dir.toString())),
                TaskEnvironment.of("feed", s, log, new HashMap<>()), () -> 0.0,
                () -> sockets.isEmpty() ? ScriptedSocket.refused() : sockets.removeFirst());
        c.send("a");
        c.send("b");
        c.send("c");
        s.spawn("feed", c);
        s.run(Duration.ofSeconds(2));
        assertEquals(List.of(1L, 2, 0L), List.of(c.sent(), c.queued(), c.dropped()));
        stop(s);
        assertEquals("2000 INFO connection 'feed': 2 lines kept in the journal for the next start", log.visible().getLast());
        try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
            assertEquals(List.of("b", "c"), journal.read(10).stream().map(e -> new String(e.payload(), UTF_8)).toList());
        }
    }

    private void fillASmallJournal(String overflow, String logged) throws IOException {
        Path dir = tmp.resolve("uplink");
        Scheduler s = scheduler();
        RecordingLogger log = new RecordingLogger(s.clock());
        Connection c = Connection.of(config(LineServer.closedPort(), new JournalConfig(dir.toString(), "2MB", "never",
                overflow, null)), TaskEnvironment.of("feed", s, log, new HashMap<>()));
        s.spawn("feed", c);
        String line = "x".repeat(1000);
        int offered = 2500;
        s.spawn("sender", sch -> {
            sch.sleep(100); // once the journal is open; before, lines wait in the queue in memory
            for (int i = 0; i < offered; i++) {
                c.send(line);
            }
        });
        s.run(Duration.ofSeconds(1));
        long lost = c.dropped();
        long kept = c.queued();
        assertEquals(offered, lost + kept, "every line offered is kept or counted as lost");
        assertEquals(true, lost > 400 && kept > 1000, lost + " lost, " + kept + " kept");
        stop(s);
        // The journal's own line, one for the burst (its window of 10 seconds ends at close), through the task's logger.
        assertEquals(List.of(
                "1000 WARNING connection 'feed': journal " + dir + ": " + logged.replace("N", Long.toString(lost)),
                "1000 INFO connection 'feed': " + kept + " lines kept in the journal for the next start"),
                log.visible().subList(log.visible().size() - 2, log.visible().size()));
    }

    @Test
    void aFullJournalRejectingTheNewestCountsAndLogsEveryLineItRefused() throws IOException {
        fillASmallJournal("reject-newest", "rejected N records, the journal was full (maxBytes 2 MiB, overflow"
                + " reject-newest); N rejected in all");
    }

    @Test
    void aFullJournalDroppingTheOldestCountsAndLogsEveryLineItDropped() throws IOException {
        fillASmallJournal("drop-oldest", "dropped N unacknowledged records, the journal was full (maxBytes 2 MiB,"
                + " overflow drop-oldest); N dropped in all");
    }

    @Test
    void aDirectoryThatIsNotAJournalFailsTheTaskWithTheReason() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("uplink"));
        Files.writeString(dir.resolve("00000000000000000001.jnl"), "hello, not a journal");
        Scheduler s = scheduler();
        Connection c = Connection.of(config(LineServer.closedPort(), JournalConfig.in(dir.toString())),
                TaskEnvironment.of("feed", s, new RecordingLogger(), new HashMap<>()));
        c.send("kept in memory");
        TaskHandle task = s.spawn("feed", c);
        s.run(Duration.ofSeconds(1));
        assertEquals("connection 'feed': cannot open the journal " + dir + ": " + dir.resolve("00000000000000000001.jnl")
                + ": not a journal segment: it starts with 68 65 6c 6c, a segment starts with 50 4a 4e 4c (PJNL); is this"
                + " the journal's directory?", task.failure().orElseThrow().getMessage());
        assertEquals(List.of(1, 0L), List.of(c.queued(), c.dropped()));
    }

    @Test
    void twoTasksCannotShareAJournal() {
        Scheduler s = scheduler();
        Map<Class<?>, Object> services = new HashMap<>();
        ConnectionProvider provider = new ConnectionProvider();
        ConnectionProvider.Config config = config(7000, JournalConfig.in(tmp.resolve("uplink").toString()));
        provider.create(config, TaskEnvironment.of("feed", s, new RecordingLogger(), services));
        FieldException e = assertThrows(FieldException.class,
                () -> provider.create(config, TaskEnvironment.of("backup", s, new RecordingLogger(), services)));
        assertEquals("journal.dir: the journal " + tmp.resolve("uplink") + " is already used by task 'feed'; give each"
                + " task a directory of its own", e.getMessage());
    }

    @Test
    void theNumbersAreOfferedAsMetrics() throws IOException {
        LineServer server = LineServer.start(0, firstThen(LineServer.hangUpAfter(3)));
        servers.add(server);
        Scheduler s = scheduler();
        Metrics metrics = Metrics.create();
        Map<Class<?>, Object> services = new HashMap<>(Map.of(Metrics.class, metrics));
        Connection c = Connection.of(config(server.port(), JournalConfig.in(tmp.resolve("uplink").toString())),
                TaskEnvironment.of("feed", s, new RecordingLogger(), services));
        for (String line : List.of("a", "b", "c")) {
            c.send(line);
        }
        s.spawn("feed", c);
        s.run(Duration.ofMillis(1500));
        Map<String, Double> values = new HashMap<>();
        for (Metrics.Sample sample : metrics.collect().stream()
                .filter(m -> m.name().startsWith("perthensis_connection_")).toList()) {
            values.put(sample.name() + (sample.labels().containsKey("state") ? "{" + sample.labels().get("state") + "}" : ""),
                    sample.value());
        }
        assertEquals(Map.of(
                "perthensis_connection_lines_sent_total", 3.0,
                "perthensis_connection_lines_received_total", 0.0,
                "perthensis_connection_lines_dropped_total", 0.0,
                "perthensis_connection_lines_overlong_total", 0.0,
                "perthensis_connection_queued_lines", 0.0,
                "perthensis_connection_reconnects_total", 2.0,
                "perthensis_connection_state{connecting}", 0.0,
                "perthensis_connection_state{up}", 0.0,
                "perthensis_connection_state{down}", 1.0), values);
    }
}
