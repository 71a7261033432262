package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.api.Durations;
import org.perthensis.ntp.Chronyd;

/**
 * Every task type working from a JSON file through the real distribution, launched as users
 * launch it, with real components on loopback: simulated pins, a sysfs LED folder, a line
 * server, and Debian's chronyd.
 */
class FeaturesIT {

    @TempDir
    Path dir;

    private AppProcess launch(String json) {
        Distribution.write(dir.resolve("perthensis.json"), json);
        return Distribution.start(dir, Distribution.MODS, "perthensis.json");
    }

    private static String stopAndAwaitExitZero(AppProcess app) {
        app.sigterm();
        assertEquals(0, app.awaitExit(Duration.ofSeconds(5)), () -> String.join("\n", app.err()));
        return String.join("\n", app.log());
    }

    @Test
    void heartbeatBlinksOnASimulatedPinAndIsLeftOffAtShutdown() {
        try (AppProcess app = launch("""
                { "gpio": { "provider": "mock" },
                  "tasks": [ { "type": "heartbeat", "name": "status", "pin": 17, "resetHold": "0s", "pattern": [100, 100] } ] }
                """)) {
            app.awaitLog(l -> l.equals("INFO  [perthensis.heartbeat.status] heartbeat 'status' started on gpio 17:"
                    + " pattern [100, 100] ms"), "saying the heartbeat started");
            app.awaitLog(l -> l.contains("gpio: using Pi4J plugin mock"), "naming the GPIO plugin");
            String log = stopAndAwaitExitZero(app);
            assertTrue(log.contains("INFO  [perthensis.heartbeat.status] heartbeat 'status' stopped, gpio 17 left LOW"), log);
            assertTrue(log.contains("INFO  [app] gpio 17 (heartbeat-status) left LOW (off)"), log);
        }
    }

    @Test
    void heartbeatDrivesALinuxLedAndGivesItsTriggerBack() throws IOException {
        Path act = Files.createDirectories(dir.resolve("leds/ACT"));
        Files.writeString(act.resolve("trigger"), "none [heartbeat] timer mmc0\n");
        Files.writeString(act.resolve("brightness"), "0\n");
        Files.writeString(act.resolve("max_brightness"), "255\n");
        try (AppProcess app = launch("""
                { "tasks": [ { "type": "heartbeat", "name": "act", "led": "ACT", "ledBase": "%s", "resetHold": "5s" } ] }
                """.formatted(dir.resolve("leds")))) {
            app.awaitLog(l -> l.startsWith("INFO  [perthensis.heartbeat.act] heartbeat 'act' started on led ACT,"
                    + " trigger heartbeat set to none"), "saying the LED was taken over");
            assertEquals("none", Files.readString(act.resolve("trigger")).strip(), "the kernel's trigger is off");
            // The start line comes just before the first write: give the write a moment, on a loaded machine too.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Files.readString(act.resolve("brightness")).strip().equals("255") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals("255", Files.readString(act.resolve("brightness")).strip(), "on during the reset hold");
            String log = stopAndAwaitExitZero(app);
            assertTrue(log.contains("heartbeat 'act' stopped, led ACT back on trigger heartbeat"), log);
        }
        assertEquals("heartbeat", Files.readString(act.resolve("trigger")).strip());
        assertEquals("0", Files.readString(act.resolve("brightness")).strip(), "left off");
    }

    @Test
    void debounceAndRotaryWatchTheirPinsAndReportTheSettledLevel() {
        try (AppProcess app = launch("""
                { "gpio": { "provider": "mock" },
                  "tasks": [
                    { "type": "debounce", "name": "door", "pin": 12, "pull": "down", "settle": "1s" },
                    { "type": "debounce", "name": "button", "pin": 16, "pull": "up", "invert": true },
                    { "type": "rotary", "name": "volume", "clk": 4, "dt": 5, "min": 0, "max": 100, "step": 5, "initial": 50 }
                  ] }
                """)) {
            app.awaitLog(l -> l.equals("INFO  [perthensis.debounce.door] debounce 'door': watching pin 12"
                    + " (pull down, settle 1s)"), "the door's start line");
            app.awaitLog(l -> l.equals("INFO  [perthensis.debounce.volume] rotary 'volume': watching clk 4 and dt 5"
                    + " (pull up, mode stable), value 50 in 0..100"), "the knob's start line");
            // The mock starts every input low: the inverted button reads as pressed, the door as closed.
            app.awaitLog(l -> l.equals("INFO  [perthensis.debounce.button] debounce 'button': pin 16 is low (pressed)"
                    + " at start"), "the button's settled level");
            app.awaitLog(l -> l.equals("INFO  [perthensis.debounce.door] debounce 'door': pin 12 is low (released)"
                    + " at start"), "the door's level, a second later");
            stopAndAwaitExitZero(app);
        }
    }

    @Test
    void checkFindsAnInputUsedByTwoTasks() {
        Distribution.write(dir.resolve("clash.json"), """
                { "tasks": [
                    { "type": "debounce", "name": "window", "pin": 13 },
                    { "type": "rotary", "name": "knob", "clk": 13, "dt": 14 } ] }
                """);
        try (AppProcess app = Distribution.start(dir, Distribution.MODS, "--check", "clash.json")) {
            assertEquals(2, app.awaitExit());
            assertEquals(List.of("clash.json:3:41: $.tasks[1].clk: GPIO 13 is already used by task 'window';"
                    + " each input can be read by one task", "1 error in clash.json."), app.err());
        }
    }

