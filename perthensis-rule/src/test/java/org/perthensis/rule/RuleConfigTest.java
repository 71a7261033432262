package org.perthensis.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.perthensis.api.ConfiguredTasks;
import org.perthensis.api.FieldException;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskInfo;
import org.perthensis.rule.RuleProvider.Config;
import org.perthensis.testing.RecordingLogger;

/** What a rule's settings may be, and what is said when they are wrong, in the form the app reports at the field. */
class RuleConfigTest {

    private static final Action LIGHT_ON = new Action("light", "on", null, null, null, null, null, null);

    private static String problem(Config config) {
        return problem(() -> config);
    }

    private static String problem(java.util.function.Supplier<Object> making) {
        return assertThrows(FieldException.class, making::get).getMessage();
    }

    private static Action action(String set, String to, String toggle, String pulse, String length, String wait,
            String publish, Object payload) {
        return new Action(set, to, toggle, pulse, length == null ? null : org.perthensis.api.Durations.parse(length),
                wait == null ? null : org.perthensis.api.Durations.parse(wait), publish, payload);
    }

    @Test
    void aRuleNeedsATriggerAndActionsAndDefaultsToRestart() {
        Config porch = new Config("debounce.door", null, List.of(LIGHT_ON), null, null);
        assertEquals(new Config("debounce.door", Map.of(), List.of(LIGHT_ON), "restart", null), porch);
        assertEquals(10, new Config("debounce.door", null, List.of(LIGHT_ON), "queued", null).max());
        assertEquals("when: is required; give an event topic such as \"net.down\", or a prefix such as \"net.*\"",
                problem(() -> new Config(null, null, List.of(LIGHT_ON), null, null)));
        assertEquals("when: must be an event topic, or a prefix ending in '*' such as \"net.*\", got \"debounce*.door\"",
                problem(() -> new Config("debounce*.door", null, List.of(LIGHT_ON), null, null)));
        assertEquals("do: is required; give the actions to run, such as [{\"set\": \"light\", \"to\": \"on\"}]",
                problem(() -> new Config("a.b", null, null, null, null)));
        assertEquals("do: is empty; give the actions to run, such as [{\"set\": \"light\", \"to\": \"on\"}]",
                problem(() -> new Config("a.b", null, List.of(), null, null)));
        assertEquals("mode: must be one of \"restart\", \"single\", \"queued\", got \"parallel\"",
                problem(() -> new Config("a.b", null, List.of(LIGHT_ON), "parallel", null)));
        assertEquals("max: goes with \"mode\": \"queued\" only, got it with \"restart\"",
                problem(() -> new Config("a.b", null, List.of(LIGHT_ON), null, 3)));
        assertEquals("max: must be from 1 to 1000, got 0", problem(() -> new Config("a.b", null, List.of(LIGHT_ON), "queued", 0)));
    }

    @Test
    void anActionIsExactlyOneOfFiveWithTheFieldsItNeeds() {
        assertEquals("set, toggle, pulse, wait or publish: one is required; give the action, such as"
                + " {\"set\": \"light\", \"to\": \"on\"} or {\"wait\": \"30s\"}",
                problem(() -> action(null, null, null, null, null, null, null, null)));
        assertEquals("wait: must be an action of its own, in the next element of \"do\", got it beside \"set\"",
                problem(() -> action("light", "on", null, null, null, "1s", null, null)));
        assertEquals("to: is required; give \"on\" or \"off\"", problem(() -> action("light", null, null, null, null, null, null, null)));
        assertEquals("to: must be one of \"on\", \"off\", got \"toggle\"",
                problem(() -> action("light", "toggle", null, null, null, null, null, null)));
        assertEquals("to: goes with \"set\" only, got it with \"toggle\"",
                problem(() -> action(null, "on", "light", null, null, null, null, null)));
        assertEquals("for: is required; give how long the pulse lasts, such as \"1s\"",
                problem(() -> action(null, null, null, "opener", null, null, null, null)));
        assertEquals("for: must be positive, got 0s", problem(() -> action(null, null, null, "opener", "0s", null, null, null)));
        assertEquals("for: goes with \"pulse\" only, got it with \"set\"",
                problem(() -> action("light", "on", null, null, "1s", null, null, null)));
        assertEquals("wait: must be positive, got 0s", problem(() -> action(null, null, null, null, null, "0s", null, null)));
        assertEquals("publish: must be an event topic, without '*', got \"alarm.*\"",
                problem(() -> action(null, null, null, null, null, null, "alarm.*", null)));
        assertEquals("payload: goes with \"publish\" only, got it with \"toggle\"",
                problem(() -> action(null, null, "light", null, null, null, null, Map.of("a", 1))));
        assertEquals("set: must be the name of an output task (letters, digits, '-' and '_'), got \"porch light\"",
                problem(() -> action("porch light", "on", null, null, null, null, null, null)));
        assertEquals("set: is empty; give the name of an output task, such as \"light\"",
                problem(() -> action(" ", "on", null, null, null, null, null, null)));
    }

