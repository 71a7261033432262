package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config file with mistakes: every one reported with line, column and JSON path; exit 2; nothing starts. */
class ConfigErrorIT {

    @TempDir
    Path dir;

    @Test
    void everyMistakeIsReportedWithLineAndColumnAndNothingStarts() {
        Path mods = Distribution.copyMods(dir, List.of(Distribution.EXAMPLE_PLUGIN));
        Distribution.write(dir.resolve("bad.json"), """
                {
                  "gpoi": {},
                  "tasks": [
                    { "type": "counter", "name": "ticks", "every": "5 s" },
                    { "type": "counter", "name": "ticks", "evry": "1s" },
                    { "name": "nameless" },
                    { "type": "counter", "name": "slow", "every": "0s", "restart": "sometimes" }
                  ]
                }
                """);
        try (AppProcess app = Distribution.start(dir, mods, "bad.json")) {
            assertEquals(2, app.awaitExit());
            assertEquals(List.of(
                    "bad.json:2:3: $.gpoi: unknown field 'gpoi'; did you mean 'gpio'? Known fields: gpio, tasks, shutdownGrace.",
                    "bad.json:4:43: $.tasks[0].every: expected a duration such as \"250ms\", \"5s\", \"30min\", \"6h\","
                            + " \"1h30m\" or \"PT6H\", got \"5 s\"",
                    "bad.json:5:26: $.tasks[1].name: duplicate task name 'ticks': $.tasks[0] has it too;"
                            + " give each task its own \"name\"",
                    "bad.json:5:43: $.tasks[1].evry: unknown field 'evry' for type counter; did you mean 'every'?"
                            + " Known fields: every, from, publish, type, name, required, restart.",
                    "bad.json:6:5: $.tasks[2]: missing field 'type'; every task needs one, such as \"type\": \"connection\"",
                    "bad.json:7:42: $.tasks[3].every: must be positive, got 0s",
                    "bad.json:7:57: $.tasks[3].restart: expected one of \"on-failure\", \"never\", \"always\", got \"sometimes\"",
                    "7 errors in bad.json; nothing was started."), app.err());
            assertEquals(List.of(), app.out());
        }
    }

    @Test
    void aSyntaxErrorNamesItsLineAndColumn() {
        Distribution.write(dir.resolve("broken.json"), """
                {
                  "tasks": [
                    { "type": "counter", }
                  ]
                }
                """);
        try (AppProcess app = Distribution.start(dir, Distribution.MODS, "--check", "broken.json")) {
            assertEquals(2, app.awaitExit());
            assertEquals(List.of(
                    "broken.json:3:26: not valid JSON: unexpected '}': expected the next field's name"
                            + " in double quotes (is there a ',' too many before it?)",
                    "1 error in broken.json."), app.err());
        }
    }

    @Test
    void theShippedExampleConfigPassesTheCheck() {
        Path example = Distribution.HOME.resolve("perthensis.json");
        try (AppProcess app = Distribution.start(dir, Distribution.MODS, "--check", example.toString())) {
            assertEquals(0, app.awaitExit(), String.join("\n", app.err()));
            assertTrue(app.out().get(0).startsWith(example + ": OK: "), String.join("\n", app.out()));
        }
    }
}
