package org.perthensis.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.api.RuntimeControl;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskHandle;
import org.perthensis.testing.RecordingLogger;

/** The recovery ladder under a virtual clock: every step in turn, a runtime restart in the middle, a reboot's guards, and back. */
class RecoveryLadderTest {
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final RecordingLogger logger = new RecordingLogger(s.clock());
    private final List<String> restarts = new ArrayList<>();
    private final Map<Class<?>, Object> services = new HashMap<>(Map.of(RuntimeControl.class,
            (RuntimeControl) reason -> restarts.add(s.clock().millis() + " " + reason)));
    /** Whether the scripted probe passes. */
    private boolean networkUp;
    /** The machine's boot: it was up 20 minutes when the test's clock starts. */
    private String bootId = "boot-1";
    private final Boot boot = new Boot() {
        @Override
        public String id() {
            return bootId;
        }

        @Override
        public Optional<Duration> uptime() {
            return Optional.of(Duration.ofMinutes(20).plusMillis(s.clock().millis()));
        }
    };
    @TempDir
    Path dir;

    @AfterEach
    void shutDown() {
        s.shutdown();
        s.run(Duration.ofSeconds(1));
    }

    private Recovery ladder(Path log) {
        return new Recovery(
                new Recovery.Command(Duration.ofMinutes(1), "echo reconnect >> " + log, null, null),
                new Recovery.Command(Duration.ofMinutes(5), "echo restartInterface >> " + log, Duration.ofMinutes(20), null),
                new Recovery.Restart(Duration.ofMinutes(15)),
                new Recovery.Reboot(Duration.ofMinutes(30), "echo reboot >> " + log, Duration.ofHours(1), 1, null),
                null);
    }

    /** A net task checking every 10 s, down after 3 failing checks, on the test's boot and state file. */
    private TaskHandle start(Recovery recovery) {
        NetProvider.Config config = new NetProvider.Config(Duration.ofSeconds(10), List.of("tcp://192.0.2.1:53"),
                null, 1, 3, null, null, null, null, recovery);
        ProbeRunner runner = (scheduler, probe, timeout) -> networkUp ? null : "scripted failure";
        return s.spawn("wan", new ConnectivityWatch(config, TaskEnvironment.of("wan", s, logger, services), runner, boot,
                dir.resolve("net-wan.recovery")));
    }

    private List<String> ladderLines() {
        return logger.lines().stream().filter(l -> l.contains("recovery") || l.contains("network up again")).toList();
    }

    @Test
    void theLadderIsWalkedStepByStepAcrossARuntimeRestartAndStartsAgainOnceTheNetworkIsBack() throws IOException {
        Path log = dir.resolve("steps");
        Recovery recovery = ladder(log);
        TaskHandle first = start(recovery);
        s.run(Duration.ofMinutes(15).plusSeconds(5));
        assertEquals(List.of("900000 task 'wan': network down for 15min (since 2000-01-01T00:00:00Z)"), restarts);
        first.cancel(); // the runtime stops it, and systemd starts a new process

        s.run(Duration.ofSeconds(5));
        start(recovery); // the new process, 15min10s after the outage began, 35min10s after the boot
        s.run(Duration.ofMinutes(30)); // to 45min10s: the reboot waits until the machine has been up an hour
        networkUp = true;
        s.run(Duration.ofMinutes(5)); // to 50min10s
        networkUp = false;
        s.run(Duration.ofMinutes(35)); // a second outage: from the first step again, and the day's reboot is spent

        assertEquals(List.of("reconnect", "restartInterface", "restartInterface", "reboot", "reconnect", "restartInterface", "restartInterface"),
                Files.readAllLines(log));
        assertEquals(List.of(
                "60000 INFO network down for 1min (since 2000-01-01T00:00:00Z): recovery step reconnect: running echo reconnect >> " + log,
                "60000 INFO recovery step reconnect exited with status 0; output: (none)",
                "300000 INFO network down for 5min (since 2000-01-01T00:00:00Z): recovery step restartInterface: running echo restartInterface >> " + log,
                "300000 INFO recovery step restartInterface exited with status 0; output: (none)",
                "900000 WARNING network down for 15min (since 2000-01-01T00:00:00Z): recovery step restartRuntime: restarting the runtime (exit code 3, for systemd to start it again)",
                "910000 INFO recovery: the runtime restarted during an outage that began 15min10s ago; steps run: reconnect, restartInterface, restartRuntime; the ladder goes on if the network is still down",
                "1800000 WARNING network down for 30min (since 2000-01-01T00:00:00Z): recovery step reboot waits: the system has been up for 50min, less than minUptime 1h",
                "2130000 INFO network down for 35min30s (since 2000-01-01T00:00:00Z): recovery step restartInterface: running echo restartInterface >> " + log,
                "2130000 INFO recovery step restartInterface exited with status 0; output: (none)",
                "2400000 WARNING network down for 40min (since 2000-01-01T00:00:00Z): recovery step reboot: running echo reboot >> " + log + " (reboot 1 of at most 1 in 24h)",
                "2400000 INFO recovery step reboot exited with status 0; output: (none)",
                "2720000 INFO network up again after 45min20s; recovery ladder reset (steps run: reconnect, restartInterface, restartRuntime, reboot)",
                "3080000 INFO network down for 1min (since 2000-01-01T00:50:20Z): recovery step reconnect: running echo reconnect >> " + log,
                "3080000 INFO recovery step reconnect exited with status 0; output: (none)",
                "3320000 INFO network down for 5min (since 2000-01-01T00:50:20Z): recovery step restartInterface: running echo restartInterface >> " + log,
                "3320000 INFO recovery step restartInterface exited with status 0; output: (none)",
                "3920000 WARNING network down for 15min (since 2000-01-01T00:50:20Z): recovery step restartRuntime: restarting the runtime (exit code 3, for systemd to start it again)",
                "4520000 INFO network down for 25min (since 2000-01-01T00:50:20Z): recovery step restartInterface: running echo restartInterface >> " + log,
                "4520000 INFO recovery step restartInterface exited with status 0; output: (none)",
                "4820000 WARNING network down for 30min (since 2000-01-01T00:50:20Z): recovery step reboot waits: 1 reboot in the last 24h already (maxPerDay 1); the next may happen after 2000-01-02T00:40:00Z"),
                ladderLines());
    }

