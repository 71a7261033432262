package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs and rules through the real distribution: the pins' final state after SIGTERM, mistakes, a jar left out. */
class RulesAndOutputsIT {

    @TempDir
    Path dir;

    /**
     * The rule comes first in the file and names outputs that come after it; the active-low
     * light starts on, and its state event triggers the rule, which switches the buzzer on.
     * After SIGTERM both are off, by the outputs' own lines and by the app's final-state lines.
     */
    @Test
    void sigtermLeavesEveryOutputInItsSafeStateAndTheAppsFinalLinesSaySoForAnActiveLowRelayToo() {
        Distribution.write(dir.resolve("perthensis.json"), """
                { "gpio": { "provider": "mock" },
                  "tasks": [
                    { "type": "rule", "name": "follow", "when": "output.light", "if": { "on": true },
                      "do": [ { "set": "buzzer", "to": "on" } ] },
                    { "type": "output", "name": "buzzer", "pin": 23 },
                    { "type": "output", "name": "light", "pin": 22, "invert": true, "initial": "on" }
                  ] }
                """);
        try (AppProcess app = Distribution.start(dir, Distribution.MODS, "perthensis.json")) {
            app.awaitLog("INFO  [perthensis.output.light] output 'light' started on gpio 22 (active low): on"::equals,
                    "the light's start line");
            app.awaitLog("INFO  [perthensis.output.buzzer] output 'buzzer' on: rule 'follow' (output.light)"::equals,
                    "the buzzer switched on by the rule");
            app.sigterm();
            assertEquals(0, app.awaitExit(Duration.ofSeconds(5)), () -> String.join("\n", app.err()));
            List<String> log = app.log();
            String all = String.join("\n", log);
            assertTrue(log.contains("INFO  [perthensis.output.light] output 'light' stopped, gpio 22 left HIGH (off)"), all);
            assertTrue(log.contains("INFO  [perthensis.output.buzzer] output 'buzzer' stopped, gpio 23 left LOW (off)"), all);
            int light = log.indexOf("INFO  [app] gpio 22 (output-light) left HIGH (off)");
            int buzzer = log.indexOf("INFO  [app] gpio 23 (output-buzzer) left LOW (off)");
            assertTrue(light > 0 && buzzer == light + 1, "the app's final-state lines, by pin number:\n" + all);
            assertEquals("INFO  [app] stopped (exit code 0)", log.getLast());
        }
    }

    @Test
    void everyMistakeOfTheRulesComesAtOnceWithItsPlaceAndNothingStarts() {
        Distribution.write(dir.resolve("rules.json"), """
                { "tasks": [
                    { "type": "output", "name": "light", "pin": 22 },
                    { "type": "rule", "name": "a", "when": "debounce.door",
                      "do": [ { "set": "lamp", "to": "on" } ] },
                    { "type": "rule", "name": "b", "when": "debounce.door",
                      "do": [ { "set": "light" } ] },
                    { "type": "rule", "name": "c", "when": "debounce.door",
                      "do": [ { "set": "light", "to": "on" }, { "wait": "30" } ] }
                ] }
                """);
        List<String> expected = List.of(
                "rules.json:4:17: $.tasks[1].do[0].set: must name an output task of this file (\"light\"), got \"lamp\"",
                "rules.json:6:15: $.tasks[2].do[0].to: is required; give \"on\" or \"off\"",
                "rules.json:8:49: $.tasks[3].do[1].wait: expected a duration such as \"250ms\", \"5s\", \"30min\", \"6h\","
                        + " \"1h30m\" or \"PT6H\", got \"30\"");
        try (AppProcess check = Distribution.start(dir, Distribution.MODS, "--check", "rules.json")) {
            assertEquals(2, check.awaitExit());
            List<String> all = new ArrayList<>(expected);
            all.add("3 errors in rules.json.");
            assertEquals(all, check.err());
        }
        try (AppProcess run = Distribution.start(dir, Distribution.MODS, "rules.json")) {
            assertEquals(2, run.awaitExit());
            List<String> all = new ArrayList<>(expected);
            all.add("3 errors in rules.json; nothing was started.");
            assertEquals(all, run.err());
        }
    }

    /** The rule jar works without the output jar: the output is skipped with a warning, and naming it is no mistake. */
    @Test
    void aRuleRunsWithoutTheOutputModuleAndItsOutputIsSkippedWithAWarning() {
        Path mods = Distribution.copyMods(dir, List.of(), "perthensis-output.jar");
        Distribution.write(dir.resolve("perthensis.json"), """
                { "gpio": { "provider": "mock" },
                  "tasks": [
                    { "type": "debounce", "name": "door", "pin": 12, "settle": "50ms" },
                    { "type": "rule", "name": "porch", "when": "debounce.door", "do": [ { "set": "light", "to": "on" } ] },
                    { "type": "output", "name": "light", "pin": 22 }
                  ] }
                """);
        try (AppProcess app = Distribution.start(dir, mods)) {
            app.awaitLog("INFO  [perthensis.rule.porch] rule 'porch' (debounce.door): set light on"::equals,
                    "the rule acting on the door's first level");
            app.sigterm();
            assertEquals(0, app.awaitExit());
            List<String> warnings = app.log().stream().filter(l -> l.startsWith("WARN")).toList();
            assertEquals(1, warnings.size(), String.join("\n", app.log()));
            assertTrue(warnings.getFirst().startsWith("WARN  [app] task 'light' (type output) skipped: no module on the"
                    + " module path provides type 'output'; add perthensis-output.jar."), warnings.getFirst());
        }
    }

    /** The complete examples of docs/rule.md are valid files as written. */
    @Test
    void theExamplesOfTheRulePagePassTheCheck() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "rule.md"));
        Matcher block = Pattern.compile("```json\\n(\\{\\s*\"(?:gpio|tasks)\".*?)```", Pattern.DOTALL).matcher(page);
        List<String> files = new ArrayList<>();
        while (block.find()) {
            files.add(block.group(1));
        }
        assertEquals(3, files.size(), "the three complete examples");
        for (int i = 0; i < files.size(); i++) {
            String name = "example-" + (i + 1) + ".json";
            Distribution.write(dir.resolve(name), files.get(i));
            try (AppProcess check = Distribution.start(dir, Distribution.MODS, "--check", name)) {
                assertEquals(0, check.awaitExit(), () -> String.join("\n", check.err()));
                assertTrue(check.out().getFirst().startsWith(name + ": OK: "), String.join("\n", check.out()));
                assertFalse(check.err().stream().anyMatch(l -> l.contains("warning")), String.join("\n", check.err()));
            }
        }
    }
}
