package org.perthensis.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Durations;
import org.perthensis.api.Entities;
import org.perthensis.api.Entity;
import org.perthensis.api.Event;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskHandle;
import org.perthensis.output.OutputProvider.Config;
import org.perthensis.testing.RecordingLogger;

/** The {@code output} task on a pin of Pi4J's mock platform, under virtual time, as the runtime runs it. */
class OutputTest {
    private final Context pi4j = Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(MockDigitalOutputProvider.newInstance())
            .build();
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final RecordingLogger log = new RecordingLogger(s.clock());
    private final Metrics metrics = Metrics.create();
    private final Map<Class<?>, Object> services = new HashMap<>(Map.of(Context.class, pi4j, Metrics.class, metrics));
    private final List<String> levels = new ArrayList<>();
    private final List<String> states = new ArrayList<>();

    @AfterEach
    void shutDownPi4j() {
        pi4j.shutdown();
    }

    private static Config config(Boolean invert, String initial, String safe, String maxOn) {
        return new Config(22, invert, initial, safe, maxOn == null ? null : Durations.parse(maxOn));
    }

    private TaskEnvironment env;

    private Task task(Config config) {
        env = TaskEnvironment.of("light", s, log, services);
        return new OutputProvider().create(config, env);
    }

    private DigitalOutput output() {
        return pi4j.registry().get("output-light", DigitalOutput.class);
    }

    /** The line the app logs at shutdown for each output, with the same words. */
    private String finalState() {
        DigitalOutput out = output();
        return "gpio " + out.config().address() + " (" + out.id() + ") left " + out.state() + (out.isOn() ? " (on)" : " (off)");
    }

    /** Starts the task, runs its first turn at time 0, then records the pin's level and the published state. */
    private TaskHandle start(Config config) {
        TaskHandle task = s.spawn("light", task(config));
        s.events().subscribe("output.light", e -> states.add(s.clock().millis() + " " + e.get("on") + " " + e.get("why")));
        s.run(Duration.ZERO);
        DigitalOutput out = output();
        levels.add(s.clock().millis() + " " + out.state());
        out.addListener(e -> levels.add(s.clock().millis() + " " + e.state()));
        return task;
    }

    private void command(long atMillis, Object payload) {
        s.after(Duration.ofMillis(atMillis), sch -> sch.events().publish("output.light.set", payload));
    }

    @Test
    void anInvertedRelayIsOpenedHighForOffDrivenLowForOnAndReportedRightly() {
        TaskHandle task = start(config(true, null, null, null));
        assertEquals(DigitalState.HIGH, output().config().initialState(), "never LOW while opening: the relay would click on");
        assertEquals(DigitalState.HIGH, output().config().shutdownState(), "Pi4J leaves it off too");
        assertEquals("gpio 22 (output-light) left HIGH (off)", finalState());
        command(1000, "on");
        s.run(Duration.ofSeconds(2));
        assertEquals("gpio 22 (output-light) left LOW (on)", finalState());
        task.cancel();
        s.run(Duration.ZERO);
        assertEquals(List.of("0 HIGH", "1000 LOW", "2000 HIGH"), levels);
        assertEquals("gpio 22 (output-light) left HIGH (off)", finalState());
        assertEquals(List.of(
                "0 INFO output 'light' started on gpio 22 (active low): off",
                "1000 INFO output 'light' on: output.light.set",
                "2000 INFO output 'light' stopped, gpio 22 left HIGH (off)"), log.visible());
    }

