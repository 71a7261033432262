package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar left out of the module path: its tasks are skipped with a warning saying which jar to add; the rest runs. */
class MissingModuleIT {

    @TempDir
    Path dir;

    @Test
    void aTaskOfAMissingModuleIsSkippedWithAWarningAndTheRestRuns() {
        Path mods = Distribution.copyMods(dir, List.of(Distribution.EXAMPLE_PLUGIN), "perthensis-ntp.jar");
        String available = String.join(", ", Distribution.types(dir, mods));
        Distribution.write(dir.resolve("perthensis.json"), """
                {
                  "tasks": [
                    { "type": "ntp", "name": "clock", "servers": ["127.0.0.1:12300"] },
                    { "type": "counter", "name": "ticks", "every": "200ms" }
                  ]
                }
                """);
        try (AppProcess app = Distribution.start(dir, mods)) {
            app.awaitLog("INFO  [perthensis.example.counter.ticks] 3"::equals, "with the third tick");
            List<String> log = app.log();
            assertEquals(List.of("WARN  [app] task 'clock' (type ntp) skipped: no module on the module path provides"
                    + " type 'ntp'; add perthensis-ntp.jar. Available: " + available + "."),
                    log.stream().filter(l -> l.startsWith("WARN")).toList());
            app.sigterm();
            assertEquals(0, app.awaitExit());
        }
    }

    /**
     * Off a Raspberry Pi without pi4j-plugin-mock.jar there is no GPIO: every task that uses a pin
     * is left out when it is created, the same way for the heartbeat's output as for the
     * debounce and rotary inputs, and none is started only to fail and be restarted.
     */
    @Test
    void withoutTheMockPluginOffAPiEveryGpioTaskIsLeftOutAlikeAndTheRestRuns() {
        assumeFalse(Files.exists(Path.of("/proc/device-tree/model")), "a Raspberry Pi has GPIO without the mock");
        Path mods = Distribution.copyMods(dir, List.of(Distribution.EXAMPLE_PLUGIN), "pi4j-plugin-mock.jar");
        Distribution.write(dir.resolve("perthensis.json"), """
                {
                  "tasks": [
                    { "type": "heartbeat", "name": "status", "pin": 17 },
                    { "type": "debounce", "name": "door", "pin": 12 },
                    { "type": "rotary", "name": "knob", "clk": 4, "dt": 5 },
                    { "type": "counter", "name": "ticks", "every": "200ms" }
                  ]
                }
                """);
        try (AppProcess app = Distribution.start(dir, mods)) {
            app.awaitLog("INFO  [perthensis.example.counter.ticks] 3"::equals, "with the third tick");
            List<String> leftOut = app.log().stream().filter(l -> l.contains("could not be created")).toList();
            List<String> tasks = List.of("'status' (type heartbeat)", "'door' (type debounce)", "'knob' (type rotary)");
            assertEquals(3, leftOut.size(), String.join("\n", app.log()));
            for (int i = 0; i < 3; i++) {
                String line = leftOut.get(i);
                String prefix = "WARN  [app] task " + tasks.get(i) + " could not be created and is left out: ";
                assertTrue(line.startsWith(prefix), line);
                String name = tasks.get(i).substring(0, tasks.get(i).indexOf(' '));
                assertEquals(leftOut.getFirst().substring(leftOut.getFirst().indexOf(": ")).replace("'status'", name),
                        line.substring(line.indexOf(": ")), "one reason, worded alike");
            }
            assertFalse(app.log().stream().anyMatch(l -> l.contains("restarting")), String.join("\n", app.log()));
            app.sigterm();
            assertEquals(0, app.awaitExit());
        }
    }

    @Test
    void theDistributionShipsTheIndexOfWhichJarProvidesEachTaskType() throws IOException {
        List<String> index = Files.readAllLines(Distribution.INDEX);
        assertTrue(index.contains("ntp=perthensis-ntp.jar org.perthensis.ntp"), String.join("\n", index));
        assertTrue(index.contains("rotary=perthensis-debounce.jar org.perthensis.debounce"), String.join("\n", index));
    }

    @Test
    void withTheIndexInModsTooTheAppStartsAndNamesTheJar() throws IOException {
        Path mods = Distribution.copyMods(dir, List.of(), "perthensis-net.jar");
        Files.move(dir.resolve("task-types.index"), mods.resolve("task-types.index"));
        Distribution.write(dir.resolve("net.json"), """
                { "tasks": [ { "type": "net", "name": "network", "required": true } ] }
                """);
        try (AppProcess app = Distribution.start(dir, mods, "--check", "net.json")) {
            assertEquals(2, app.awaitExit());
            assertTrue(app.err().get(0).contains("no module on the module path provides type 'net'; add perthensis-net.jar."),
                    String.join("\n", app.err()));
        }
    }

    @Test
    void aRequiredTaskOfAMissingModuleIsAConfigError() {
        Path mods = Distribution.copyMods(dir, List.of(Distribution.EXAMPLE_PLUGIN), "perthensis-ntp.jar");
        String available = String.join(", ", Distribution.types(dir, mods));
        Distribution.write(dir.resolve("clock.json"), """
                {
                  "tasks": [
                    { "type": "ntp", "name": "clock", "required": true },
                    { "type": "counter", "name": "ticks" }
                  ]
                }
                """);
        try (AppProcess app = Distribution.start(dir, mods, "clock.json")) {
            assertEquals(2, app.awaitExit());
            assertEquals(List.of("clock.json:3:7: $.tasks[0].type: task 'clock' is required, but no module on the module"
                    + " path provides type 'ntp'; add perthensis-ntp.jar. Available: " + available + ".",
                    "1 error in clock.json; nothing was started."), app.err());
            assertFalse(app.log().stream().anyMatch(l -> l.contains("[perthensis.example.counter.ticks]")));
        }
    }
}
