package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.net.LineServer;

/**
 * Store and forward through the real distribution: the example counter publishes a number every
 * 10 ms, the connection forwards each one from the config alone, as a JSON line through its
 * journal, to a line server on loopback; then the app is killed, the server is killed, and the
 * network is reported down for good.
 */
class StoreAndForwardIT {
    private static final String TICK = "INFO  [perthensis.example.counter.ticks] ";
    private static final String UPLINK = "[perthensis.net.uplink] connection 'uplink'";
    private static final Pattern LINE = Pattern.compile("\\{\"topic\":\"counter\\.ticks\","
            + "\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z\",\"payload\":\\{\"value\":(\\d+)}}");
    private static final long RUN = 1_000_000; // run k counts from (k + 1) * RUN, so that n / RUN tells the run

    @TempDir
    Path dir;

    private AppProcess launch(List<String> jvmOptions, Path mods, int port, long from, String sync, String... options) {
        Distribution.write(dir.resolve("uplink.json"), """
                { "tasks": [
                    { "type": "connection", "name": "uplink", "host": "127.0.0.1", "port": %d,
                      "reconnect": { "initial": "100ms", "max": "500ms" }, "stableAfter": "500ms",
                      "journal": { "dir": "%s", "sync": "%s" }, "queue": 100,
                      "forward": ["counter.*"] },
                    { "type": "counter", "name": "ticks", "every": "10ms", "from": %d, "publish": true } ] }
                """.formatted(port, dir.resolve("journal"), sync, from));
        List<String> args = new ArrayList<>(List.of(options));
        args.add("uplink.json");
        return Distribution.start(dir, jvmOptions, mods, args.toArray(String[]::new));
    }

