package org.perthensis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntitiesTest {
    private static final Scheduler UNUSED = (Scheduler) Proxy.newProxyInstance(Scheduler.class.getClassLoader(),
            new Class<?>[] {Scheduler.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });
    private static final System.Logger LOGGER = System.getLogger("test");

    @Test
    void tasksOfOneServiceRegistryShareOneRegistryOfEntities() {
        Map<Class<?>, Object> services = new HashMap<>();
        TaskEnvironment door = TaskEnvironment.of("door", UNUSED, LOGGER, services);
        TaskEnvironment broker = TaskEnvironment.of("broker", UNUSED, LOGGER, services);
        Entities.of(door).add(Entity.binarySensor("door", "door", "debounce.door", e -> (Boolean) e.get("pressed"))
                .withDeviceClass("door"));
        assertSame(Entities.of(door), Entities.of(broker));
        Entity seen = Entities.of(broker).all().getFirst();
        assertEquals("door", seen.objectId());
        assertEquals(Entity.Kind.BINARY_SENSOR, seen.kind());
        assertEquals("binary_sensor", seen.kind().text());
        assertEquals(Boolean.TRUE, seen.state().apply(new Event("debounce.door", Map.of("pressed", true), 0, 1)));
        assertTrue(Entities.of(TaskEnvironment.of("other", UNUSED, LOGGER, new HashMap<>())).all().isEmpty());
    }

    @Test
    void anEntityAddedAgainReplacesTheOneWithTheSameTaskAndId() {
        Entities registry = Entities.of(TaskEnvironment.of("clock", UNUSED, LOGGER, new HashMap<>()));
        registry.add(Entity.sensor("clock", "clock offset", "ntp.synced", e -> e.get("offset")).withId("offset"));
        registry.add(Entity.sensor("clock", "clock offset", "ntp.synced", e -> e.get("offset")).withId("offset")
                .withUnit("ms"));
        registry.add(Entity.sensor("clock", "clock", "ntp.synced", e -> e.get("server")));
        assertEquals(List.of("clock_offset", "clock"), registry.all().stream().map(Entity::objectId).toList());
        assertEquals("ms", registry.all().getFirst().unit());
    }

    @Test
    void optionsMakeAnEnumSensorAndDiagnosticMarksTheDevicesOwn() {
        Entity state = Entity.sensor("door", "door task", "task.state", e -> null).withId("task")
                .withOptions(List.of("running", "failed")).asDiagnostic();
        assertEquals("enum", state.deviceClass());
        assertEquals(List.of("running", "failed"), state.options());
        assertTrue(state.diagnostic());
        assertNull(Entity.sensor("v", "v", "rotary.v", e -> null).deviceClass());
        assertFalse(Entity.sensor("v", "v", "rotary.v", e -> null).diagnostic());
    }

    @Test
    void badPartsAreRefusedSayingWhich() {
        assertEquals("entity id: must be lower-case letters, digits and '_', got \"Offset\"",
                assertThrows(IllegalArgumentException.class, () -> Entity.sensor("c", "c", "ntp.synced", e -> null)
                        .withId("Offset")).getMessage());
        assertEquals("entity pattern: must be an event topic, or a prefix ending in '*', got \"net*.up\"",
                assertThrows(IllegalArgumentException.class, () -> Entity.binarySensor("n", "n", "net*.up", e -> null))
                        .getMessage());
        assertEquals("entity device class: must be one of Home Assistant's classes of a binary_sensor, such as door,"
                + " got \"dor\"", assertThrows(IllegalArgumentException.class, () -> Entity.binarySensor("d", "d",
                        "debounce.d", e -> null).withDeviceClass("dor")).getMessage());
        assertEquals("entity command: a switch needs the event topic of its commands",
                assertThrows(IllegalArgumentException.class, () -> Entity.toggle("l", "l", "output.l", e -> null, null))
                        .getMessage());
    }

    @Test
    void binarySensorClassesAreHomeAssistantsList() {
        assertTrue(Entities.isBinarySensorClass("door"));
        assertTrue(Entities.isBinarySensorClass("window"));
        assertTrue(Entities.isBinarySensorClass("connectivity"));
        assertFalse(Entities.isBinarySensorClass("Door"));
        assertFalse(Entities.isBinarySensorClass("temperature"));
    }
}
