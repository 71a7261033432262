package org.perthensis.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskHandle;
import org.perthensis.rule.RuleProvider.Config;
import org.perthensis.testing.RecordingLogger;

/**
 * Rules under virtual time, with the events a door contact would publish and a recorder in
 * place of the output: a rule acts on outputs only through their command events.
 */
class RuleTest {
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final RecordingLogger log = new RecordingLogger(s.clock());
    private final List<String> commands = new ArrayList<>();

    RuleTest() {
        s.events().subscribe("output.*", e -> commands.add(s.clock().millis() + " " + e.topic() + " " + e.get("set")
                + (e.get("for") == null ? "" : " " + e.get("for"))));
    }

    private static Action set(String output, String to) {
        return new Action(output, to, null, null, null, null, null, null);
    }

    private static Action waitFor(String duration) {
        return new Action(null, null, null, null, null, org.perthensis.api.Durations.parse(duration), null, null);
    }

    /** The porch example, with the door contact's real field: pressed while the door is open. */
    private static Config porch(String mode, Integer max) {
        return new Config("debounce.door", Map.of("pressed", true),
                List.of(set("light", "on"), waitFor("30s"), set("light", "off")), mode, max);
    }

    private TaskHandle start(String name, Config config) {
        TaskHandle rule = s.spawn(name, new RuleProvider().create(config, TaskEnvironment.of(name, s, log, new HashMap<>())));
        s.run(Duration.ZERO);
        return rule;
    }

