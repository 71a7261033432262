package org.perthensis.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.api.Entities;
import org.perthensis.api.Entity;
import org.perthensis.api.Json;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskInfo;
import org.perthensis.api.TaskList;

/**
 * Home Assistant discovery against a real mosquitto, checked against what Home Assistant's MQTT
 * documentation requires: the topic's form, the keys each component needs, a device block,
 * unique ids, availability, the documented device classes; states, re-announcing when Home
 * Assistant starts, and clearing entities the device no longer has.
 */
@Timeout(120)
class HomeAssistantTest {
    @TempDir
    static Path dir;
    static Mosquitto broker;

    /** The keys Home Assistant's documentation marks required, by component, besides what every entity here has. */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "binary_sensor", List.of("state_topic"),
            "sensor", List.of("state_topic"),
            "switch", List.of("command_topic"));
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9_-]+");

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

    private record Tasks(List<TaskInfo> tasks) implements TaskList {
    }

    private static TaskInfo running(String name, String type) {
        return new TaskInfo(name, type, "org.perthensis." + type, TaskInfo.State.RUNNING, Instant.EPOCH, Instant.EPOCH,
                0, null, null);
    }

    /** A device with the entities the distribution's modules describe, and a switch. */
    private LiveDevice device(String clientId) {
        LiveDevice device = new LiveDevice();
        TaskEnvironment env = device.env("door");
        device.services.put(TaskList.class, new Tasks(List.of(running("door", "debounce"), running("volume", "rotary"),
                running("network", "net"), running("clock", "ntp"), running("broker", "mqtt"))));
        Entities entities = Entities.of(env);
        entities.add(Entity.binarySensor("door", "door", "debounce.door", e -> (Boolean) e.get("pressed"))
                .withDeviceClass("door"));
        entities.add(Entity.sensor("volume", "volume", "rotary.volume", e -> e.get("value")));
        entities.add(Entity.binarySensor("network", "network", "net.*",
                e -> e.topic().equals("net.up") ? Boolean.TRUE : e.topic().equals("net.down") ? Boolean.FALSE : null)
                .withDeviceClass("connectivity"));
        entities.add(Entity.sensor("clock", "clock offset", "ntp.synced", e -> e.get("offset")).withId("offset")
                .withDeviceClass("duration").withUnit("ms").asDiagnostic());
        entities.add(Entity.toggle("light", "light", "output.light", e -> (Boolean) e.get("on"), "output.light.set"));
        ConfigBuilder c = ConfigBuilder.on(broker.port());
        c.clientId = clientId;
        c.homeAssistant = true;
        c.deviceName = "Door Pi";
        return device.mqtt("broker", c.build());
    }

    @Test
    void everyEntityIsAnnouncedWithWhatHomeAssistantRequires() throws Exception {
        try (Subscriber sub = Subscriber.start(broker, "homeassistant/+/door-pi/+/config");
                LiveDevice device = device("door-pi")) {
            List<Subscriber.Line> configs = sub.awaitCount(l -> !l.payload().isEmpty(), 10, "discovery configs");
            Set<String> topics = new TreeSet<>();
            for (Subscriber.Line line : configs) {
                topics.add(line.topic());
                String[] levels = line.topic().split("/");
                assertEquals(5, levels.length, line.topic());
                assertEquals("homeassistant", levels[0]);
                assertTrue(ID.matcher(levels[2]).matches() && ID.matcher(levels[3]).matches(), line.topic());
                Map<?, ?> c = (Map<?, ?>) Json.read(line.payload());
                for (String key : REQUIRED.get(levels[1])) {
                    assertTrue(c.containsKey(key), line.topic() + " lacks " + key + ": " + line.payload());
                }
                assertEquals("door-pi_" + levels[3], c.get("unique_id"));
                assertEquals("perthensis/door-pi/status", c.get("availability_topic"));
                assertEquals("online", c.get("payload_available"));
                assertEquals("offline", c.get("payload_not_available"));
                Map<?, ?> d = (Map<?, ?>) c.get("device");
                assertEquals(List.of("perthensis_door-pi"), d.get("identifiers"));
                assertEquals("Door Pi", d.get("name"));
                assertEquals("Perthensis for Java", ((Map<?, ?>) c.get("origin")).get("name"));
                if (c.containsKey("state_topic")) {
                    assertEquals("perthensis/door-pi/" + levels[1] + "/" + levels[3] + "/state", c.get("state_topic"));
                }
            }
            assertEquals(new TreeSet<>(List.of(
                    "homeassistant/binary_sensor/door-pi/door/config",
                    "homeassistant/sensor/door-pi/volume/config",
                    "homeassistant/binary_sensor/door-pi/network/config",
                    "homeassistant/sensor/door-pi/clock_offset/config",
                    "homeassistant/switch/door-pi/light/config",
                    "homeassistant/sensor/door-pi/door_task/config",
                    "homeassistant/sensor/door-pi/volume_task/config",
                    "homeassistant/sensor/door-pi/network_task/config",
                    "homeassistant/sensor/door-pi/clock_task/config",
                    "homeassistant/sensor/door-pi/broker_task/config")), topics);
            Map<?, ?> door = config(configs, "homeassistant/binary_sensor/door-pi/door/config");
            assertEquals("door", door.get("device_class"));
            assertEquals("door", door.get("name"));
            Map<?, ?> offset = config(configs, "homeassistant/sensor/door-pi/clock_offset/config");
            assertEquals("duration", offset.get("device_class"));
            assertEquals("ms", offset.get("unit_of_measurement"));
            assertEquals("diagnostic", offset.get("entity_category"));
            Map<?, ?> task = config(configs, "homeassistant/sensor/door-pi/door_task/config");
            assertEquals("enum", task.get("device_class"));
            assertEquals(List.of("starting", "running", "restarting", "ended", "failed", "stopped"), task.get("options"));
            assertEquals("diagnostic", task.get("entity_category"));
            Map<?, ?> light = config(configs, "homeassistant/switch/door-pi/light/config");
            assertEquals("perthensis/door-pi/command/light", light.get("command_topic"));
        }
        try (Subscriber late = Subscriber.start(broker, "homeassistant/+/door-pi/+/config")) {
            assertTrue(late.awaitCount(l -> !l.payload().isEmpty(), 10, "retained configs").stream()
                    .allMatch(Subscriber.Line::retained));
        }
    }

    private static Map<?, ?> config(List<Subscriber.Line> configs, String topic) {
        return (Map<?, ?>) Json.read(configs.stream().filter(l -> l.topic().equals(topic)).findFirst().orElseThrow().payload());
    }

    @Test
    void statesAreRetainedAndSwitchCommandsReachTheirEvent() throws Exception {
        try (LiveDevice device = device("states")) {
            device.awaitEvent("mqtt.broker.up", e -> true);
            device.publish("debounce.door", Map.of("pressed", true));
            device.publish("rotary.volume", Map.of("delta", 1, "value", 7));
            device.publish("net.up", Map.of());
            device.publish("ntp.synced", Map.of("offset", -1.25));
            try (Subscriber late = Subscriber.start(broker, "perthensis/states/+/+/state")) {
                late.await(l -> l.topic().equals("perthensis/states/binary_sensor/door/state") && l.payload().equals("ON")
                        && l.retained(), "the door open, retained");
                late.await(l -> l.topic().equals("perthensis/states/sensor/volume/state") && l.payload().equals("7"), "7");
                late.await(l -> l.topic().equals("perthensis/states/binary_sensor/network/state") && l.payload().equals("ON"),
                        "connected");
                late.await(l -> l.topic().equals("perthensis/states/sensor/clock_offset/state") && l.payload().equals("-1.25"),
                        "the offset");
                late.await(l -> l.topic().equals("perthensis/states/sensor/door_task/state") && l.payload().equals("running"),
                        "the door task running");
                device.publish("debounce.door", Map.of("pressed", false));
                late.await(l -> l.topic().equals("perthensis/states/binary_sensor/door/state") && l.payload().equals("OFF"),
                        "the door closed");
            }
            broker.publish("perthensis/states/command/light", "on", false);
            assertEquals("on", device.awaitEvent("output.light.set", e -> true).payload());
        }
    }

    @Test
    void whenHomeAssistantStartsEveryConfigAndStateIsSentAgain() throws Exception {
        try (LiveDevice device = device("reborn");
                Subscriber sub = Subscriber.start(broker, "homeassistant/+/reborn/+/config")) {
            sub.awaitCount(l -> true, 10, "the first announcement");
            device.awaitLog("broker", l -> l.contains(" up: "));
            LiveDevice.sleep(Duration.ofMillis(500));
            broker.publish("homeassistant/status", "online", false);
            sub.awaitCount(l -> true, 20, "the second announcement");
            assertTrue(device.log("broker").stream().anyMatch(l -> l.matches("INFO mqtt 'broker': Home Assistant started"
                    + " \\(homeassistant/status online\\); announcing the entities again in \\S+")),
                    device.log("broker").toString());
        }
    }

    @Test
    void anEntityNoTaskHasAnyMoreIsClearedOnTheFirstConnection() throws Exception {
        broker.publish("homeassistant/sensor/tidy/gone_task/config", "{\"name\": \"gone task\"}", true);
        broker.publish("perthensis/tidy/sensor/gone_task/state", "running", true);
        broker.publish("homeassistant/sensor/someone-else/gone_task/config", "{\"name\": \"theirs\"}", true);
        try (LiveDevice device = device("tidy")) {
            device.awaitLog("broker", l -> l.contains("cleared"));
            assertTrue(device.log("broker").contains("INFO mqtt 'broker': cleared the Home Assistant entity"
                    + " sensor.gone_task, which no task has any more"), device.log("broker").toString());
            LiveDevice.sleep(Duration.ofMillis(500));
            try (Subscriber late = Subscriber.start(broker, "homeassistant/sensor/#")) {
                late.await(l -> l.topic().equals("homeassistant/sensor/someone-else/gone_task/config"), "another device's");
                late.await(l -> l.topic().equals("homeassistant/sensor/tidy/volume/config"), "a current one");
                assertFalse(late.lines().stream().anyMatch(l -> l.topic().equals("homeassistant/sensor/tidy/gone_task/config")),
                        late.lines().toString());
            }
            try (Subscriber state = Subscriber.start(broker, "perthensis/tidy/sensor/gone_task/state")) {
                LiveDevice.sleep(Duration.ofMillis(500));
                assertEquals(List.of(), state.lines());
            }
        } finally {
            broker.publish("homeassistant/sensor/someone-else/gone_task/config", "", true);
        }
    }
}
