package org.perthensis.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.app.fakes.LogCapture;
import org.perthensis.app.run.Stopper;
import org.perthensis.testing.RecordingLogger;

/** The command line's paths through the app, with the task types of this test module path (none). */
class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final LogCapture log = new LogCapture();
    private final Stopper stopper = new Stopper(new RecordingLogger(), code -> {
        throw new AssertionError("halted with " + code);
    });

    @AfterEach
    void detachLog() {
        stopper.loopEnded();
        log.close();
    }

    private int run(String... args) {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                stopper, true).run(List.of(args));
    }

    private String file(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json).toString();
    }

    @Test
    void aConfigWithNothingToRunFailsTheCheckAsItFailsTheRun() throws IOException {
        String file = file("typo.json", "{ \"tasks\": [ { \"type\": \"hartbeat\", \"pin\": 17 } ] }");
        String nothing = "ERROR [app] nothing to run: no task in " + file + " could be started";
        assertEquals(1, run("--check", file));
        assertEquals(List.of(nothing), log.lines().stream().filter(l -> l.startsWith("ERROR")).toList());
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no OK");
        assertEquals(1, run(file));
        assertEquals(List.of(nothing, nothing), log.lines().stream().filter(l -> l.startsWith("ERROR")).toList());
    }

    @Test
    void aStopBeforeTheTasksStartEndsTheLaunchWithExitCodeZero() throws IOException {
        String file = file("p.json", "{ \"tasks\": [] }");
        stopper.signal("TERM");
        assertEquals(0, run(file));
        assertEquals(List.of("INFO [app] stopped (exit code 0)"), log.of("app"));
    }

    @Test
    void anExplicitGpioThatCannotWorkHereFailsTheCheckAtItsPlace() throws IOException {
        String file = file("pins.json", "{ \"gpio\": { \"provider\": \"linuxfs\" }, \"tasks\": [] }");
        assertEquals(2, run("--check", file));
        assertEquals(file + ":1:13: $.gpio.provider: \"linuxfs\" needs pi4j-plugin-linuxfs.jar, which is not on the module"
                + " path; add it, or use \"auto\"\n1 error in " + file + ".\n", err.toString(StandardCharsets.UTF_8));
    }
}
