package org.perthensis.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskHandle;
import org.perthensis.heartbeat.HeartbeatProvider.Config;
import org.perthensis.testing.RecordingLogger;

/** The heartbeat task on a GPIO pin of Pi4J's mock platform, as the runtime runs it. */
class GpioHeartbeatTest {
    private final Context pi4j = Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(MockDigitalOutputProvider.newInstance())
            .build();
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final RecordingLogger log = new RecordingLogger();
    private final Map<Class<?>, Object> services = new HashMap<>(Map.of(Context.class, pi4j));
    private final List<String> levels = new ArrayList<>();

    @AfterEach
    void shutDownPi4j() {
        pi4j.shutdown();
    }

    private Task task(Config config) {
        return new HeartbeatProvider().create(config, TaskEnvironment.of("status", s, log, services));
    }

    private DigitalOutput output() {
        return pi4j.registry().get("heartbeat-status", DigitalOutput.class);
    }

    /** Runs the task's first turn, in which it opens its output, at time 0. */
    private void runUntilSetUp() {
        s.run(Duration.ZERO);
    }

    /** Records the output's level now and at every later change, on the virtual clock. */
    private void recordLevels() {
        DigitalOutput out = output();
        levels.add(s.clock().millis() + " " + out.state());
        out.addListener(e -> levels.add(s.clock().millis() + " " + e.state()));
    }

    @Test
    void invertedPinIsDrivenLowForOnAndLeftHighWhenCancelled() {
        TaskHandle task = s.spawn("status", task(new Config(17, null, true, null, null, null, null)));
        runUntilSetUp();
        recordLevels();
        s.run(Duration.ofMillis(3200));
        task.cancel();
        s.run(Duration.ZERO);
        assertEquals(List.of("0 LOW", "2050 HIGH", "2150 LOW", "2250 HIGH", "3000 LOW", "3050 HIGH", "3150 LOW", "3200 HIGH"),
                levels);
        assertEquals(DigitalState.HIGH, output().state());
        assertFalse(output().isOn(), "Pi4J, and so the runtime's final-state line, must call a dark inverted LED off");
        assertEquals(List.of(
                "INFO heartbeat 'status' started on gpio 17 (active low): on for 2s, then pattern [50, 100, 100, 750] ms",
                "INFO heartbeat 'status' stopped, gpio 17 left HIGH"), log.visible());
    }

    @Test
    void theStartLineShowsTheResetHoldInTheNotationTheConfigReads() {
        s.spawn("status", task(new Config(17, null, false, List.of(100, 100), Duration.ofMillis(1500), null, null)));
        runUntilSetUp();
        assertEquals(List.of("INFO heartbeat 'status' started on gpio 17: on for 1.5s, then pattern [100, 100] ms"),
                log.visible());
    }

    @Test
    void pinIsDrivenHighForOnWithACustomPatternAndLeftLow() {
        TaskHandle task = s.spawn("status", task(new Config(17, null, false, List.of(300, 200), Duration.ZERO, null, null)));
        runUntilSetUp();
        recordLevels();
        s.run(Duration.ofMillis(1100));
        s.shutdown();
        s.run(Duration.ofMillis(10));
        assertEquals(List.of("0 HIGH", "300 LOW", "500 HIGH", "800 LOW", "1000 HIGH", "1100 LOW"), levels);
        assertEquals(TaskHandle.State.CANCELLED, task.state());
        assertEquals("pin 17, id heartbeat-status, name heartbeat status",
                "pin " + output().config().address() + ", id " + output().id() + ", name " + output().name());
    }

