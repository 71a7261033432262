package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM, as {@code kill} and systemd send it: the tasks end, their {@code finally} blocks run, exit 0. */
class SignalIT {

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheAppWithExitCodeZeroWithinThreeSeconds() {
        try (AppProcess app = Distribution.start(dir, Distribution.MODS)) {
            app.awaitOut("1"::equals, "\"1\" (the first tick)");
            long sent = System.nanoTime();
            app.sigterm();
            assertEquals(0, app.awaitExit(Duration.ofSeconds(3)));
            assertTrue(System.nanoTime() - sent < Duration.ofSeconds(3).toNanos());
            assertTrue(app.log().contains("INFO  [app] SIGTERM: stopping every task (send it again to exit at once)"),
                    String.join("\n", app.err()));
            assertEquals("INFO  [app] stopped (exit code 0)", app.log().get(app.log().size() - 1));
        }
    }

    @Test
    void sigtermLeavesTheSimulatedLedOff() {
        try (AppProcess app = Distribution.start(dir, Distribution.MODS)) {
            app.awaitOut("2"::equals, "\"2\" (the second tick)"); // the heartbeat has been blinking for a second
            app.sigterm();
            assertEquals(0, app.awaitExit(Duration.ofSeconds(3)));
            String led = app.awaitLog(l -> l.matches("INFO  \\[app\\] gpio 17 \\(.+\\) left \\w+ \\((on|off)\\)"),
                    "saying what state GPIO 17 was left in");
            assertTrue(led.endsWith(" left LOW (off)"), led);
        }
    }
}
