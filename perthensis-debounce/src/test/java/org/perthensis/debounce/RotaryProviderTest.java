package org.perthensis.debounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.api.Entities;
import org.perthensis.api.Entity;
import org.perthensis.api.Event;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskHandle;
import org.perthensis.testing.RecordingLogger;

/** The {@code rotary} task type with Pi4J's mock GPIO plugin, under virtual time. */
class RotaryProviderTest {

    private final Context pi4j = MockGpio.context();
    private final RecordingLogger log = new RecordingLogger();
    private final Map<Class<?>, Object> services = new HashMap<>(Map.of(Context.class, pi4j));
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final List<String> events = new ArrayList<>();

    @AfterEach
    void shutDownPi4j() {
        pi4j.shutdown();
    }

    private Task task(String name, RotaryConfig config) {
        return new RotaryProvider().create(config, TaskEnvironment.of(name, s, log, services));
    }

    /** Sets the lines, CLK then DT, as Pi4J's listener threads would report them. */
    private void turn(String... clkDt) {
        for (String lines : clkDt) {
            MockGpio.set(pi4j, "rotary-clk-4", lines.charAt(0) == '1');
            MockGpio.set(pi4j, "rotary-dt-5", lines.charAt(1) == '1');
            s.run(Duration.ofMillis(1));
        }
    }

    @Test
    void aVolumeKnobPublishesEachDetentWithItsValue() {
        RotaryConfig volume = new RotaryConfig(4, 5, null, null, null, null, 0, 100, 5, 50, null);
        s.events().subscribe("rotary.volume", e -> events.add(e.payload().toString()));
        s.spawn("volume", task("volume", volume));
        s.run(Duration.ZERO);
        turn("11"); // the mock starts low; pull-ups would hold both lines high at rest
        turn("01", "00", "10", "11"); // clockwise
        turn("01", "11"); // CLK chatter
        turn("10", "00", "01", "11"); // counter-clockwise
        turn("10", "00", "01", "11");

        assertEquals(List.of(
                "{delta=0, value=50}",
                "{delta=1, value=55}",
                "{delta=-1, value=50}",
                "{delta=-1, value=45}"), events);
        assertEquals(List.of("INFO rotary 'volume': watching clk 4 and dt 5 (pull up, mode stable), value 50 in 0..100"),
                log.at(System.Logger.Level.INFO));
    }

    @Test
    void aRestartedTaskOpensItsInputsAgainAndKeepsTheValue() {
        Task knob = task("knob", RotaryConfig.of(4, 5));
        TaskHandle first = s.spawn("knob", knob);
        s.run(Duration.ZERO);
        turn("11", "01", "00", "10", "11");
        first.cancel();
        s.run(Duration.ofMillis(1));
        assertFalse(pi4j.registry().exists("rotary-clk-4"));
        assertFalse(pi4j.registry().exists("rotary-dt-5"));

        s.events().subscribe("rotary.knob", e -> events.add(e.payload().toString()));
        s.spawn("knob", knob);
        s.run(Duration.ZERO);
        assertTrue(pi4j.registry().exists("rotary-clk-4"));
        assertEquals(List.of("{delta=0, value=1}"), events);
    }

    @Test
    void aKnobIsASensorOfItsValueAndADoorContactADoor() {
        TaskEnvironment env = TaskEnvironment.of("volume", s, log, services);
        new RotaryProvider().create(RotaryConfig.of(4, 5), env);
        new DebounceProvider().create(new DebounceConfig(12, null, null, null, null, null, "door"),
                TaskEnvironment.of("door", s, log, services));
        Entity volume = Entities.of(env).all().get(0);
        Entity door = Entities.of(env).all().get(1);
        assertEquals(Entity.Kind.SENSOR, volume.kind());
        assertEquals("rotary.volume", volume.pattern());
        assertEquals(7, volume.state().apply(new Event("rotary.volume", Map.of("delta", 1, "value", 7), 0, 1)));
        assertEquals(Entity.Kind.BINARY_SENSOR, door.kind());
        assertEquals("door", door.deviceClass());
        assertEquals("debounce.door", door.pattern());
        assertEquals(Boolean.TRUE, door.state().apply(new Event("debounce.door", Map.of("pressed", true), 0, 1)));
        assertEquals(null, door.state().apply(new Event("debounce.door", Map.of("level", 1), 0, 2)));
    }

    @Test
    void aLineConfiguredForAnotherTaskIsAConfigurationError() {
        new DebounceProvider().create(DebounceConfig.of(5), TaskEnvironment.of("door", s, log, services));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> task("knob", RotaryConfig.of(4, 5)));
        assertEquals("dt: GPIO 5 is already used by task 'door'; each input can be read by one task", e.getMessage());
    }

    @Test
    void aLineHeldElsewhereFailsTheTaskWithAClearMessageAndLeavesTheOtherLineFree() {
        pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("someone-else").address(5).build());
        TaskHandle knob = s.spawn("knob", task("knob", RotaryConfig.of(4, 5)));
        s.run(Duration.ZERO);

        assertEquals(TaskHandle.State.FAILED, knob.state());
        assertEquals("cannot open GPIO 5 as an input (is another task or program using it?): IO instance with"
                + " address 5 already exists in the Pi4J runtime context; unable to create a new instance using this"
                + " reserved id", knob.failure().orElseThrow().getMessage());
        assertFalse(pi4j.registry().exists("rotary-clk-4"), "the line opened first was shut down again");
    }

    @Test
    void withoutAPi4jContextTheTaskCannotBeCreated() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new RotaryProvider()
                .create(RotaryConfig.of(4, 5), TaskEnvironment.of("knob", s, log, new HashMap<>())));
        assertEquals("task 'knob' needs a com.pi4j.context.Context service, and none is registered", e.getMessage());
    }

    @Test
    void theModuleProvidesBothTaskTypesAndExportsItsPackage() {
        var descriptor = DebounceProvider.class.getModule().getDescriptor();
        assertEquals("org.perthensis.debounce", descriptor.name());
        var provides = descriptor.provides().stream()
                .filter(p -> p.service().equals("org.perthensis.api.TaskProvider")).findFirst().orElseThrow();
        assertEquals(List.of("org.perthensis.debounce.DebounceProvider", "org.perthensis.debounce.RotaryProvider"),
                provides.providers());
        assertTrue(descriptor.exports().stream().anyMatch(e -> e.source().equals("org.perthensis.debounce") && !e.isQualified()));
        assertEquals("debounce", new DebounceProvider().type());
        assertEquals("rotary", new RotaryProvider().type());
        assertEquals(DebounceConfig.class, new DebounceProvider().configType());
        assertEquals(RotaryConfig.class, new RotaryProvider().configType());
    }
}