    @Test
    void aRebootStartsTheLadderAfreshButKeepsCountingReboots() throws IOException {
        Path log = dir.resolve("steps");
        TaskHandle first = start(new Recovery(null, null, new Recovery.Restart(Duration.ofMinutes(1)),
                new Recovery.Reboot(Duration.ZERO, "echo reboot >> " + log, Duration.ZERO, 2, null), null));
        s.run(Duration.ofSeconds(25)); // down at 20s: the reboot is due at once, with no uptime asked for
        first.cancel();
        bootId = "boot-2";
        s.run(Duration.ofSeconds(5));
        start(new Recovery(null, null, new Recovery.Restart(Duration.ofMinutes(1)),
                new Recovery.Reboot(Duration.ZERO, "echo reboot >> " + log, Duration.ZERO, 2, null), null));
        s.run(Duration.ofSeconds(25));
        assertEquals(List.of("reboot", "reboot"), Files.readAllLines(log));
        List<String> lines = ladderLines();
        assertTrue(lines.contains("20000 WARNING network down for 20s (since 2000-01-01T00:00:00Z): recovery step reboot: running echo reboot >> "
                + log + " (reboot 1 of at most 2 in 24h)"), String.join("\n", lines));
        assertTrue(lines.contains("50000 WARNING network down for 20s (since 2000-01-01T00:00:30Z): recovery step reboot: running echo reboot >> "
                + log + " (reboot 2 of at most 2 in 24h)"), String.join("\n", lines));
        assertFalse(lines.stream().anyMatch(l -> l.contains("the runtime restarted during an outage")), String.join("\n", lines));
    }

    @Test
    void aRebootThatCannotBeRecordedDoesNotHappen() throws IOException {
        Path log = dir.resolve("steps");
        Files.createDirectory(dir.resolve("net-wan.recovery")); // a directory where the file should be: no write can succeed
        start(new Recovery(null, null, null, new Recovery.Reboot(Duration.ZERO, "echo reboot >> " + log, Duration.ZERO, 1,
                null), null));
        s.run(Duration.ofSeconds(45));
        assertFalse(Files.exists(log), "no reboot");
        assertEquals(1, ladderLines().stream().filter(l -> l.contains("recovery step reboot waits: it cannot be recorded in "
                + dir.resolve("net-wan.recovery") + ", and without the record the limit per day cannot hold")).count(),
                String.join("\n", ladderLines()));
    }

    @Test
    void withoutTheRuntimeTheRestartStepIsSkippedWithAWarning() {
        services.clear();
        start(new Recovery(null, null, new Recovery.Restart(Duration.ZERO), null, null));
        s.run(Duration.ofSeconds(35));
        assertEquals(List.of("20000 WARNING network down for 20s (since 2000-01-01T00:00:00Z): recovery step restartRuntime:"
                + " no runtime to restart (the task runs without the Perthensis runtime); skipped"), ladderLines());
    }

    @Test
    void theStateFileIsNamedAfterTheTaskInSystemdsStateDirectory() {
        assertEquals(Path.of("/var/lib/perthensis/net-wan.recovery"), RecoveryLadder.defaultFile("wan", "/var/lib/perthensis"));
        assertEquals(Path.of("/var/lib/a/net-wan.recovery"), RecoveryLadder.defaultFile("wan", "/var/lib/a:/var/lib/b"));
        assertEquals(Path.of("net-wan.recovery"), RecoveryLadder.defaultFile("wan", null));
    }
}
