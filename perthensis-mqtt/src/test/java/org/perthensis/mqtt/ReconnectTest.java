package org.perthensis.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Backoff;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.testing.RecordingLogger;

/** Connecting, failing, backing off and reconnecting, under virtual time with a scripted broker: exact times and lines. */
class ReconnectTest {
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final RecordingLogger log = new RecordingLogger(s.clock());
    private final Map<Class<?>, Object> services = new HashMap<>();
    private final Metrics metrics = Metrics.create();
    private final FakeLink.Factory links = new FakeLink.Factory();
    private final List<String> events = new ArrayList<>();

    ReconnectTest() {
        services.put(Metrics.class, metrics);
        s.events().subscribe("mqtt.*", e -> events.add(s.clock().millis() + " " + e.topic() + " " + e.payload()));
    }

    private MqttTask start(ConfigBuilder config) {
        MqttTask task = new MqttTask(config.build(), TaskEnvironment.of("broker", s, log, services), links, () -> 0.5);
        s.spawn("broker", task);
        return task;
    }

    private static LinkFailure refused() {
        return new LinkFailure(LinkFailure.Kind.CONNECTION, "connection refused");
    }

    private double metric(String name) {
        return metrics.collect().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void failedAttemptsWaitLongerEachTimeAndTheSameFailureIsLoggedOnce() {
        for (int i = 0; i < 4; i++) {
            links.outcomes.add(refused());
        }
        ConfigBuilder c = ConfigBuilder.on(1883);
        c.reconnect = new Backoff.Config(Duration.ofSeconds(1), Duration.ofSeconds(4), 0.5);
        start(c);
        s.run(Duration.ofSeconds(20));
        // jitter 0.5 at the random 0.5 takes a quarter off: 750ms, 1.5s, 3s, 3s
        assertEquals(List.of(
                "0 WARNING mqtt 'broker': cannot connect to 127.0.0.1:1883: connection refused; retrying in 750ms",
                "750 DEBUG mqtt 'broker': cannot connect to 127.0.0.1:1883: connection refused; retrying in 1.5s",
                "2250 DEBUG mqtt 'broker': cannot connect to 127.0.0.1:1883: connection refused; retrying in 3s",
                "5250 DEBUG mqtt 'broker': cannot connect to 127.0.0.1:1883: connection refused; retrying in 3s",
                "8250 INFO mqtt 'broker' up: connected to 127.0.0.1:1883 as 'test-device' (MQTT 5)"), log.lines());
        assertEquals(List.of("0 mqtt.broker.down {reason=connection refused}", "8250 mqtt.broker.up {host=127.0.0.1, port=1883}"),
                events);
        assertEquals(5, metric("perthensis_mqtt_connection_attempts_total"));
        assertEquals(1, metric("perthensis_mqtt_connected"));
    }

    @Test
    void aLostConnectionIsSaidOnceAndRetriedAfterTheBackoff() {
        ConfigBuilder c = ConfigBuilder.on(1883);
        c.reconnect = Backoff.Config.exact(Duration.ofSeconds(2), Duration.ofSeconds(30));
        start(c);
        s.run(Duration.ofSeconds(60));
        links.last().lose("the connection was closed");
        s.run(Duration.ofSeconds(10));
        assertEquals(List.of(
                "0 INFO mqtt 'broker' up: connected to 127.0.0.1:1883 as 'test-device' (MQTT 5)",
                "60000 WARNING mqtt 'broker' down: the connection was closed; reconnecting in 2s",
                "62000 INFO mqtt 'broker' up: connected to 127.0.0.1:1883 as 'test-device' (MQTT 5)"), log.lines());
        assertEquals(List.of("0 mqtt.broker.up {host=127.0.0.1, port=1883}",
                "60000 mqtt.broker.down {reason=the connection was closed}",
                "62000 mqtt.broker.up {host=127.0.0.1, port=1883}"), events);
        assertEquals(1, metric("perthensis_mqtt_reconnects_total"));
    }

    @Test
    void aConnectionShorterThanTenSecondsDoesNotStartTheBackoffAfresh() {
        ConfigBuilder c = ConfigBuilder.on(1883);
        c.reconnect = Backoff.Config.exact(Duration.ofSeconds(1), Duration.ofSeconds(60));
        start(c);
        for (int i = 0; i < 4; i++) {
            s.run(Duration.ofSeconds(5)); // accepted, then closed 5 s later, as a broker refusing a duplicate client id does
            links.last().lose("the broker disconnected: session taken over");
        }
        s.run(Duration.ofMillis(1));
        List<String> waits = log.lines().stream().filter(l -> l.contains(" down: ")).map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
        assertEquals(List.of("1s", "2s", "4s", "8s"), waits);
    }

    @Test
    void whileTheNetworkIsDownAttemptsComeAtTheLongestWaitAndNetUpRetriesAtOnce() {
        for (int i = 0; i < 3; i++) {
            links.outcomes.add(refused());
        }
        ConfigBuilder c = ConfigBuilder.on(1883);
        c.reconnect = Backoff.Config.exact(Duration.ofSeconds(1), Duration.ofMinutes(1));
        s.events().publish("net.down", Map.of("reason", "wlan0 is down"));
        start(c);
        s.run(Duration.ofSeconds(90));
        s.events().publish("net.up", Map.of());
        s.run(Duration.ofSeconds(2));
        assertEquals(List.of(
                "0 WARNING mqtt 'broker': cannot connect to 127.0.0.1:1883: connection refused; retrying in 1min"
                        + " (the network is reported down: net.down)",
                "60000 DEBUG mqtt 'broker': cannot connect to 127.0.0.1:1883: connection refused; retrying in 1min"
                        + " (the network is reported down: net.down)",
                "90000 INFO mqtt 'broker': network up (net.up); connecting now",
                "90000 DEBUG mqtt 'broker': cannot connect to 127.0.0.1:1883: connection refused; retrying in 1s",
                "91000 INFO mqtt 'broker' up: connected to 127.0.0.1:1883 as 'test-device' (MQTT 5)"), log.lines());
    }

    @Test
    void aWrongPasswordIsOneClearLineAndABackoffAndThePasswordIsNeverInALine() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("mqtt", ".pass");
        java.nio.file.Files.writeString(file, "s3cret-door\n");
        for (int i = 0; i < 20; i++) {
            links.outcomes.add(new LinkFailure(LinkFailure.Kind.LOGIN, "the broker refused the user name or password"));
        }
        ConfigBuilder c = ConfigBuilder.on(1883);
        c.username = "door-pi";
        c.passwordFile = file.toString();
        c.reconnect = Backoff.Config.exact(Duration.ofSeconds(1), Duration.ofSeconds(16));
        start(c);
        s.run(Duration.ofMinutes(2));
        assertEquals(List.of("0 WARNING mqtt 'broker': cannot connect to 127.0.0.1:1883: the broker refused the user"
                + " name or password; check username 'door-pi' and the password in " + file + "; retrying in 1s"),
                log.visible());
        // 0, 1, 3, 7, 15, then every 16 s: a backoff, not a crash loop
        assertEquals(11, links.made.size());
        assertEquals("s3cret-door", new String(links.made.getFirst().password, java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(log.lines().stream().noneMatch(l -> l.contains("s3cret")), String.join("\n", log.lines()));
    }

    @Test
    void aMissingPasswordFileIsSaidNamingTheFileOnly() {
        ConfigBuilder c = ConfigBuilder.on(1883);
        c.username = "door-pi";
        c.passwordFile = "/nonexistent/mqtt.pass";
        start(c);
        s.run(Duration.ofMillis(1));
        assertEquals(List.of("0 WARNING mqtt 'broker': cannot connect to 127.0.0.1:1883: passwordFile"
                + " /nonexistent/mqtt.pass does not exist; retrying in 200ms"), log.visible());
    }

    @Test
    void aStopPublishesOfflineAndDisconnectsSoTheWillIsNotNeeded() {
        start(ConfigBuilder.on(1883));
        s.run(Duration.ofSeconds(1));
        s.shutdown();
        s.run(Duration.ofSeconds(1));
        FakeLink link = links.last();
        assertEquals(List.of("perthensis/test-device/status online (retained)",
                "perthensis/test-device/status offline (retained)"), link.published);
        assertTrue(link.disconnected);
        assertEquals("perthensis/test-device/status", link.setup.willTopic());
        assertEquals("offline", new String(link.setup.will(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("1000 INFO mqtt 'broker' stopped: offline published; nothing queued", log.lines().getLast());
    }
}
