package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.mqtt.Delivery;
import org.perthensis.mqtt.Mosquitto;
import org.perthensis.mqtt.Subscriber;

/**
 * Broker faults and app crashes with the real distribution, events flowing at 100/s from the
 * example counter ({@code "publish": true}), QoS 1 and a journal: the subscriber (mosquitto_sub,
 * a session kept on the broker) receives every event the app counted at least once, in order,
 * duplicates only of what was sent again after a lost connection or a restart.
 *
 * <p>The broker is stopped with SIGTERM, as systemd stops it, so that it saves what it holds for
 * the subscriber: what a broker acknowledged is its to keep, and one killed with SIGKILL loses
 * whatever it had not written to disk, however careful the device was.
 */
class MqttFaultIT {
    private static final Pattern COUNTED = Pattern.compile("INFO  \\[perthensis\\.example\\.counter\\.ticks\\] (\\d+)");
    /** At most this many messages are in flight, so at most this many are sent again per lost connection. */
    private static final int WINDOW = 500;

    @TempDir
    Path dir;

    private String config(int port, long from) {
        return """
                { "tasks": [
                    { "type": "counter", "name": "ticks", "every": "10ms", "from": %d, "publish": true },
                    %s ] }
                """.formatted(from, mqtt(port));
    }

    private String mqtt(int port) {
        return """
                { "type": "mqtt", "name": "broker", "host": "127.0.0.1", "port": %d, "clientId": "fault-pi",
                  "publish": ["counter.*"], "qos": 1, "rate": 1000, "burst": 1000,
                  "reconnect": { "initial": "200ms", "max": "1s" },
                  "journal": { "dir": "%s", "sync": "always" } }
                """.formatted(port, dir.resolve("journal"));
    }

    /**
     * A last start without the counter sends what the journal kept when the app stopped (a stop
     * while events flow leaves the newest ones there, for the next start; a kill also those
     * acknowledged since the journal's last checkpoint), and stops once the subscriber has
     * everything.
     */
    private void drain(Path mods, Mosquitto broker, Subscriber sub, TreeSet<Long> sent) {
        Distribution.write(dir.resolve("perthensis.json"), "{ \"tasks\": [ " + mqtt(broker.port()) + " ] }");
        try (AppProcess app = Distribution.start(dir, mods, "perthensis.json")) {
            app.awaitLog(l -> l.contains("mqtt 'broker' up: "), "connected");
            awaitAll(sub, sent);
            app.sigterm();
            assertEquals(0, app.awaitExit(), String.join("\n", app.err()));
        }
    }

    private static List<Long> counted(AppProcess app) {
        List<Long> numbers = new ArrayList<>();
        for (String line : app.log()) {
            Matcher m = COUNTED.matcher(line);
            if (m.matches()) {
                numbers.add(Long.parseLong(m.group(1)));
            }
        }
        return numbers;
    }

    private static List<Long> received(Subscriber sub) {
        return sub.lines().stream().filter(l -> l.topic().equals("perthensis/fault-pi/counter/ticks"))
                .map(l -> Long.parseLong(l.payload().replaceAll(".*\"value\":(\\d+).*", "$1"))).toList();
    }

    private static void awaitAll(Subscriber sub, TreeSet<Long> sent) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!new TreeSet<>(received(sub)).containsAll(sent) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theBrokerStoppedAndStartedFiveTimesWhileEventsFlowLosesNothing() throws Exception {
        Path mods = Distribution.copyMods(dir.resolve("copy"), List.of(Distribution.EXAMPLE_PLUGIN));
        try (Mosquitto broker = Mosquitto.startIn(dir.resolve("broker"));
                Subscriber sub = Subscriber.persistent(broker, "perthensis/fault-pi/counter/#", "fault-sub")) {
            Distribution.write(dir.resolve("perthensis.json"), config(broker.port(), 1));
            TreeSet<Long> sent;
            try (AppProcess app = Distribution.start(dir, mods, "perthensis.json")) {
                app.awaitLog(l -> l.contains("mqtt 'broker' up: "), "connected");
                for (int i = 0; i < 5; i++) {
                    sleep(Duration.ofMillis(1500));
                    broker.stop();
                    sleep(Duration.ofMillis(700));
                    broker.start();
                }
                sleep(Duration.ofSeconds(1));
                app.sigterm();
                assertEquals(0, app.awaitExit(), String.join("\n", app.err()));
                sent = new TreeSet<>(counted(app));
                assertEquals(5, app.log().stream().filter(l -> l.contains("mqtt 'broker' down: ")).count(),
                        String.join("\n", app.err()));
            }
            drain(mods, broker, sub, sent);
            Delivery.Report report = Delivery.check(sent, received(sub));
            assertTrue(sent.size() >= 500, sent.size() + " events counted");
            assertTrue(report.duplicates() <= 5 * WINDOW, report.toString());
        }
    }

    @Test
    void theAppKilledAndRestartedFiveTimesLosesNothingTheJournalTook() throws Exception {
        Path mods = Distribution.copyMods(dir.resolve("copy"), List.of(Distribution.EXAMPLE_PLUGIN));
        try (Mosquitto broker = Mosquitto.startIn(dir.resolve("broker"));
                Subscriber sub = Subscriber.persistent(broker, "perthensis/fault-pi/counter/#", "crash-sub")) {
            TreeSet<Long> sent = new TreeSet<>();
            for (int run = 0; run < 5; run++) {
                // Each run counts from a number of its own, so every event is told apart.
                Distribution.write(dir.resolve("perthensis.json"), config(broker.port(), 1_000_000L * (run + 1)));
                try (AppProcess app = Distribution.start(dir, mods, "perthensis.json")) {
                    app.awaitLog(l -> l.contains("mqtt 'broker' up: "), "connected");
                    sleep(Duration.ofMillis(1500));
                    new ProcessBuilder("kill", "-KILL", Long.toString(app.pid())).start().waitFor();
                    assertEquals(137, app.awaitExit());
                    sent.addAll(counted(app));
                }
            }
            drain(mods, broker, sub, sent);
            Delivery.Report report = Delivery.check(sent, received(sub));
            assertTrue(sent.size() >= 5 * 50, sent.size() + " events counted");
            assertTrue(report.duplicates() <= 5 * WINDOW, report.toString());
        }
    }
}
