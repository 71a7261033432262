package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.api.Json;
import org.perthensis.mqtt.Mosquitto;
import org.perthensis.mqtt.Subscriber;

/**
 * The mqtt task in the real distribution against Debian's mosquitto on loopback: birth and
 * will (a SIGKILL'd app shows offline), a SIGTERM'd one exits within 2 s saying offline, Home
 * Assistant sees the example's entities, and the password never shows.
 */
class MqttIT {
    @TempDir
    static Path shared;
    static Mosquitto broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Mosquitto.startIn(shared.resolve("broker"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private AppProcess launch(Path mods, String json) {
        Distribution.write(dir.resolve("perthensis.json"), json);
        return Distribution.start(dir, mods, "perthensis.json");
    }

    private String mqtt(String clientId, String more) {
        return """
                { "type": "mqtt", "name": "broker", "host": "127.0.0.1", "port": %d, "clientId": "%s",
                  "reconnect": { "initial": "200ms", "max": "1s" } %s }
                """.formatted(broker.port(), clientId, more.isEmpty() ? "" : ", " + more);
    }

    @Test
    void aKilledAppIsShownOfflineByItsWill() throws Exception {
        try (Subscriber sub = Subscriber.start(broker, "perthensis/killed/status");
                AppProcess app = launch(Distribution.MODS, "{ \"tasks\": [ " + mqtt("killed", "") + " ] }")) {
            sub.await(l -> l.payload().equals("online"), "online");
            new ProcessBuilder("kill", "-KILL", Long.toString(app.pid())).start().waitFor();
            assertEquals(137, app.awaitExit());
            sub.await(l -> l.payload().equals("offline"), "offline, from the will");
        }
    }

    @Test
    void sigtermExitsWithinTwoSecondsWhileConnectedAndSaysOffline() throws Exception {
        try (Subscriber sub = Subscriber.start(broker, "perthensis/stopped/status");
                AppProcess app = launch(Distribution.MODS, "{ \"tasks\": [ " + mqtt("stopped", "") + " ] }")) {
            sub.await(l -> l.payload().equals("online"), "online");
            app.awaitLog(l -> l.contains("mqtt 'broker' up: "), "connected");
            long sent = System.nanoTime();
            app.sigterm();
            assertEquals(0, app.awaitExit(Duration.ofSeconds(2)), String.join("\n", app.err()));
            long took = (System.nanoTime() - sent) / 1_000_000;
            assertTrue(took < 2000, "exit took " + took + " ms");
            assertTrue(app.log().contains("INFO  [perthensis.mqtt.broker] mqtt 'broker' stopped: offline published;"
                    + " nothing queued"), String.join("\n", app.err()));
            sub.await(l -> l.payload().equals("offline"), "offline, published at the stop");
        }
    }

    @Test
    void homeAssistantSeesTheExampleDevicesEntities() throws Exception {
        String json = """
                { "gpio": { "provider": "mock" },
                  "tasks": [
                    { "type": "debounce", "name": "door", "pin": 12, "settle": "3s", "deviceClass": "door" },
                    { "type": "rotary", "name": "volume", "clk": 4, "dt": 5 },
                    { "type": "net", "name": "network", "every": "1s", "probes": ["tcp://127.0.0.1:%d"] },
                    %s
                  ] }
                """.formatted(broker.port(), mqtt("door-pi", "\"homeAssistant\": true, \"deviceName\": \"Door Pi\","
                + " \"publish\": [\"debounce.*\", \"net.*\"]"));
        try (Subscriber sub = Subscriber.start(broker, "homeassistant/+/door-pi/+/config");
                Subscriber states = Subscriber.start(broker, "perthensis/door-pi/+/+/state");
                AppProcess app = launch(Distribution.MODS, json)) {
            sub.awaitCount(l -> !l.payload().isEmpty(), 7, "configs: 3 entities and 4 task states");
            Map<?, ?> door = (Map<?, ?>) Json.read(sub.await(l -> l.topic().equals(
                    "homeassistant/binary_sensor/door-pi/door/config"), "the door").payload());
            assertEquals("door", door.get("device_class"));
            assertEquals("Door Pi", ((Map<?, ?>) door.get("device")).get("name"));
            Map<?, ?> network = (Map<?, ?>) Json.read(sub.await(l -> l.topic().equals(
                    "homeassistant/binary_sensor/door-pi/network/config"), "the network").payload());
            assertEquals("connectivity", network.get("device_class"));
            sub.await(l -> l.topic().equals("homeassistant/sensor/door-pi/volume/config"), "the knob");
            sub.await(l -> l.topic().equals("homeassistant/sensor/door-pi/broker_task/config"), "the mqtt task's state");
            states.await(l -> l.topic().equals("perthensis/door-pi/binary_sensor/door/state") && l.payload().equals("OFF"),
                    "the door closed (the mock pin is low)");
            states.await(l -> l.topic().equals("perthensis/door-pi/binary_sensor/network/state") && l.payload().equals("ON"),
                    "the network up");
            states.await(l -> l.topic().equals("perthensis/door-pi/sensor/door_task/state") && l.payload().equals("running"),
                    "the door task running");
            app.sigterm();
            assertEquals(0, app.awaitExit());
        }
    }

    @Test
    void homeAssistantSwitchesAnOutputOnceAndSeesASensorsThreeQuantities() throws Exception {
        String json = """
                { "gpio": { "provider": "mock" },
                  "buses": { "i2c1": { "bus": 1 } },
                  "tasks": [
                    { "type": "output", "name": "light", "pin": 22, "invert": true },
                    { "type": "bme280", "name": "indoor", "bus": "i2c1", "every": "1min" },
                    %s
                  ] }
                """.formatted(mqtt("porch-pi", "\"homeAssistant\": true"));
        try (Subscriber configs = Subscriber.start(broker, "homeassistant/+/porch-pi/+/config");
                Subscriber states = Subscriber.start(broker, "perthensis/porch-pi/switch/light/state");
                AppProcess app = launch(Distribution.MODS, json)) {
            Map<?, ?> light = (Map<?, ?>) Json.read(configs.await(l -> l.topic().equals(
                    "homeassistant/switch/porch-pi/light/config"), "the light as a switch").payload());
            assertEquals("perthensis/porch-pi/command/light", light.get("command_topic"));
            for (String quantity : List.of("temperature", "humidity", "pressure")) {
                Map<?, ?> sensor = (Map<?, ?>) Json.read(configs.await(l -> l.topic().equals(
                        "homeassistant/sensor/porch-pi/indoor_" + quantity + "/config"), quantity).payload());
                assertEquals(quantity, sensor.get("device_class"));
            }
            states.await(l -> l.payload().equals("off"), "the light off at start");
            // A toggle, not "on": were the command delivered twice, the light would end where it began.
            broker.publish("perthensis/porch-pi/command/light", "toggle", false);
            states.await(l -> l.payload().equals("on"), "the light on");
            Thread.sleep(1000);
            assertEquals("on", states.lines().getLast().payload(), "one toggle: " + states.lines());
            app.sigterm();
            assertEquals(0, app.awaitExit());
        }
    }

    @Test
    void thePasswordIsNeitherInCheckOutputNorInTheLog() throws Exception {
        Path file = Files.writeString(dir.resolve("mqtt.pass"), "correct horse battery staple\n");
        String json = "{ \"tasks\": [ " + mqtt("secret", "\"username\": \"door-pi\", \"passwordFile\": \"" + file + "\"")
                + ", " + mqtt("secret-env", "\"username\": \"door-pi\", \"passwordEnv\": \"DOOR_PI_MQTT\"")
                .replace("\"broker\"", "\"broker2\"") + " ] }";
        Distribution.write(dir.resolve("perthensis.json"), json);
        try (AppProcess check = Distribution.start(dir, Distribution.MODS, "--check", "perthensis.json")) {
            assertEquals(0, check.awaitExit(), String.join("\n", check.err()));
            assertSecretNowhere(check.out(), check.err());
        }
        ProcessBuilder pb = new ProcessBuilder(Distribution.JAVA.toString(), "-p", Distribution.MODS.toString(), "-m",
                "app", "--verbose", "perthensis.json").directory(dir.toFile());
        pb.environment().put("DOOR_PI_MQTT", "correct horse battery staple");
        try (AppProcess app = new AppProcess(pb.start())) {
            app.awaitLog(l -> l.contains("mqtt 'broker' up: "), "the file's password accepted (anonymous broker)");
            app.awaitLog(l -> l.contains("mqtt 'broker2' up: "), "the variable's too");
            app.sigterm();
            assertEquals(0, app.awaitExit());
            assertSecretNowhere(app.out(), app.err());
        }
    }

    private static void assertSecretNowhere(List<String> out, List<String> err) {
        for (List<String> lines : List.of(out, err)) {
            assertFalse(String.join("\n", lines).contains("battery"), String.join("\n", lines));
        }
    }

    @Test
    void withoutTheMqttJarItsTaskIsSkippedAndTheRestRuns() throws IOException {
        Path mods = Distribution.copyMods(dir.resolve("copy"), List.of(), "perthensis-mqtt.jar");
        try (AppProcess app = launch(mods, """
                { "gpio": { "provider": "mock" }, "tasks": [
                  { "type": "heartbeat", "name": "status", "pin": 17 }, %s ] }
                """.formatted(mqtt("absent", "")))) {
            app.awaitLog(l -> l.equals("WARN  [app] task 'broker' (type mqtt) skipped: no module on the module path"
                    + " provides type 'mqtt'; add perthensis-mqtt.jar. Available: bme280, connection, debounce, heartbeat,"
                    + " net, ntp, output, rotary, rule, web."), "the warning naming the jar");
            app.awaitLog(l -> l.contains("heartbeat 'status' started"), "the heartbeat running");
            app.sigterm();
            assertEquals(0, app.awaitExit());
        }
    }
}
