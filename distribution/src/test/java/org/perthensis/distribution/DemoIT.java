package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first launch: no config file anywhere, so the built-in demo runs and shows it is alive. */
class DemoIT {

    @TempDir
    Path dir;

    @Test
    void demoRunsWithoutAConfigFileAndPrintsTicks() throws IOException {
        try (AppProcess app = Distribution.start(dir, Distribution.MODS)) {
            app.awaitOut("3"::equals, "\"3\" (the third tick)");
            assertEquals(List.of("1", "2", "3"), app.out().subList(0, 3));
            List<String> log = app.log();
            assertEquals("INFO  [app] no FILE given and no perthensis.json in " + dir.toRealPath()
                    + ": running the built-in demo (demo.json in app.jar, on simulated pins) and a counter (see --help)", log.get(0));
            assertTrue(log.contains("INFO  [app] gpio: using Pi4J plugin mock: gpio.provider is \"mock\""), String.join("\n", log));
            assertTrue(log.contains("INFO  [app] started 2 tasks from built-in demo; stop with Ctrl-C or SIGTERM"),
                    String.join("\n", log));
            assertFalse(log.stream().anyMatch(l -> l.contains("skipped")), String.join("\n", log));
            app.sigterm();
            assertEquals(0, app.awaitExit());
        }
    }
}
