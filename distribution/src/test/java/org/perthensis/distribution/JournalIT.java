package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under systemd's journal standard error is the journal's stream, and {@code JOURNAL_STREAM}
 * names it by device and inode. Here standard error is a file and the variable names that file,
 * as systemd would name its socket: each line then starts with its priority and has no time.
 */
class JournalIT {

    @TempDir
    Path dir;

    /** Runs a net task that finds the network down, with {@code JOURNAL_STREAM} given, and returns standard error. */
    private List<String> run(Path stderr, String journalStream) throws Exception {
        Distribution.write(dir.resolve("tasks.json"), """
                { "gpio": { "provider": "mock" }, "tasks": [ { "type": "net", "name": "network", "every": "200ms",
                  "downAfter": 1, "probes": ["tcp://127.0.0.1:1"] } ] }
                """);
        ProcessBuilder pb = new ProcessBuilder(Distribution.JAVA.toString(), "-p", Distribution.MODS.toString(), "-m", "app",
                "tasks.json").directory(dir.toFile()).redirectError(stderr.toFile()).redirectOutput(dir.resolve("out").toFile());
        pb.environment().put("JOURNAL_STREAM", journalStream);
        Process app = pb.start();
        try {
            long deadline = System.nanoTime() + AppProcess.PATIENCE.toNanos();
            while (Files.readAllLines(stderr).stream().noneMatch(l -> l.contains("network down")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            app.toHandle().destroy();
            assertTrue(app.waitFor(AppProcess.PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        } finally {
            app.destroyForcibly();
        }
        return Files.readAllLines(stderr);
    }

    @Test
    void whenStandardErrorIsTheJournalEachLineStartsWithItsPriorityAndHasNoTimeStamp() throws Exception {
        Path stderr = Files.createFile(dir.resolve("journal"));
        Map<String, Object> stat = Files.readAttributes(stderr, "unix:dev,ino");
        List<String> lines = run(stderr, stat.get("dev") + ":" + stat.get("ino"));
        assertTrue(lines.contains("<6>INFO  [app] started 1 task from tasks.json; stop with Ctrl-C or SIGTERM"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("<4>WARN  [perthensis.net.network] network down since ")
                && l.endsWith(": tcp://127.0.0.1:1 failed: Connection refused")), lines.toString());
        assertEquals("<6>INFO  [app] stopped (exit code 0)", lines.getLast());
        assertTrue(lines.stream().allMatch(l -> l.matches("<[3467]>.*")), "every line has its priority: " + lines);
    }

    @Test
    void aJournalStreamThatIsNotStandardErrorChangesNothing() throws Exception {
        // A shell started inside a service inherits the variable, but its standard error is elsewhere.
        List<String> lines = run(Files.createFile(dir.resolve("err")), "8:1");
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[app\\] started 1 task.*")),
                lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("<")), lines.toString());
    }
}
