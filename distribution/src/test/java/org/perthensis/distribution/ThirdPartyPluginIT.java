package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A third party's jar dropped next to the others: its task type works from the config, nothing rebuilt. */
class ThirdPartyPluginIT {

    @TempDir
    Path dir;

    @Test
    void theDroppedInTypeIsListedWithItsModuleAndVersion() {
        assertFalse(Distribution.types(dir, Distribution.MODS).contains("counter"), "the distribution has no counter");
        Path mods = Distribution.copyMods(dir, List.of(Distribution.EXAMPLE_PLUGIN));
        try (AppProcess app = Distribution.start(dir, mods, "--list")) {
            assertEquals(0, app.awaitExit());
            assertEquals(List.of("TYPE", "MODULE", "VERSION", "DESCRIPTION"), List.of(app.out().get(0).split("\\s+")));
            assertTrue(app.out().stream().anyMatch(line -> line.matches("counter +org\\.perthensis\\.example\\.counter +"
                    + Distribution.VERSION.replace(".", "\\.") + " +counts up, one number each period"
                    + " \\(the seed README's counter; an example plugin\\)")), String.join("\n", app.out()));
        }
    }

    @Test
    void theDroppedInTypeRunsFromTheConfig() {
        Path mods = Distribution.copyMods(dir, List.of(Distribution.EXAMPLE_PLUGIN));
        Distribution.write(dir.resolve("count.json"), """
                { "tasks": [ { "type": "counter", "name": "ticks", "every": "100ms", "from": 41 } ] }
                """);
        try (AppProcess app = Distribution.start(dir, mods, "count.json")) {
            app.awaitLog("INFO  [perthensis.example.counter.ticks] 43"::equals, "counting 41, 42, 43");
            List<String> ticks = app.log().stream().filter(l -> l.startsWith("INFO  [perthensis.example.counter.ticks]"))
                    .limit(3).toList();
            assertEquals(List.of("INFO  [perthensis.example.counter.ticks] 41", "INFO  [perthensis.example.counter.ticks] 42",
                    "INFO  [perthensis.example.counter.ticks] 43"), ticks);
            app.sigterm();
            assertEquals(0, app.awaitExit());
        }
    }
}
