package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perthensis.api.ConfiguredTasks;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;
import org.perthensis.debounce.DebounceConfig;
import org.perthensis.debounce.DebounceProvider;
import org.perthensis.heartbeat.Alert;
import org.perthensis.heartbeat.HeartbeatProvider;
import org.perthensis.output.OutputProvider;
import org.perthensis.rule.Action;
import org.perthensis.rule.RuleProvider;
import org.perthensis.testing.RecordingLogger;

/**
 * The three examples of docs/rules.md, each with the modules it names working together under
 * virtual time on Pi4J's mock pins: inputs, rules, outputs and the heartbeat, which know one
 * another only through events. Only this module depends on all of them.
 */
class RulesAndOutputsTest {

    private final Context pi4j = Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(MockDigitalInputProvider.newInstance())
            .add(MockDigitalOutputProvider.newInstance())
            .build();
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final RecordingLogger log = new RecordingLogger(s.clock());
    private final Map<String, String> file = new LinkedHashMap<>();
    private final Map<Class<?>, Object> services = new HashMap<>(Map.of(Context.class, pi4j));
    private final List<String> levels = new ArrayList<>();

    @AfterEach
    void shutDownPi4j() {
        pi4j.shutdown();
    }

    /** Declares the tasks of the file first, as the runtime does before it creates any. */
    private void file(String... namesAndTypes) {
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            file.put(namesAndTypes[i], namesAndTypes[i + 1]);
        }
        services.put(ConfiguredTasks.class, new ConfiguredTasks(file));
    }

    private <C extends Record> void task(String name, TaskProvider<C> provider, C config) {
        Task task = provider.create(config, TaskEnvironment.of(name, s, log, services));
        s.spawn(name, task);
    }

    /** Records the level of a pin from now on, with its id. */
    private void follow(String id) {
        DigitalOutput out = pi4j.registry().get(id, DigitalOutput.class);
        levels.add(s.clock().millis() + " " + id + " " + out.state());
        out.addListener(e -> levels.add(s.clock().millis() + " " + id + " " + e.state()));
    }

    private void input(long atMillis, String id, boolean high) {
        s.run(Duration.ofMillis(atMillis - s.clock().millis()));
        pi4j.registry().get(id, MockDigitalInput.class).mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    private static Action set(String output, String to) {
        return new Action(output, to, null, null, null, null, null, null);
    }

    private static Action pulse(String output, String length) {
        return new Action(null, null, null, output, Durations.parse(length), null, null, null);
    }

    private static Action waitFor(String length) {
        return new Action(null, null, null, null, null, Durations.parse(length), null, null);
    }

    private static Action publish(String topic, Object payload) {
        return new Action(null, null, null, null, null, null, topic, payload);
    }

    @Test
    void porchLightOnAtTheOpeningOffThirtySecondsAfterTheLastOneOnAnActiveLowRelay() {
        file("door", "debounce", "porch", "rule", "light", "output");
        task("door", new DebounceProvider(), DebounceConfig.of(12).withSettle(Duration.ofMillis(100)));
        task("porch", new RuleProvider(), new RuleProvider.Config("debounce.door", Map.of("pressed", true),
                List.of(set("light", "on"), waitFor("30s"), set("light", "off")), null, null));
        task("light", new OutputProvider(), new OutputProvider.Config(22, true, null, null, Durations.parse("10min")));
        s.run(Duration.ZERO);
        follow("output-light");

        input(1_000, "debounce-12", true);   // the door opens: the debounced event comes 100 ms later
        input(5_000, "debounce-12", false);  // and closes, which the rule's "if" leaves alone
        input(21_000, "debounce-12", true);  // it opens again 20 s after the first event
        s.run(Duration.ofSeconds(90));

        assertEquals(List.of("0 output-light HIGH", "1100 output-light LOW", "51100 output-light HIGH"), levels);
        assertEquals(List.of(
                "0 INFO rule 'porch' watching debounce.door if {\"pressed\":true}: 3 actions, mode restart",
                "1100 INFO rule 'porch' triggered by debounce.door {\"level\":1,\"pressed\":true,"
                        + "\"at\":\"2000-01-01T00:00:01Z\",\"initial\":false}",
                "1100 INFO rule 'porch' (debounce.door): set light on",
                "1100 INFO rule 'porch' (debounce.door): wait 30s",
                "1100 INFO output 'light' on: rule 'porch' (debounce.door)",
                "21100 INFO rule 'porch' triggered again by debounce.door {\"level\":1,\"pressed\":true,"
                        + "\"at\":\"2000-01-01T00:00:21Z\",\"initial\":false}: restarting",
                "21100 INFO rule 'porch' (debounce.door): set light on",
                "21100 INFO rule 'porch' (debounce.door): wait 30s",
                "51100 INFO rule 'porch' (debounce.door): set light off",
                "51100 INFO rule 'porch' (debounce.door): done",
                "51100 INFO output 'light' off: rule 'porch' (debounce.door)"),
                log.visible().stream().filter(l -> l.contains("rule 'porch'")).toList());
    }

    @Test
    void doorOpenerPulsesOnAButtonPressAndIgnoresPressesForFiveSeconds() {
        file("button", "debounce", "opener", "output", "open-door", "rule");
        task("button", new DebounceProvider(), DebounceConfig.of(16).withPull("up").withInvert(true));
        task("opener", new OutputProvider(), new OutputProvider.Config(23, null, null, null, Durations.parse("5s")));
        task("open-door", new RuleProvider(), new RuleProvider.Config("debounce.button.press", null,
                List.of(pulse("opener", "1s"), waitFor("5s")), "single", null));
        s.run(Duration.ZERO);
        follow("output-opener");
        input(0, "debounce-16", true); // released: the pull-up holds it high

        for (long press : new long[] {1_000, 3_000, 8_000}) {
            input(press, "debounce-16", false);
            input(press + 200, "debounce-16", true);
        }
        s.run(Duration.ofSeconds(20));

        // Each press is reported 20 ms after it began, once settled; the second came within the lock-out.
        assertEquals(List.of("0 output-opener LOW", "1020 output-opener HIGH", "2020 output-opener LOW",
                "8020 output-opener HIGH", "9020 output-opener LOW"), levels);
        assertEquals(List.of("3020 INFO rule 'open-door' triggered by debounce.button.press"
                + " {\"at\":\"2000-01-01T00:00:03Z\"} while it runs: ignored (mode single)"),
                log.visible().stream().filter(l -> l.contains("ignored")).toList());
    }

    @Test
    void alarmBuzzerAndHeartbeatAlertWhileTheNetworkIsDown() {
        file("status", "heartbeat", "buzzer", "output", "offline", "rule", "online", "rule");
        task("status", new HeartbeatProvider(), new HeartbeatProvider.Config(17, null, null, List.of(100, 900),
                Duration.ZERO, List.of(new Alert("alarm.on", "alarm.off", List.of(100, 100))), null));
        task("buzzer", new OutputProvider(), new OutputProvider.Config(24, null, null, null, Durations.parse("2min")));
        task("offline", new RuleProvider(), new RuleProvider.Config("net.down", null,
                List.of(set("buzzer", "on"), publish("alarm.on", Map.of("reason", "network down"))), null, null));
        task("online", new RuleProvider(), new RuleProvider.Config("net.up", null,
                List.of(set("buzzer", "off"), publish("alarm.off", null)), null, null));
        s.run(Duration.ZERO);
        follow("output-buzzer");

        s.after(Duration.ofSeconds(10), sch -> sch.events().publish("net.down", Map.of("reason", "Connection refused")));
        s.after(Duration.ofSeconds(40), sch -> sch.events().publish("net.up", Map.of()));
        s.after(Duration.ofSeconds(60), sch -> sch.events().publish("net.down", Map.of("reason", "Connection refused")));
        s.run(Duration.ofMinutes(5));

        assertEquals(List.of("0 output-buzzer LOW", "10000 output-buzzer HIGH", "40000 output-buzzer LOW",
                "60000 output-buzzer HIGH", "180000 output-buzzer LOW"), levels, "maxOn ends the second alarm");
        assertEquals(List.of(
                "10000 INFO heartbeat 'status' shows alert alarm.on (until alarm.off): pattern [100, 100] ms",
                "40000 INFO heartbeat 'status' back to its pattern [100, 900] ms",
                "60000 INFO heartbeat 'status' shows alert alarm.on (until alarm.off): pattern [100, 100] ms",
                "180000 WARNING output 'buzzer' off: maxOn 2min reached (on since 2000-01-01T00:01:00Z)"),
                log.visible().stream().filter(l -> l.contains("shows alert") || l.contains("back to its pattern")
                        || l.contains("maxOn 2min reached")).toList());
    }
}