    @Test
    void everyChangeIsPublishedWithOnSinceAndWhyAndACommandThatChangesNothingIsNot() {
        start(config(null, null, null, null));
        command(1000, "ON");
        command(2000, Map.of("set", "on", "why", "the kitchen"));
        command(3000, "toggle");
        command(4000, "{\"set\": \"toggle\", \"why\": \"the hall\"}");
        command(5000, false);
        s.run(Duration.ofSeconds(6));
        assertEquals(List.of("0 false initial", "1000 true output.light.set", "3000 false output.light.set", "4000 true the hall",
                "5000 false output.light.set"), states);
        assertEquals(List.of("0 LOW", "1000 HIGH", "3000 LOW", "4000 HIGH", "5000 LOW"), levels);
        assertEquals(Map.of("on", false, "since", Scheduler.Builder.VIRTUAL_EPOCH.plusSeconds(5), "why", "output.light.set"),
                s.events().last("output.light").orElseThrow().payload());
    }

    @Test
    void theInitialStateIsPublishedWhenTheTaskStarts() {
        start(config(null, "on", null, null));
        assertEquals(List.of("0 HIGH"), levels);
        assertEquals(Map.of("on", true, "since", Scheduler.Builder.VIRTUAL_EPOCH, "why", "initial"),
                s.events().last("output.light").orElseThrow().payload());
    }

    @Test
    void aPulseTurnsItOnForItsDurationThenOff() {
        start(config(null, null, null, null));
        command(1000, "pulse 2s");
        command(10_000, Map.of("set", "pulse", "for", "500ms"));
        s.run(Duration.ofSeconds(11));
        assertEquals(List.of("0 LOW", "1000 HIGH", "3000 LOW", "10000 HIGH", "10500 LOW"), levels);
        assertEquals(List.of("0 false initial", "1000 true output.light.set", "3000 false pulse of 2s ended", "10000 true output.light.set",
                "10500 false pulse of 500ms ended"), states);
        assertEquals(List.of(
                "0 INFO output 'light' started on gpio 22: off",
                "1000 INFO output 'light' on for 2s: output.light.set",
                "3000 INFO output 'light' off: pulse of 2s ended",
                "10000 INFO output 'light' on for 500ms: output.light.set",
                "10500 INFO output 'light' off: pulse of 500ms ended"), log.visible());
    }

    @Test
    void anOnDuringAPulseKeepsItOnAndAnOffEndsThePulseEarly() {
        start(config(null, null, null, null));
        command(1000, "pulse 2s");
        command(2000, "on");
        command(5000, "pulse 2s");
        command(6000, "off");
        s.run(Duration.ofSeconds(10));
        assertEquals(List.of("0 LOW", "1000 HIGH", "6000 LOW"), levels);
    }

    @Test
    void maxOnCutsAnOnThatWouldLeaveItOnAndARepeatedOnDoesNotExtendIt() {
        start(config(null, null, null, "10min"));
        command(1000, "on");
        command(300_000, "on");
        s.run(Duration.ofMinutes(20));
        assertEquals(List.of("0 LOW", "1000 HIGH", "601000 LOW"), levels);
        assertEquals(List.of("0 false initial", "1000 true output.light.set", "601000 false maxOn 10min reached"), states);
        assertEquals("601000 WARNING output 'light' off: maxOn 10min reached (on since 2000-01-01T00:00:01Z)",
                log.visible().getLast());
    }

    @Test
    void maxOnCutsAPulseLongerThanWhatIsLeftOfIt() {
        start(config(null, null, null, "10min"));
        command(1000, "on");
        command(240_000, "pulse 20min");
        s.run(Duration.ofMinutes(30));
        assertEquals(List.of("0 LOW", "1000 HIGH", "601000 LOW"), levels);
        assertEquals(List.of(
                "0 INFO output 'light' started on gpio 22: off, maxOn 10min",
                "1000 INFO output 'light' on: output.light.set",
                "240000 INFO output 'light' on for 20min, cut to 6min1s by maxOn 10min: output.light.set",
                "601000 WARNING output 'light' off: maxOn 10min reached (on since 2000-01-01T00:00:01Z)"), log.visible());
    }

    @Test
    void anInitialOnIsCutByMaxOnToo() {
        start(config(null, "on", null, "1h"));
        s.run(Duration.ofHours(2));
        assertEquals(List.of("0 HIGH", "3600000 LOW"), levels);
    }

