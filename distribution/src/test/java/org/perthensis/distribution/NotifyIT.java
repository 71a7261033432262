package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test plays systemd: it binds a notification socket, starts the distribution through its
 * launcher with {@code NOTIFY_SOCKET} and {@code WATCHDOG_USEC} (1 s, so a ping every 500 ms),
 * and reads what arrives: READY with the status line, the pings at their rate, STOPPING; and no
 * more pings once a task keeps the turn.
 */
class NotifyIT {

    private static final Path LAUNCHER = Distribution.HOME.resolve("bin/perthensis");
    private static final String ONE_LED = """
            { "gpio": { "provider": "mock" }, "tasks": [ { "type": "heartbeat", "name": "status", "pin": 17 } ] }
            """;

    @TempDir
    Path dir;

    private AppProcess launch(Path home, NotifyListener systemd, String javaOptions, String config) {
        Distribution.write(dir.resolve("tasks.json"), config);
        Map<String, String> env = new HashMap<>(Map.of("JAVA_HOME", System.getProperty("java.home"),
                "PERTHENSIS_HOME", home.toString(), "PERTHENSIS_CDS_ARCHIVE", "off",
                "NOTIFY_SOCKET", systemd.address, "WATCHDOG_USEC", "1000000"));
        if (javaOptions != null) {
            env.put("PERTHENSIS_JAVA_OPTS", javaOptions);
        }
        return Tools.start(dir, env, List.of(LAUNCHER.toString(), "tasks.json"));
    }

    private static List<Long> pings(NotifyListener systemd) {
        return systemd.messages().stream().filter(l -> NotifyListener.message(l).equals("WATCHDOG=1"))
                .map(NotifyListener::millis).toList();
    }

    @Test
    void readyThePingsAtHalfTheWatchdogIntervalAndStoppingReachSystemd() {
        try (NotifyListener systemd = new NotifyListener(dir, dir.resolve("notify.sock").toString());
                AppProcess app = launch(Distribution.HOME, systemd, null, ONE_LED)) {
            String ready = systemd.await(m -> m.startsWith("READY=1"), "READY=1");
            assertEquals("READY=1|STATUS=1 of 1 task running", NotifyListener.message(ready));
            long first = NotifyListener.millis(systemd.await("WATCHDOG=1"::equals, "the first ping"));
            systemd.await(m -> pings(systemd).size() >= 8, "eight pings");
            List<Long> window = pings(systemd).stream().filter(t -> t <= first + 3000).toList();
            // Fixed rate without bursts: never more than one per 500 ms; a loaded machine may send fewer.
            assertTrue(window.size() <= 7 && window.size() >= 3, "pings in the first 3 s: " + window);
            app.sigterm();
            systemd.await("STOPPING=1"::equals, "STOPPING=1");
            assertEquals(0, app.awaitExit());
            assertEquals(List.of(), app.err().stream().filter(l -> l.startsWith("WARNING:")).toList(),
                    "the launcher enables native access, so the JVM does not warn");
            assertEquals("READY=1|STATUS=1 of 1 task running", NotifyListener.message(systemd.messages().getFirst()));
        }
    }

    @Test
    void theJnaWayReachesAnAbstractSocketToo() {
        try (NotifyListener systemd = new NotifyListener(dir, "@perthensis-it-" + ProcessHandle.current().pid());
                AppProcess app = launch(Distribution.HOME, systemd, "-Dperthensis.notify=jna", ONE_LED)) {
            systemd.await(m -> m.startsWith("READY=1"), "READY=1");
            systemd.await("WATCHDOG=1"::equals, "a ping");
            app.sigterm();
            systemd.await("STOPPING=1"::equals, "STOPPING=1");
            assertEquals(0, app.awaitExit());
            assertEquals(List.of(), app.err().stream().filter(l -> l.startsWith("WARNING:")).toList(),
                    "the launcher enables native access for JNA too");
        }
    }

    @Test
    void onceATaskKeepsTheTurnThePingsStop() {
        Path home = dir.resolve("dist");
        Distribution.copyMods(home, List.of(HogPlugin.build(dir)));
        try (NotifyListener systemd = new NotifyListener(dir, dir.resolve("notify.sock").toString());
                AppProcess app = launch(home, systemd, null, """
                        { "gpio": { "provider": "mock" }, "tasks": [
                          { "type": "heartbeat", "name": "status", "pin": 17 },
                          { "type": "hog", "name": "stuck", "after": "2s" } ] }
                        """)) {
            systemd.await("WATCHDOG=1"::equals, "a ping while the loop runs");
            app.awaitLog(l -> l.endsWith("[perthensis.test.hog.stuck] keeping the turn from now on"),
                    "the hog taking the turn");
            long stuck = System.nanoTime() / 1_000_000; // the same monotonic clock as the listener's
            sleep(3000);
            assertTrue(pings(systemd).stream().anyMatch(t -> t < stuck), "pings before: " + systemd.messages());
            assertEquals(List.of(), pings(systemd).stream().filter(t -> t > stuck + 200).toList(),
                    "no ping once the task keeps the turn; all: " + systemd.messages());
        }
    }

    @Test
    void withoutJnaOnJava21TheAppRunsAndSaysWhySystemdIsNotTold() {
        Path home = dir.resolve("dist");
        // linuxfs needs jna.jar: a user who drops one drops the other.
        Distribution.copyMods(home, List.of(), "jna.jar", "pi4j-plugin-linuxfs.jar", "pi4j-library-linuxfs.jar");
        try (NotifyListener systemd = new NotifyListener(dir, dir.resolve("notify.sock").toString());
                AppProcess app = launch(home, systemd, "-Dperthensis.notify=jna", ONE_LED)) {
            app.awaitLog(l -> l.startsWith("INFO  [perthensis.heartbeat.status] heartbeat 'status' started"), "the LED task");
            assertTrue(app.log().contains("WARN  [app] systemd: NOTIFY_SOCKET is set, but this JVM cannot send to it:"
                    + " jna.jar is not in mods/. Use Java 22 or newer, or keep jna.jar in mods/; until then a Type=notify"
                    + " unit never sees the runtime ready"), String.join("\n", app.err()));
            app.sigterm();
            assertEquals(0, app.awaitExit());
            assertFalse(systemd.messages().stream().anyMatch(l -> l.contains("READY")), String.join("\n", systemd.messages()));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