    @Test
    void anActionThatWouldTriggerItsOwnRuleIsRefused() {
        assertEquals("do[1].publish: would trigger the rule itself: it publishes alarm.on, which \"when\" matches (\"alarm.*\")",
                problem(() -> new Config("alarm.*", null, List.of(LIGHT_ON,
                        action(null, null, null, null, null, null, "alarm.on", null)), null, null)));
        assertEquals("do[0].set: would trigger the rule itself: it publishes output.light.set, which \"when\" matches"
                + " (\"output.*\")", problem(() -> new Config("output.*", null, List.of(LIGHT_ON), null, null)));
    }

    @Test
    void aPayloadIsKeptAsJsonCarriesIt() {
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("level", 2);
        written.put("ratio", 0.5);
        Action publish = action(null, null, null, null, null, null, "alarm.on", written);
        assertEquals(Map.of("level", 2L, "ratio", new java.math.BigDecimal("0.5")), publish.payload());
        assertThrows(UnsupportedOperationException.class, () -> ((Map<?, ?>) publish.payload()).clear());
    }

    @Test
    void ifTakesValuesAndInListsAndNothingMoreClever() {
        assertEquals("if.state: must be a value (text, a number, true, false or null) or {\"in\": [...]}, got a list;"
                + " write {\"in\": [\"open\",\"ajar\"]} for one of several",
                problem(() -> new Config("a.b", Map.of("state", List.of("open", "ajar")), List.of(LIGHT_ON), null, null)));
        assertEquals("if.state: must be a value (text, a number, true, false or null) or {\"in\": [...]}, got an object"
                + " with \"gt\"", problem(() -> new Config("a.b", Map.of("state", Map.of("gt", 3)), List.of(LIGHT_ON), null, null)));
        assertEquals("if.state.in: must be a list of values (text, numbers, true, false or null), got \"open\"",
                problem(() -> new Config("a.b", Map.of("state", Map.of("in", "open")), List.of(LIGHT_ON), null, null)));
    }

    @Test
    void ifComparesThePayloadAsJsonCarriesIt() {
        Map<String, Object> written = new HashMap<>();
        written.put("state", Map.of("in", List.of("open", "ajar")));
        written.put("held", "1.5s");
        written.put("level", 1.0);
        Condition c = Condition.of(Condition.check("if", written));
        assertEquals(true, c.matches(Map.of("state", "ajar", "held", Duration.ofMillis(1500), "level", 1)));
        assertEquals(true, c.matches(Map.of("state", "open", "held", "1.5s", "level", 1L)));
        assertEquals(false, c.matches(Map.of("state", "shut", "held", "1.5s", "level", 1)));
        assertEquals(false, c.matches(Map.of("state", "open", "held", "1.5s", "level", 2)));
        assertEquals(false, c.matches("open"), "a payload that is no object has no fields");

        Condition failed = Condition.of(Condition.check("if", Map.of("state", "failed", "restarts", Map.of("in", List.of(3, 4)))));
        Instant now = Instant.EPOCH;
        assertEquals(true, failed.matches(new TaskInfo("door", "debounce", "org.perthensis.debounce", TaskInfo.State.FAILED,
                now, now, 3, "java.io.IOException: gone", now)), "a record's components, an enum by its name in lower case");
        assertEquals(false, failed.matches(new TaskInfo("door", "debounce", "org.perthensis.debounce", TaskInfo.State.FAILED,
                now, now, 5, "java.io.IOException: gone", now)));

        Map<String, Object> nothing = new HashMap<>();
        nothing.put("alert", null);
        Condition none = Condition.of(Condition.check("if", nothing));
        assertEquals(true, none.matches(Map.of("until", "net.up")), "a missing field is null");
        assertEquals(true, Condition.of(Map.of()).matches(null), "no condition: every event");
    }

    private static TaskEnvironment fileWith(Map<String, String> tasks) {
        Map<Class<?>, Object> services = new HashMap<>(Map.of(ConfiguredTasks.class, new ConfiguredTasks(tasks)));
        return TaskEnvironment.of("porch", Scheduler.builder().virtualTime().build(), new RecordingLogger(), services);
    }

    @Test
    void anOutputTheFileHasNotIsAnErrorAtTheActionThatNamesIt() {
        Config rule = new Config("debounce.door", null, List.of(action(null, null, null, null, null, "1s", null, null),
                action(null, null, "lamp", null, null, null, null, null)), null, null);
        Map<String, String> file = new LinkedHashMap<>();
        file.put("porch", "rule");
        file.put("door", "debounce");
        file.put("light", "output");
        file.put("opener", "output");
        file.put("lamp", "heartbeat");
        assertEquals("do[1].toggle: must name an output task of this file (\"light\", \"opener\"), got \"lamp\", a heartbeat task",
                problem(() -> new RuleProvider().create(rule, fileWith(file))));
        Config other = new Config("debounce.door", null, List.of(action("garage", "on", null, null, null, null, null, null)),
                null, null);
        assertEquals("do[0].set: must name an output task of this file, and it has none, got \"garage\"",
                problem(() -> new RuleProvider().create(other, fileWith(Map.of("porch", "rule")))));
        new RuleProvider().create(new Config("debounce.door", null, List.of(LIGHT_ON), null, null), fileWith(file));
    }
}