    @Test
    void cancellingTheTaskLeavesTheOutputOffAndSaysSo() {
        TaskHandle task = start(config(null, null, null, "10min"));
        command(1000, "on");
        s.run(Duration.ofSeconds(5));
        task.cancel();
        s.run(Duration.ZERO);
        assertEquals(TaskHandle.State.CANCELLED, task.state());
        assertEquals(List.of("0 LOW", "1000 HIGH", "5000 LOW"), levels);
        assertEquals(List.of("0 false initial", "1000 true output.light.set", "5000 false stopped"), states);
        assertEquals("5000 INFO output 'light' stopped, gpio 22 left LOW (off)", log.visible().getLast());
        assertEquals("gpio 22 (output-light) left LOW (off)", finalState());
    }

    @Test
    void aSafeStateOfOnLeavesItOnWhenTheTaskStops() {
        TaskHandle task = start(config(null, null, "on", null));
        s.run(Duration.ofSeconds(1));
        task.cancel();
        s.run(Duration.ZERO);
        assertEquals(List.of("0 LOW", "1000 HIGH"), levels);
        assertEquals(DigitalState.HIGH, output().config().shutdownState());
    }

    @Test
    void aTaskThatFailsLeavesTheOutputOffAndTheFirstFailureSaysWhy() {
        Config config = config(true, null, null, null);
        TaskEnvironment env = TaskEnvironment.of("light", s, log, services);
        int[] writes = {0};
        Task task = new OutputTask(config, env, () -> {
            GpioPin real = GpioPin.open(pi4j, "output-light", "output light", 22, true, false, false);
            return new Pin() {
                @Override
                public void set(boolean on) {
                    if (++writes[0] == 4) {
                        real.set(on); // the line follows, then the driver reports an error
                        throw new IllegalStateException("gpiod: write to line 22 failed");
                    }
                    real.set(on);
                }

                @Override
                public String level() {
                    return real.level();
                }
            };
        }, "gpio 22 (active low)");
        TaskHandle handle = s.spawn("light", task);
        s.run(Duration.ZERO);
        output().addListener(e -> levels.add(s.clock().millis() + " " + e.state()));
        command(1000, "on");
        command(2000, "off");
        command(3000, "on");
        s.run(Duration.ofSeconds(4));
        assertEquals(TaskHandle.State.FAILED, handle.state());
        assertEquals("gpiod: write to line 22 failed", handle.failure().orElseThrow().getMessage());
        assertEquals(List.of("1000 LOW", "2000 HIGH", "3000 LOW", "3000 HIGH"), levels, "on at the failure, then off");
        assertEquals("3000 INFO output 'light' stopped, gpio 22 left HIGH (off)", log.visible().getLast());
        assertEquals("gpio 22 (output-light) left HIGH (off)", finalState());
    }

    @Test
    void aRestartedTaskReplacesTheOutputItLeftBehindAndStartsFromItsInitialState() {
        Task task = task(config(null, null, null, null));
        TaskHandle first = s.spawn("light", task);
        command(1000, "on");
        s.run(Duration.ofSeconds(2));
        first.cancel();
        s.run(Duration.ZERO);
        DigitalOutput left = output();
        TaskHandle second = s.spawn("light", task);
        command(1000, "on");
        s.run(Duration.ofSeconds(2));
        assertEquals(TaskHandle.State.RUNNING, second.state());
        assertNotSame(left, output());
        assertEquals(DigitalState.HIGH, output().state());
        assertEquals(1, pi4j.registry().all().size());
    }

