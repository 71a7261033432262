package org.perthensis.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.api.Entities;
import org.perthensis.api.Entity;
import org.perthensis.api.Json;
import org.perthensis.api.TaskEnvironment;

/** The task against a real mosquitto: birth and will, events published and retained, commands. */
@Timeout(120)
class BrokerTest {
    @TempDir
    static Path dir;
    static Mosquitto broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Mosquitto.startIn(dir.resolve("broker"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void connectsSaysOnlineAndAtAStopOffline() throws Exception {
        ConfigBuilder c = ConfigBuilder.on(broker.port());
        c.clientId = "birth";
        try (Subscriber sub = Subscriber.start(broker, "perthensis/birth/#")) {
            LiveDevice device = new LiveDevice().mqtt("broker", c.build());
            sub.await(l -> l.topic().equals("perthensis/birth/status") && l.payload().equals("online"), "online");
            device.close();
            sub.await(l -> l.topic().equals("perthensis/birth/status") && l.payload().equals("offline"), "offline");
            assertEquals("INFO mqtt 'broker' up: connected to 127.0.0.1:" + broker.port() + " as 'birth' (MQTT 5)",
                    device.log("broker").stream().filter(l -> l.contains(" up: ")).findFirst().orElseThrow());
            assertEquals("INFO mqtt 'broker' stopped: offline published; nothing queued", device.log("broker").getLast());
        }
    }

    @Test
    void publishesMatchingEventsAsJsonUnderThePrefix() throws Exception {
        ConfigBuilder c = ConfigBuilder.on(broker.port()).publish("door.*");
        c.clientId = "events";
        try (Subscriber sub = Subscriber.start(broker, "perthensis/events/#");
                LiveDevice device = new LiveDevice().mqtt("broker", c.build())) {
            sub.await(l -> l.payload().equals("online"), "online");
            device.publish("door.state", Map.of("open", true));
            device.publish("window.state", Map.of("open", true));
            Subscriber.Line line = sub.await(l -> l.topic().equals("perthensis/events/door/state"), "the door event");
            Map<?, ?> json = (Map<?, ?>) Json.read(line.payload());
            assertEquals("door.state", json.get("topic"));
            assertEquals(Map.of("open", true), json.get("payload"));
            assertTrue(json.get("time") instanceof String);
            assertEquals(0, sub.on("perthensis/events/window/state").size());
        }
    }

    @Test
    void theLatestStateOfAnEntitysEventsIsRetainedSoALateSubscriberSeesItAtOnce() throws Exception {
        ConfigBuilder c = ConfigBuilder.on(broker.port()).publish("debounce.*");
        c.clientId = "retained";
        try (LiveDevice device = new LiveDevice()) {
            TaskEnvironment door = device.env("door");
            Entities.of(door).add(Entity.binarySensor("door", "door", "debounce.door", e -> (Boolean) e.get("pressed")));
            device.mqtt("broker", c.build());
            device.awaitEvent("mqtt.broker.up", e -> true);
            device.publish("debounce.door", Map.of("pressed", true));
            device.publish("debounce.door", Map.of("pressed", false));
            device.publish("debounce.door.press", Map.of("at", "now"));
            device.awaitLog("broker", l -> true);
            try (Subscriber probe = Subscriber.start(broker, "perthensis/retained/debounce/door/press")) {
                device.publish("debounce.door.press", Map.of("at", "later"));
                probe.await(l -> l.payload().contains("later"), "the probe");
            }
            try (Subscriber late = Subscriber.start(broker, "perthensis/retained/#")) {
                Subscriber.Line door0 = late.await(l -> l.topic().equals("perthensis/retained/debounce/door"), "the door");
                assertTrue(door0.retained());
                assertEquals(Map.of("pressed", false), ((Map<?, ?>) Json.read(door0.payload())).get("payload"));
                late.await(l -> l.topic().equals("perthensis/retained/status") && l.retained()
                        && l.payload().equals("online"), "online, retained");
                LiveDevice.sleep(java.time.Duration.ofMillis(500));
                assertEquals(List.of(), late.on("perthensis/retained/debounce/door/press"), "a press is not a state");
            }
        }
    }

    @Test
    void commandsArriveAsEventsWithTheTextOrTheJsonReceived() throws Exception {
        ConfigBuilder c = ConfigBuilder.on(broker.port());
        c.clientId = "commands";
        try (LiveDevice device = new LiveDevice().mqtt("broker", c.build())) {
            device.awaitLog("broker", l -> l.contains(" up: "));
            LiveDevice.sleep(java.time.Duration.ofMillis(300)); // the subscription's SUBACK
            broker.publish("perthensis/commands/command/light", "on", false);
            broker.publish("perthensis/commands/command/light/set", "{\"to\": \"on\", \"for\": \"30s\"}", false);
            assertEquals("on", device.awaitEvent("mqtt.broker.command.light", e -> true).payload());
            assertEquals(Map.of("to", "on", "for", "30s"),
                    device.awaitEvent("mqtt.broker.command.light.set", e -> true).payload());
        }
    }

    @Test
    void malformedCommandsAreCountedAndSaidAndTheTaskGoesOn() throws Exception {
        ConfigBuilder c = ConfigBuilder.on(broker.port());
        c.clientId = "malformed";
        Path notUtf8 = dir.resolve("latin1.txt");
        Files.write(notUtf8, new byte[] {'c', 'a', 'f', (byte) 0xE9});
        // Retained: the broker hands it to every new subscription, so run at every reconnection it would be.
        broker.publish("perthensis/malformed/command/door", "open", true);
        LiveDevice device = new LiveDevice().mqtt("broker", c.build());
        try {
            device.awaitLog("broker", l -> l.contains("malformed"));
            broker.publish("perthensis/malformed/command/light", "{on", false);
            broker.publishFile("perthensis/malformed/command/light", notUtf8);
            broker.publish("perthensis/malformed/command/li ght", "on", false);
            broker.publish("perthensis/malformed/command/light", "off", false);
            assertEquals("off", device.awaitEvent("mqtt.broker.command.light", e -> true).payload());
        } finally {
            device.close();
            broker.publish("perthensis/malformed/command/door", "", true); // clear the retained one
        }
        assertEquals(List.of(
                "WARNING mqtt 'broker': ignored a malformed command on perthensis/malformed/command/door: it is retained,"
                        + " so it would run again at every reconnection; publish commands without the retain flag;"
                        + " 1 malformed in all",
                "WARNING mqtt 'broker': ignored 3 more malformed commands; 4 malformed in all"),
                device.log("broker").stream().filter(l -> l.startsWith("WARNING")).toList());
        assertEquals(4.0, device.metrics.collect().stream()
                .filter(m -> m.name().equals("perthensis_mqtt_commands_malformed_total")).findFirst().orElseThrow().value());
        assertEquals(1.0, device.metrics.collect().stream()
                .filter(m -> m.name().equals("perthensis_mqtt_commands_total")).findFirst().orElseThrow().value());
        assertTrue(device.log("broker").contains("DEBUG mqtt 'broker': command light: off"), device.log("broker").toString());
    }

    @Test
    void eachKindOfMalformedCommandSaysWhy() {
        Commands commands = new Commands("p", "broker");
        java.util.function.Function<Link.Incoming, String> why = m -> {
            StringBuilder b = new StringBuilder();
            assertTrue(commands.read(m, b).isEmpty());
            return b.toString();
        };
        assertEquals("it starts like JSON but is not JSON at 1:2: expected a name in double quotes, got 'o'",
                why.apply(new Link.Incoming("p/command/light", "{on".getBytes(), false)));
        assertEquals("it is not UTF-8 text", why.apply(new Link.Incoming("p/command/light",
                new byte[] {'c', 'a', 'f', (byte) 0xE9}, false)));
        assertEquals("the command name after command/ must be letters, digits, '_' and '-' (levels separated by '/'),"
                + " got \"li ght\"", why.apply(new Link.Incoming("p/command/li ght", "on".getBytes(), false)));
        assertEquals("the command name after command/ must be letters, digits, '_' and '-' (levels separated by '/'),"
                + " got \"\"", why.apply(new Link.Incoming("p/command", "on".getBytes(), false)));
        assertEquals("it has 65537 bytes, more than the 65536 a command may have",
                why.apply(new Link.Incoming("p/command/x", new byte[65537], false)));
        Commands.Command list = commands.read(new Link.Incoming("p/command/a/b_c", "[1, 2]".getBytes(), false),
                new StringBuilder()).orElseThrow();
        assertEquals("mqtt.broker.command.a.b_c", list.topic());
        assertEquals(List.of(1L, 2L), list.payload());
    }

    @Test
    void mqtt311WorksTheSame() throws Exception {
        ConfigBuilder c = ConfigBuilder.on(broker.port()).publish("door.*");
        c.clientId = "three";
        c.version = "3.1.1";
        try (Subscriber sub = Subscriber.start(broker, "perthensis/three/#");
                LiveDevice device = new LiveDevice().mqtt("broker", c.build())) {
            sub.await(l -> l.payload().equals("online"), "online");
            device.publish("door.state", Map.of("open", true));
            sub.await(l -> l.topic().equals("perthensis/three/door/state"), "the door event");
            assertTrue(device.log("broker").stream().anyMatch(l -> l.endsWith("as 'three' (MQTT 3.1.1)")));
        }
    }
}
