package org.perthensis.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Under systemd's journal each line starts with its syslog priority and has no time stamp of its own. */
class JournalStreamTest {

    @TempDir
    Path dir;

    private static String devIno(Path file) throws IOException {
        Map<String, Object> stat = Files.readAttributes(file, "unix:dev,ino");
        return stat.get("dev") + ":" + stat.get("ino");
    }

    @Test
    void theJournalIsRecognisedOnlyWhenItsStreamIsStandardError() throws IOException {
        Path stderr = Files.createFile(dir.resolve("stderr"));
        Path other = Files.createFile(dir.resolve("other"));
        assertTrue(JournalStream.isStandardError(Map.of("JOURNAL_STREAM", devIno(stderr)), stderr));
        assertFalse(JournalStream.isStandardError(Map.of("JOURNAL_STREAM", devIno(other)), stderr),
                "a shell inside a service inherits the variable, not the stream");
        assertFalse(JournalStream.isStandardError(Map.of(), stderr));
        assertFalse(JournalStream.isStandardError(Map.of("JOURNAL_STREAM", "not:a:number"), stderr));
        assertFalse(JournalStream.isStandardError(Map.of("JOURNAL_STREAM", "8:x"), stderr));
    }

    @Test
    void eachLineAndEachLineOfAStackTraceStartsWithItsPriority() {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        PrintStream before = System.err;
        System.setErr(new PrintStream(written, true, StandardCharsets.UTF_8));
        LogSink.prefix(JournalStream.PRIORITY, false);
        try {
            LogSink.write(Level.ERROR, "app", "task 'door' failed", null);
            LogSink.write(Level.WARNING, "app", "pin 17 is busy", null);
            LogSink.write(Level.INFO, "app", "started", null);
            LogSink.verbosity(Verbosity.VERBOSE);
            LogSink.write(Level.DEBUG, "app", "detail", new IllegalStateException("broken"));
        } finally {
            LogSink.verbosity(Verbosity.NORMAL);
            LogSink.prefix(LogSink.Prefix.NONE, true);
            System.setErr(before);
        }
        String[] lines = written.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("<3>ERROR [app] task 'door' failed", lines[0]);
        assertEquals("<4>WARN  [app] pin 17 is busy", lines[1]);
        assertEquals("<6>INFO  [app] started", lines[2]);
        assertEquals("<7>DEBUG [app] detail", lines[3]);
        assertEquals("<7>java.lang.IllegalStateException: broken", lines[4]);
        assertTrue(lines[5].matches("<7>\tat .*JournalStreamTest\\.eachLine.*"), lines[5]);
    }
}