    @Test
    void theOutputIsASwitchEntityTakingCommandsOnItsSetTopicAndMqttEventsAloneDoNothing() {
        start(config(null, null, null, null));
        Entity light = Entities.of(env).all().getFirst();
        assertEquals(Entity.Kind.SWITCH, light.kind());
        assertEquals("light", light.objectId());
        assertEquals("output.light.set", light.command());
        assertEquals("output.light", light.pattern());
        s.after(Duration.ofSeconds(1), sch -> sch.events().publish(light.command(), "on"));
        // The MQTT module tells the switch on its command topic; its own event must not switch it twice.
        s.after(Duration.ofSeconds(2), sch -> sch.events().publish("mqtt.home.command.light", "toggle"));
        s.run(Duration.ofSeconds(3));
        assertEquals(List.of("0 LOW", "1000 HIGH"), levels);
        assertEquals(List.of("0 false initial", "1000 true output.light.set"), states);
        assertEquals(true, light.state().apply(new Event("output.light", Map.of("on", true), 0, 1)));
        assertEquals(null, light.state().apply(new Event("output.light", Map.of("set", "on"), 0, 1)));
    }

    @Test
    void unreadableCommandsAreCountedAndLoggedTheFirstAtOnceTheRestOfTheBurstInOneLine() {
        start(config(null, null, null, null));
        command(1000, "blink");
        for (int i = 2; i <= 5; i++) {
            command(i * 1000L, "{\"set\": \"pulse\"}");
        }
        command(30_000, Map.of("set", "on", "colour", "red"));
        s.run(Duration.ofSeconds(45));
        assertEquals(List.of(
                "1000 WARNING output 'light' ignored a command it cannot read on output.light.set: expected on,"
                        + " off, toggle or pulse with a duration such as \"pulse 2s\", got \"blink\"",
                "11000 WARNING output 'light' ignored 4 more commands it could not read within 10s, the last on"
                        + " output.light.set: a pulse needs a duration, such as \"pulse 2s\" or {\"set\": \"pulse\", \"for\": \"2s\"};"
                        + " 5 in all",
                "30000 WARNING output 'light' ignored a command it cannot read on output.light.set: unknown field \"colour\";"
                        + " a command has \"set\", and \"for\" with a pulse, and may have \"why\""),
                log.atLeast(System.Logger.Level.WARNING));
        assertEquals(List.of("0 LOW"), levels, "none of them switched it");
        Map<String, Double> read = new HashMap<>();
        metrics.collect().forEach(m -> read.put(m.name(), m.value()));
        assertEquals(6.0, read.get("perthensis_output_unreadable_commands_total"));
        assertEquals(0.0, read.get("perthensis_output_on"));
    }

    @Test
    void aPinAnotherTaskClaimedIsAConfigErrorBeforeAnythingStarts() {
        TaskEnvironment.of("door", s, log, services).claim("gpio:22");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> task(config(null, null, null, null)));
        assertEquals("pin: GPIO 22 is already used by task 'door'; give the output a pin of its own", e.getMessage());
        assertTrue(pi4j.registry().all().isEmpty(), "no output was created");
    }

    @Test
    void aPinUsedByAnotherOutputOfTheContextMakesTheTaskFailWithItsOwner() {
        pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("door-bell").address(22));
        TaskHandle task = s.spawn("light", task(config(null, null, null, null)));
        s.run(Duration.ZERO);
        assertEquals(TaskHandle.State.FAILED, task.state());
        assertEquals("gpio 22 is already in use by Pi4J output 'door-bell'; give the output a pin of its own",
                task.failure().orElseThrow().getMessage());
        assertFalse(pi4j.registry().exists("output-light"));
    }

    @Test
    void withoutAPi4jContextTheTaskCannotBeCreatedAndClaimsNoPin() {
        services.remove(Context.class);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> task(config(null, null, null, null)));
        assertEquals("task 'light' needs a com.pi4j.context.Context service, and none is registered", e.getMessage());
        assertEquals(Optional.empty(), TaskEnvironment.of("door", s, log, services).claim("gpio:22"));
    }

    @Test
    void providerNamesItsTypeAndConfigRecord() {
        OutputProvider provider = new OutputProvider();
        assertEquals("output", provider.type());
        assertEquals(Config.class, provider.configType());
        assertTrue(provider.description().isPresent());
    }
}