    /** Publishes the door contact's event {@code atMillis} from now. */
    private void door(long atMillis, boolean open) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("level", open ? 1 : 0);
        payload.put("pressed", open);
        payload.put("initial", false);
        s.after(Duration.ofMillis(atMillis), sch -> sch.events().publish("debounce.door", payload));
    }

    @Test
    void thePorchLightGoesOnAtTheOpeningAndOffThirtySecondsAfterTheLastOne() {
        start("porch", porch(null, null));
        door(0, true);
        door(5_000, false);
        door(20_000, true);
        door(25_000, false);
        s.run(Duration.ofSeconds(90));
        assertEquals(List.of("0 output.light.set on", "20000 output.light.set on", "50000 output.light.set off"), commands);
        assertEquals(List.of(
                "0 INFO rule 'porch' watching debounce.door if {\"pressed\":true}: 3 actions, mode restart",
                "0 INFO rule 'porch' triggered by debounce.door {\"level\":1,\"pressed\":true,\"initial\":false}",
                "0 INFO rule 'porch' (debounce.door): set light on",
                "0 INFO rule 'porch' (debounce.door): wait 30s",
                "20000 INFO rule 'porch' triggered again by debounce.door {\"level\":1,\"pressed\":true,\"initial\":false}:"
                        + " restarting",
                "20000 INFO rule 'porch' (debounce.door): set light on",
                "20000 INFO rule 'porch' (debounce.door): wait 30s",
                "50000 INFO rule 'porch' (debounce.door): set light off",
                "50000 INFO rule 'porch' (debounce.door): done"), log.visible());
    }

    @Test
    void theCommandSaysWhichRuleAndWhichEventAsked() {
        start("porch", porch(null, null));
        List<Object> payloads = new ArrayList<>();
        s.events().subscribe("output.light.set", e -> payloads.add(e.payload()));
        door(0, true);
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of(Map.of("set", "on", "why", "rule 'porch' (debounce.door)")), payloads);
    }

    @Test
    void singleIgnoresTriggersWhileItRunsAndCountsThemInOneLine() {
        start("porch", porch("single", null));
        door(0, true);
        door(20_000, true);
        door(25_000, true);
        door(40_000, true);
        s.run(Duration.ofSeconds(90));
        assertEquals(List.of("0 output.light.set on", "30000 output.light.set off", "40000 output.light.set on",
                "70000 output.light.set off"), commands);
        assertEquals(List.of(
                "20000 INFO rule 'porch' triggered by debounce.door {\"level\":1,\"pressed\":true,\"initial\":false}"
                        + " while it runs: ignored (mode single)",
                "30000 INFO rule 'porch' ignored 1 more trigger while it ran (mode single)"),
                log.visible().stream().filter(l -> l.contains("ignored")).toList());
    }

    @Test
    void queuedRunsEachTriggerInTurnAndDropsWhatExceedsItsMax() {
        start("porch", porch("queued", 3));
        door(0, true);
        door(1_000, true);
        door(2_000, true);
        door(3_000, true);
        door(4_000, true);
        s.run(Duration.ofSeconds(120));
        assertEquals(List.of("0 output.light.set on", "30000 output.light.set off", "30000 output.light.set on",
                "60000 output.light.set off", "60000 output.light.set on", "90000 output.light.set off"), commands);
        String door = "debounce.door {\"level\":1,\"pressed\":true,\"initial\":false}";
        assertEquals(List.of(
                "1000 INFO rule 'porch' triggered by " + door + " while it runs: queued, 1 waiting (mode queued, max 3)",
                "2000 INFO rule 'porch' triggered by " + door + " while it runs: queued, 2 waiting (mode queued, max 3)",
                "3000 WARNING rule 'porch' dropped a trigger, " + door + ": 2 already waiting (mode queued, max 3)",
                "30000 WARNING rule 'porch' dropped 1 more trigger while 2 waited (mode queued, max 3)",
                "30000 INFO rule 'porch' runs the queued " + door,
                "60000 INFO rule 'porch' runs the queued " + door),
                log.visible().stream().filter(l -> !l.contains("watching") && (l.contains("queue") || l.contains("dropped"))).toList());
    }

    @Test
    void aRuleStoppedWithQueuedTriggersSaysWhatItLeavesUndone() {
        TaskHandle rule = start("porch", porch("queued", null));
        door(0, true);
        door(1_000, true);
        door(2_000, true);
        s.run(Duration.ofSeconds(10));
        rule.cancel();
        s.run(Duration.ZERO);
        assertEquals("10000 INFO rule 'porch' stopped, its run for debounce.door cancelled, 2 queued triggers not run",
                log.visible().getLast());
    }

    @Test
    void pulseToggleAndPublishActionsPublishTheirEvents() {
        List<String> published = new ArrayList<>();
        s.events().subscribe("alarm.*", e -> published.add(s.clock().millis() + " " + e.topic() + " " + e.payload()));
        start("bell", new Config("debounce.button.press", null, List.of(
                new Action(null, null, null, "opener", Duration.ofSeconds(1), null, null, null),
                new Action(null, null, "light", null, null, null, null, null),
                new Action(null, null, null, null, null, Duration.ofMillis(500), null, null),
                new Action(null, null, null, null, null, null, "alarm.on", Map.of("level", 2)),
                new Action(null, null, null, null, null, null, "alarm.off", null)), null, null));
        s.after(Duration.ofSeconds(1), sch -> sch.events().publish("debounce.button.press", Map.of("at", "now")));
        s.run(Duration.ofSeconds(5));
        assertEquals(List.of("1000 output.opener.set pulse PT1S", "1000 output.light.set toggle"), commands);
        assertEquals(List.of("1500 alarm.on {level=2}", "1500 alarm.off null"), published);
        assertEquals(List.of(
                "1000 INFO rule 'bell' (debounce.button.press): pulse opener for 1s",
                "1000 INFO rule 'bell' (debounce.button.press): toggle light",
                "1000 INFO rule 'bell' (debounce.button.press): wait 500ms",
                "1500 INFO rule 'bell' (debounce.button.press): publish alarm.on {\"level\":2}",
                "1500 INFO rule 'bell' (debounce.button.press): publish alarm.off",
                "1500 INFO rule 'bell' (debounce.button.press): done"),
                log.visible().stream().filter(l -> l.contains("(debounce")).toList());
    }

    @Test
    void aPrefixTriggersOnEveryTopicUnderItAndTheLogSaysWhichOne() {
        start("any", new Config("debounce.*", null, List.of(set("light", "on")), null, null));
        s.after(Duration.ofSeconds(1), sch -> sch.events().publish("debounce.door", null));
        s.after(Duration.ofSeconds(2), sch -> sch.events().publish("debounce.window.press", null));
        s.run(Duration.ofSeconds(3));
        assertEquals(List.of("1000 INFO rule 'any' triggered by debounce.door",
                "2000 INFO rule 'any' triggered by debounce.window.press"),
                log.visible().stream().filter(l -> l.contains("triggered")).toList());
    }

    @Test
    void stoppingTheRuleStopsItsRunMidWait() {
        TaskHandle rule = start("porch", porch(null, null));
        door(0, true);
        s.run(Duration.ofSeconds(10));
        rule.cancel();
        s.run(Duration.ofSeconds(60));
        assertEquals(TaskHandle.State.CANCELLED, rule.state());
        assertEquals(List.of("0 output.light.set on"), commands, "the output's own safe state is what ends it now");
        assertEquals("10000 INFO rule 'porch' stopped, its run for debounce.door cancelled", log.visible().getLast());
        door(1_000, true);
        s.run(Duration.ofSeconds(5));
        assertEquals(1, commands.size(), "a stopped rule follows no more triggers");
    }
}
