package org.perthensis.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.testing.RecordingLogger;

class RecoverCommandTest {
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final RecordingLogger logger = new RecordingLogger(s.clock());
    @TempDir
    Path dir;

    @AfterEach
    void shutDown() {
        s.shutdown();
        s.run(Duration.ofSeconds(1));
    }

    /** Checks every second: '+' passes, '-' fails; after the script, every check fails. */
    private void watch(String script, String recover, Integer after, Duration every, Duration timeout) {
        NetProvider.Config config = new NetProvider.Config(Duration.ofSeconds(1), List.of("tcp://192.0.2.1:53"),
                null, 1, 3, recover, after, every, timeout);
        int[] next = {0};
        ProbeRunner runner = (scheduler, probe, t) -> next[0] < script.length() && script.charAt(next[0]++) == '+'
                ? null : "scripted failure";
        s.spawn("net", new ConnectivityWatch(config, TaskEnvironment.of("net", s, logger, new HashMap<>()), runner));
    }

    private List<String> recoverLines() {
        return logger.lines().stream().filter(l -> l.contains("recover")).toList();
    }

    @Test
    void recoverRunsAfterTheConfiguredFailuresAndNotMoreOftenThanAllowed() throws IOException {
        Path runs = dir.resolve("runs");
        String command = "echo run >> " + runs;
        watch("", command, 3, Duration.ofSeconds(10), null);
        s.run(Duration.ofMillis(25_500));
        assertEquals(List.of("run", "run", "run"), Files.readAllLines(runs));
        assertEquals(List.of(
                "2000 INFO network down for 3 checks in a row; running recover command: " + command,
                "2000 INFO recover command exited with status 0; output: (none)",
                "12000 INFO network down for 13 checks in a row; running recover command: " + command,
                "12000 INFO recover command exited with status 0; output: (none)",
                "22000 INFO network down for 23 checks in a row; running recover command: " + command,
                "22000 INFO recover command exited with status 0; output: (none)"), recoverLines());
    }

    @Test
    void aPassingCheckRestartsTheCountOfFailures() throws IOException {
        Path runs = dir.resolve("runs");
        watch("---+--", "echo run >> " + runs, 3, Duration.ofSeconds(2), null);
        s.run(Duration.ofMillis(6_500));
        assertEquals(List.of("run", "run"), Files.readAllLines(runs));
        assertEquals(List.of(
                "2000 INFO network down for 3 checks in a row; running recover command: echo run >> " + runs,
                "6000 INFO network down for 3 checks in a row; running recover command: echo run >> " + runs),
                recoverLines().stream().filter(l -> l.contains("running")).toList());
    }

    @Test
    void exitStatusAndOutputAreLoggedOnOneLine() {
        watch("", "echo first line; echo oops >&2; exit 3", 1, null, null);
        s.run(Duration.ofMillis(500));
        assertEquals("0 WARNING recover command exited with status 3; output: first line | oops", recoverLines().get(1));
    }

    @Test
    void longOutputIsTruncated() {
        watch("", "head -c 2000 /dev/zero | tr '\\0' x", 1, null, null);
        s.run(Duration.ofMillis(500));
        assertEquals("0 INFO recover command exited with status 0; output: " + "x".repeat(500) + " ... (2000 bytes in all)",
                recoverLines().get(1));
    }

    @Test
    void aCommandThatHangsIsKilledWithItsChildren() {
        watch("", "echo started; sleep 31.7; echo never", 1, null, Duration.ofMillis(300));
        s.run(Duration.ofMillis(500));
        assertEquals("0 WARNING recover command did not finish within 300ms and was killed; output: started",
                recoverLines().get(1));
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().arguments()
                .map(args -> List.of(args).equals(List.of("31.7"))).orElse(false)), "the sleep was killed too");
    }
}