    @Test
    void checkFindsAnOutputOnAPinAnInputUses() {
        Distribution.write(dir.resolve("clash.json"), """
                { "tasks": [
                    { "type": "debounce", "name": "door", "pin": 12 },
                    { "type": "heartbeat", "name": "status", "pin": 12 } ] }
                """);
        try (AppProcess app = Distribution.start(dir, Distribution.MODS, "--check", "clash.json")) {
            assertEquals(2, app.awaitExit());
            assertEquals(List.of("clash.json:3:46: $.tasks[1].pin: GPIO 12 is already used by task 'door';"
                    + " give the heartbeat a pin of its own", "1 error in clash.json."), app.err());
        }
    }

    @Test
    void ntpSyncsWithChronydOnLoopback() throws Exception {
        try (Chronyd chronyd = Chronyd.startIn(dir);
                AppProcess app = launch("""
                        { "tasks": [ { "type": "ntp", "name": "clock", "servers": ["%s"], "samples": 2, "timeout": "1s" } ] }
                        """.formatted(chronyd.address()))) {
            app.awaitLog(l -> l.equals("INFO  [perthensis.ntp.clock] syncing with " + chronyd.address()
                    + " every 30min until it has the time, then every 6h"), "saying where it syncs");
            String synced = app.awaitLog(l -> l.startsWith("INFO  [perthensis.ntp.clock] synced with "
                    + chronyd.address() + " (stratum 8): offset "), "proving a sync");
            Matcher measured = Pattern.compile(".*: offset [+-](\\S+), delay (\\S+); next sync in 6h").matcher(synced);
            assertTrue(measured.matches(), synced);
            // Offset and delay are in the config's duration notation; chronyd serves this machine's own clock.
            assertTrue(Durations.parse(measured.group(1)).compareTo(Duration.ofMillis(5)) < 0, synced);
            Durations.parse(measured.group(2));
            stopAndAwaitExitZero(app);
        }
    }

    /**
     * The modules cooperate through events only: the connectivity watch publishes net.down and
     * net.up, the heartbeat switches to its alert pattern and back, and a kept-alive connection
     * comes back when its server does.
     */
    @Test
    void netConnectionAndHeartbeatFollowALoopbackServerThatGoesAwayAndReturns() throws Exception {
        try (LineServer server = new LineServer()) {
            int port = server.port();
            try (AppProcess app = launch("""
                    { "gpio": { "provider": "mock" },
                      "tasks": [
                        { "type": "net", "name": "network", "every": "1s", "probes": ["tcp://127.0.0.1:%1$d"], "downAfter": 2 },
                        { "type": "connection", "name": "feed", "host": "127.0.0.1", "port": %1$d,
                          "reconnect": { "initial": "200ms", "max": "1s" }, "keepAlive": "300ms", "ping": "PING" },
                        { "type": "heartbeat", "name": "status", "pin": 17, "resetHold": "0s", "pattern": [100, 100],
                          "alerts": [ { "on": "net.down", "until": "net.up", "pattern": [50, 50] } ] }
                      ] }
                    """.formatted(port))) {
                String up = "INFO  [perthensis.net.network] network up: tcp://127.0.0.1:" + port + " passes";
                String connected = "INFO  [perthensis.net.feed] connection 'feed' up: connected to 127.0.0.1:" + port;
                app.awaitLog(up::equals, "saying the network is up");
                app.awaitLog(connected::equals, "saying the connection is up");
                server.awaitLine("PING");

                server.stop();
                app.awaitLog(l -> l.startsWith("WARN  [perthensis.net.network] network down since ")
                        && l.endsWith(": tcp://127.0.0.1:" + port + " failed: Connection refused"), "saying it is down");
                app.awaitLog(l -> l.equals("INFO  [perthensis.heartbeat.status] heartbeat 'status' shows alert net.down"
                        + " (until net.up): pattern [50, 50] ms"), "the heartbeat's alert");

                server.start();
                app.awaitLog(l -> l.equals("INFO  [perthensis.heartbeat.status] heartbeat 'status' back to its pattern"
                        + " [100, 100] ms"), "the heartbeat back to normal on net.up");
                app.awaitLog(l -> app.log().stream().filter(connected::equals).count() == 2, "a second connection");
                stopAndAwaitExitZero(app);
                assertEquals(2, app.log().stream().filter(up::equals).count());
            }
        }
    }

    /** A line server on a fixed loopback port that can go away and come back; it answers PING with PONG. */
    private static final class LineServer implements AutoCloseable {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final List<Socket> clients = new CopyOnWriteArrayList<>();
        private final int port;
        private volatile ServerSocket socket;

        LineServer() throws IOException {
            port = open(0);
        }

        int port() {
            return port;
        }

        void start() throws IOException {
            open(port);
        }

        private int open(int wanted) throws IOException {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted));
            socket = s;
            Thread.ofPlatform().daemon().start(() -> accept(s));
            return s.getLocalPort();
        }

        private void accept(ServerSocket s) {
            while (!s.isClosed()) {
                try {
                    Socket client = s.accept();
                    clients.add(client);
                    Thread.ofPlatform().daemon().start(() -> serve(client));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket client) {
            try (client;
                    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                    if (line.equals("PING")) {
                        out.println("PONG");
                    }
                }
            } catch (IOException gone) {
                // the probe's connections close at once; stop() closes the others
            }
        }

        void awaitLine(String wanted) throws InterruptedException {
            long deadline = System.nanoTime() + AppProcess.PATIENCE.toNanos();
            while (!lines.contains(wanted)) {
                assertTrue(System.nanoTime() < deadline, "the server never received " + wanted + "; got " + lines);
                Thread.sleep(20);
            }
        }

        void stop() {
            try {
                socket.close();
                for (Socket client : clients) {
                    client.close();
                }
                clients.clear();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            stop();
        }
    }
}