    @Test
    void configuredAlertBlinksThePinFastWhileTheNetworkIsDown() {
        Alert netDown = new Alert("net.down", "net.up", List.of(100, 100));
        s.spawn("status", task(new Config(17, null, null, null, Duration.ZERO, List.of(netDown), null)));
        s.after(Duration.ofMillis(1120), sch -> sch.events().publish("net.down", Map.of("probe", "tcp://192.0.2.1:53")));
        s.after(Duration.ofMillis(1570), sch -> sch.events().publish("net.up", Map.of("probe", "tcp://192.0.2.1:53")));
        runUntilSetUp();
        recordLevels();
        s.run(Duration.ofMillis(2000));
        assertEquals(List.of("0 HIGH", "50 LOW", "150 HIGH", "250 LOW", "1000 HIGH", "1050 LOW",
                "1120 HIGH", "1220 LOW", "1320 HIGH", "1420 LOW", "1520 HIGH",
                "1620 LOW", "1720 HIGH", "1820 LOW"), levels);
        assertEquals(List.of("INFO heartbeat 'status' started on gpio 17: pattern [50, 100, 100, 750] ms;"
                        + " alert net.down until net.up: [100, 100] ms",
                "INFO heartbeat 'status' shows alert net.down (until net.up): pattern [100, 100] ms",
                "INFO heartbeat 'status' back to its pattern [50, 100, 100, 750] ms"), log.visible());
    }

    @Test
    void restartedTaskReplacesTheOutputItLeftBehind() {
        Task task = task(new Config(17, null, false, List.of(100, 100), Duration.ZERO, null, null));
        TaskHandle first = s.spawn("status", task);
        runUntilSetUp();
        s.run(Duration.ofMillis(50));
        first.cancel();
        s.run(Duration.ZERO);
        DigitalOutput left = output();
        assertEquals(DigitalState.LOW, left.state());

        TaskHandle second = s.spawn("status", task);
        s.run(Duration.ofMillis(10));
        assertEquals(TaskHandle.State.RUNNING, second.state());
        assertTrue(output() != left, "a fresh output");
        assertEquals(DigitalState.HIGH, output().state());
        assertEquals(1, pi4j.registry().all().size());
    }

    @Test
    void aPinUsedByAnotherOutputIsRefusedWithItsOwner() {
        pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("door-bell").address(17));
        TaskHandle task = s.spawn("status", task(new Config(17, null, false, null, null, null, null)));
        runUntilSetUp();
        assertEquals(TaskHandle.State.FAILED, task.state());
        assertEquals("gpio 17 is already in use by Pi4J output 'door-bell'; give the heartbeat a pin of its own",
                task.failure().orElseThrow().getMessage());
        assertFalse(pi4j.registry().exists("heartbeat-status"));
    }

    @Test
    void aPinAnotherTaskClaimedIsAConfigErrorBeforeAnythingStarts() {
        TaskEnvironment.of("door", s, log, services).claim("gpio:17");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> task(new Config(17, null, false, null, null, null, null)));
        assertEquals("pin: GPIO 17 is already used by task 'door'; give the heartbeat a pin of its own", e.getMessage());
        assertTrue(pi4j.registry().all().isEmpty(), "no output was created");
    }

    @Test
    void withoutAPi4jContextTheTaskCannotBeCreatedAndClaimsNoPin() {
        services.clear();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> task(new Config(17, null, false, null, null, null, null)));
        assertEquals("task 'status' needs a com.pi4j.context.Context service, and none is registered", e.getMessage());
        assertEquals(Optional.empty(), TaskEnvironment.of("door", s, log, services).claim("gpio:17"),
                "a task left out holds no pin");
    }

    @Test
    void libraryUseBlinksAnOutputOfYourOwn() {
        DigitalOutput pin = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("status-led").address(27));
        List<String> seen = new ArrayList<>();
        pin.addListener(e -> seen.add(s.clock().millis() + " " + e.state()));

        s.spawn("status", new Heartbeat(LedOutput.of(pin, false))::beat);

        s.run(Duration.ofMillis(2999));
        assertEquals(List.of("0 HIGH", "2050 LOW", "2150 HIGH", "2250 LOW"), seen);
    }

    @Test
    void providerNamesItsTypeAndConfigRecord() {
        HeartbeatProvider provider = new HeartbeatProvider();
        assertEquals("heartbeat", provider.type());
        assertEquals(Config.class, provider.configType());
        assertTrue(provider.description().isPresent());
    }
}
