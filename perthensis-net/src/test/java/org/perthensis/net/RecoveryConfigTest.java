package org.perthensis.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RecoveryConfigTest {

    private static String error(Executable build) {
        return assertThrows(IllegalArgumentException.class, build).getMessage();
    }

    private static final Recovery.Restart RESTART = new Recovery.Restart(Duration.ofMinutes(15));

    @Test
    void stepDefaults() {
        assertEquals(new Recovery.Command(Duration.ofMinutes(1), "x", null, Duration.ofSeconds(60)),
                new Recovery.Command(Duration.ofMinutes(1), "x", null, null));
        assertEquals(new Recovery.Reboot(Duration.ofHours(1), "systemctl reboot", Duration.ofHours(1), 2, Duration.ofSeconds(60)),
                new Recovery.Reboot(Duration.ofHours(1), null, null, null, null));
    }

    @Test
    void badStepsAreNamedByTheirField() {
        assertEquals("no step given; give at least one of reconnect, restartInterface, restartRuntime and reboot,"
                + " or leave recovery out", error(() -> new Recovery(null, null, null, null, null)));
        assertEquals("after: is required; give a duration, such as \"1min\"",
                error(() -> new Recovery.Command(null, "x", null, null)));
        assertEquals("run: is required; give a shell command, such as \"nmcli radio wifi off && nmcli radio wifi on\"",
                error(() -> new Recovery.Command(Duration.ZERO, null, null, null)));
        assertEquals("every: must be positive, got 0s", error(() -> new Recovery.Command(Duration.ZERO, "x", Duration.ZERO, null)));
        assertEquals("after: must not be negative, got -1s", error(() -> new Recovery.Restart(Duration.ofSeconds(-1))));
        assertEquals("maxPerDay: must be at least 1, got 0",
                error(() -> new Recovery.Reboot(Duration.ZERO, null, null, 0, null)));
        assertEquals("stateFile: is empty; give a file name, such as \"/var/lib/perthensis/net-wan.recovery\"",
                error(() -> new Recovery(null, null, RESTART, null, " ")));
    }

    @Test
    void theLadderAndTheOneStepFormExcludeEachOther() {
        assertEquals("recovery: cannot be combined with recover, its one-step form; move the command into"
                + " recovery.reconnect (\"run\") or leave recover out", error(() -> new NetProvider.Config(null,
                List.of("dns://x"), null, null, null, "true", null, null, null, new Recovery(null, null, RESTART, null, null))));
    }
}