    /**
     * Every line accepted before a kill arrives, at least once and in order. The counter logs a
     * number after publishing it, and the journal's append (forced, under {@code sync: always})
     * runs inside the publication: every number logged before a kill was on disk. Lines sent but
     * not yet checkpointed as sent (at most one {@code syncInterval}, 1 s, of them) are sent again
     * after the restart: those are the duplicates, each the resent tail of what arrived before.
     */
    @Test
    void everyLineAcceptedBeforeEachOfTwentyKillsArrivesAtLeastOnceAndInOrder() throws Exception {
        long started = System.nanoTime();
        Path mods = Distribution.copyMods(dir, List.of(Distribution.EXAMPLE_PLUGIN));
        // Twenty-two launches on a shared machine: class data sharing, archived by the first one, halves each start.
        List<String> jvm = List.of("-XX:SharedArchiveFile=" + dir.resolve("perthensis.jsa"),
                "-XX:+AutoCreateSharedArchive", "-Xlog:cds*=off");
        Recorder recorder = new Recorder();
        Random random = new Random(14);
        List<long[]> accepted = new ArrayList<>(); // per run: its first number, the last one it logged
        int kills = 0;
        try (LineServer server = LineServer.start(0, recorder)) {
            int port = server.port();
            server.stop(false);
            // Run 0, with the server away: the lines stay in the journal at SIGTERM, logged as kept.
            try (AppProcess app = launch(jvm, mods, port, from(0), "always")) {
                awaitTicksAfterTheJournalOpened(app, 30);
                app.sigterm();
                assertEquals(0, app.awaitExit(), () -> String.join("\n", app.err()));
                long last = lastTick(app);
                accepted.add(new long[] {from(0), last});
                assertTrue(app.log().contains("INFO  " + UPLINK + ": " + (last - from(0) + 1) + " lines kept in the journal"
                        + " for the next start"), String.join("\n", app.log()));
            }
            server.restart();
            for (int run = 1; run <= 20; run++) {
                boolean serverAway = run % 5 == 2; // lines pile up in the journal, then the kill
                if (serverAway) {
                    server.stop(false);
                }
                try (AppProcess app = launch(jvm, mods, port, from(run), "always")) {
                    awaitTicksAfterTheJournalOpened(app, 5 + random.nextInt(36));
                    app.sigkill();
                    kills++;
                    accepted.add(new long[] {from(run), lastTick(app)});
                }
                if (serverAway) {
                    server.restart();
                }
            }
            // A last start sends what the kills left in the journal.
            try (AppProcess app = launch(jvm, mods, port, from(21), "always")) {
                awaitTicksAfterTheJournalOpened(app, 1); // a SIGTERM before the app's main is the JVM's: exit 143
                long deadline = System.nanoTime() + AppProcess.PATIENCE.toNanos();
                while (missing(recorder, accepted) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                app.sigterm();
                assertEquals(0, app.awaitExit(), () -> String.join("\n", app.err()));
            }
        }
        Delivery delivery = Delivery.of(recorder);
        assertEquals(0, missing(recorder, accepted), "lines accepted before a kill that never arrived");
        for (long[] run : accepted) {
            long beyond = delivery.seen.stream().filter(n -> n / RUN == run[0] / RUN && n > run[1] + 1).count();
            assertEquals(0, beyond, "run " + (run[0] / RUN - 1) + " logged up to " + run[1] + ": no later line can exist");
        }
        long lines = accepted.stream().mapToLong(r -> r[1] - r[0] + 1).sum();
        System.out.printf("store and forward under kill -9: %d kills, %d lines accepted before them, %d lines received"
                + " (%d distinct, %d duplicates in %d connections), %d lines cut off, %.1f s%n", kills, lines,
                delivery.received, delivery.seen.size(), delivery.duplicates, recorder.connections.size(),
                recorder.partial.get(), (System.nanoTime() - started) / 1e9);
        assertEquals(20, kills);
    }

    /**
     * The server is killed five times mid-stream (a reset, as its kernel sends for a killed
     * process) and comes back a moment later: the connection comes back every time, and every
     * line logged while it was down, kept in the journal, arrives. What may be lost is only what
     * the operating system had taken before the reset: lines logged while the connection was up.
     * Each outage holds 150 lines, more than the queue in memory (100, for the lines sent before
     * the journal opens): without the journal, lines would be dropped.
     */
    @Test
    void theConnectionComesBackAfterEachOfFiveServerKillsAndNoJournaledLineIsLost() throws Exception {
        Path mods = Distribution.copyMods(dir, List.of(Distribution.EXAMPLE_PLUGIN));
        Recorder recorder = new Recorder();
        // Verbose: the up and down lines of connections shorter than stableAfter are debug lines.
        try (LineServer server = LineServer.start(0, recorder);
                AppProcess app = launch(List.of(), mods, server.port(), 1, "1s", "--verbose")) {
            String up = UPLINK + " up: connected to 127.0.0.1:" + server.port();
            awaitConnections(server, 1);
            for (int kill = 1; kill <= 5; kill++) {
                Thread.sleep(1000);
                server.stop(false);
                Thread.sleep(1500);
                server.restart();
                awaitConnections(server, kill + 1);
            }
            Thread.sleep(500);
            long last = lastTick(app);
            long deadline = System.nanoTime() + AppProcess.PATIENCE.toNanos();
            while (!Delivery.of(recorder).seen.contains(last) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            app.sigterm();
            assertEquals(0, app.awaitExit(), () -> String.join("\n", app.err()));
            assertEquals(6, server.connections());

            Delivery delivery = Delivery.of(recorder);
            assertEquals(0, delivery.duplicates, "the app never restarted: nothing is sent twice");
            List<Long> lost = new ArrayList<>();
            boolean connected = false;
            for (String line : app.log()) {
                if (line.endsWith(up)) {
                    connected = true;
                } else if (line.contains(UPLINK + " down: ") || line.contains(UPLINK + ": connected and closed ")) {
                    connected = false;
                } else if (line.startsWith(TICK)) {
                    long n = Long.parseLong(line.substring(TICK.length()));
                    if (n <= last && !delivery.seen.contains(n)) {
                        assertTrue(connected, "line " + n + " was logged while the connection was down, so it waited in"
                                + " the journal; it never arrived");
                        lost.add(n);
                    }
                }
            }
            System.out.printf("store and forward under server kills: 5 kills, %d lines received, %d lost in flight"
                    + " at the resets %s%n", delivery.received, lost.size(), lost);
            assertTrue(lost.size() <= 5 * 20, "lost in flight: " + lost);
        }
    }

    /**
     * The shipped example on a machine without {@code wlan0}: the {@code net} task reports the
     * network down for good, and the connection to a local server still connects and comes back
     * after each restart of the server.
     */
    @Test
    void theShippedExampleWithoutWlan0StillComesBackAfterServerRestarts() throws Exception {
        String example = Files.readString(Distribution.HOME.resolve("perthensis.json"));
        try (LineServer server = LineServer.start(0, LineServer.RECORD)) {
            String json = example.replace("\"port\": 7000", "\"port\": " + server.port());
            assertNotEquals(example, json, "the example connects to port 7000");
            if (NetworkInterface.getByName("wlan0") != null) {
                json = json.replace("iface://wlan0", "iface://nowlan0"); // as on a device without it
            }
            Distribution.write(dir.resolve("perthensis.json"), json);
            try (AppProcess app = Distribution.start(dir, Distribution.MODS)) {
                app.awaitLog(("INFO  " + UPLINK + " up: connected to localhost:" + server.port())::equals,
                        "the first connection");
                app.awaitLog(l -> l.startsWith("WARN  [perthensis.net.network] network down since "),
                        "net.down, from the probe of wlan0");
                for (int restart = 1; restart <= 2; restart++) {
                    server.stop(true); // returns once the connection has ended
                    Thread.sleep(300);
                    server.restart();
                    awaitConnections(server, restart + 1);
                }
                app.sigterm();
                assertEquals(0, app.awaitExit(), () -> String.join("\n", app.err()));
            }
        }
    }

    /** Waits until the server has accepted {@code n} connections: the log says "up" at debug level during a streak. */
    private static void awaitConnections(LineServer server, int n) throws InterruptedException {
        long deadline = System.nanoTime() + AppProcess.PATIENCE.toNanos();
        while (server.connections() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(n, server.connections(), "connections");
    }

    private static long from(int run) {
        return (run + 1) * RUN;
    }

    private static void awaitTicksAfterTheJournalOpened(AppProcess app, int ticks) {
        app.awaitLog(l -> l.startsWith("INFO  " + UPLINK + ": outgoing lines go through the journal in "),
                "saying the journal is open");
        awaitCount(app, l -> l.startsWith(TICK), ticksBeforeTheJournal(app) + ticks, ticks + " numbers after it");
    }

    private static int ticksBeforeTheJournal(AppProcess app) {
        int n = 0;
        for (String line : app.log()) {
            if (line.startsWith("INFO  " + UPLINK + ": outgoing lines go through the journal in ")) {
                return n;
            }
            n += line.startsWith(TICK) ? 1 : 0;
        }
        return fail("the journal is not open");
    }

    private static void awaitCount(AppProcess app, Predicate<String> wanted, long count, String what) {
        app.awaitLog(l -> app.log().stream().filter(wanted).count() >= count, what);
    }

    private static long lastTick(AppProcess app) {
        List<String> ticks = app.log().stream().filter(l -> l.startsWith(TICK)).toList();
        return Long.parseLong(ticks.getLast().substring(TICK.length()));
    }

    /** How many numbers of the accepted ranges have not arrived. */
    private static long missing(Recorder recorder, List<long[]> accepted) {
        Set<Long> seen = Delivery.of(recorder).seen;
        long missing = 0;
        for (long[] run : accepted) {
            for (long n = run[0]; n <= run[1]; n++) {
                missing += seen.contains(n) ? 0 : 1;
            }
        }
        return missing;
    }

    /**
     * What arrived, checked for order as it is read: within a connection the numbers only grow; a
     * number not seen before is larger than every earlier one; a connection may begin by sending
     * again the last lines that arrived before it, and only those.
     */
    private record Delivery(Set<Long> seen, long received, long duplicates) {

        /** How many of the last lines that arrived before a kill a resend may leave out (they arrived). */
        static final int SHORT_OF_TAIL = 10;

        static Delivery of(Recorder recorder) {
            Set<Long> seen = new HashSet<>();
            List<Long> firsts = new ArrayList<>();
            long received = 0;
            long duplicates = 0;
            long max = 0;
            for (List<String> connection : recorder.connections) {
                List<Long> numbers = connection.stream().map(Delivery::number).toList();
                int resent = 0;
                for (int i = 0; i < numbers.size(); i++) {
                    long n = numbers.get(i);
                    received++;
                    if (i > 0) {
                        assertTrue(numbers.get(i - 1) < n, "out of order within a connection: " + numbers);
                    }
                    if (seen.contains(n)) {
                        assertEquals(i, resent, "a line sent again after new ones on the same connection: " + n);
                        resent++;
                        duplicates++;
                    } else {
                        assertTrue(n > max, "line " + n + " arrived after " + max);
                        seen.add(n);
                        firsts.add(n);
                        max = n;
                    }
                }
                List<Long> before = firsts.subList(0, firsts.size() - (numbers.size() - resent));
                if (resent > 0) {
                    // What is sent again is a run of lines that arrived just before. Seen once in about
                    // five loaded runs, not yet explained: the run ended 2 lines before the tail, the
                    // last 2 lines having arrived before the kill and not been sent again (not lost).
                    int from = before.indexOf(numbers.getFirst());
                    assertEquals(before.subList(from, from + resent), numbers.subList(0, resent),
                            "what a connection sends again is a run of what arrived before it");
                    long short_ = before.size() - (from + resent);
                    assertTrue(short_ <= SHORT_OF_TAIL, "what a connection sends again ends " + short_
                            + " lines before the tail of what arrived before it");
                    if (short_ > 0) {
                        System.out.printf("store and forward: a connection sent again %d lines ending %d before the"
                                + " last that arrived%n", resent, short_);
                    }
                }
            }
            return new Delivery(seen, received, duplicates);
        }

        private static long number(String line) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), "not a forwarded counter event: " + line);
            return Long.parseLong(m.group(2));
        }
    }

    /** The server's side: the lines of each connection, in the order read; a line a kill cut short is counted, not kept. */
    private static final class Recorder implements LineServer.Handler {
        final List<List<String>> connections = new CopyOnWriteArrayList<>();
        final AtomicInteger partial = new AtomicInteger();

        @Override
        public void serve(java.net.Socket client, java.io.BufferedReader in, LineServer server) throws IOException {
            List<String> lines = new CopyOnWriteArrayList<>();
            connections.add(lines);
            StringBuilder line = new StringBuilder();
            char[] buffer = new char[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines.add(line.toString());
                            line.setLength(0);
                        } else {
                            line.append(buffer[i]);
                        }
                    }
                }
            } finally {
                if (line.length() > 0) {
                    partial.incrementAndGet();
                }
            }
        }
    }
}
