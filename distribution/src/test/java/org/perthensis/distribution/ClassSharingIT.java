package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's faster launch line: class data sharing through an archive the JVM writes itself. */
class ClassSharingIT {

    /** The JVM's own log lines start with their uptime, such as {@code [0.008s][error][cds] ...}. */
    private static final String JVM_LOG = "\\[\\d+\\.\\d+s\\].*";

    @TempDir
    Path dir;

    @Test
    void theFirstStopWritesTheArchiveAndTheNextLaunchStartsFromIt() {
        Path archive = dir.resolve("perthensis.jsa");
        try (AppProcess first = Distribution.start(dir, List.of("-XX:SharedArchiveFile=" + archive,
                "-XX:+AutoCreateSharedArchive", "-Xlog:cds*=off"), Distribution.MODS)) {
            first.awaitOut("1"::equals, "\"1\" (the demo's first tick)");
            first.sigterm();
            assertEquals(0, first.awaitExit());
            assertQuiet(first);
        }
        assertTrue(Files.isRegularFile(archive), "no archive written at " + archive);

        // -Xshare:on turns an archive the JVM cannot use into an error at start instead of a slow start.
        try (AppProcess second = Distribution.start(dir, List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on",
                "-Xlog:cds*=off"), Distribution.MODS)) {
            second.awaitOut("1"::equals, "\"1\" (the demo's first tick)");
            second.sigterm();
            assertEquals(0, second.awaitExit());
            assertQuiet(second);
        }
    }

    private static void assertQuiet(AppProcess app) {
        assertFalse(app.out().stream().anyMatch(l -> l.matches(JVM_LOG)), String.join("\n", app.out()));
        assertFalse(app.err().stream().anyMatch(l -> l.matches(JVM_LOG)), String.join("\n", app.err()));
    }
}
