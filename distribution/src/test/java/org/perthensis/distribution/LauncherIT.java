package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/perthensis}: finds a Java 21+, or says in one line what it found and what to install;
 * passes the small-device JVM options the README and the Debian defaults file state; shares class data.
 */
class LauncherIT {

    private static final Path LAUNCHER = Distribution.HOME.resolve("bin/perthensis");

    @TempDir
    Path dir;

    /** A {@code java} that says it is 17, as Raspberry Pi OS bookworm's is, with no release file beside it. */
    private Path oldJava() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("old-jdk/bin"));
        Path java = Files.writeString(bin.resolve("java"), """
                #!/bin/sh
                echo 'openjdk version "17.0.13" 2024-10-15' >&2
                echo 'OpenJDK Runtime Environment (build 17.0.13+11-Debian-2deb12u1)' >&2
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", null);
        env.put("PERTHENSIS_CDS_ARCHIVE", "off");
        env.put("STATE_DIRECTORY", null);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    /**
     * A Java of version {@code version} (its release file says so) that prints the options it
     * was given, one a line, and the malloc arena limit it was started with.
     */
    private Path echoingJava(String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve("jdk-" + version));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.writeString(Files.createDirectories(home.resolve("bin")).resolve("java"), """
                #!/bin/sh
                for a in "$@"; do
                    [ "$a" = "--enable-native-access=app,com.sun.jna" ] && break
                    echo "$a"
                done
                echo "MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX"
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    /** The options the launcher passes by default, as the README's table of its settings states them. */
    private static List<String> readmeDefaults() throws IOException {
        String row = Files.readAllLines(Path.of("../README.md")).stream()
                .filter(l -> l.startsWith("| `PERTHENSIS_JAVA_OPTS` |")).findFirst().orElseThrow();
        int from = row.indexOf("(default: `") + "(default: `".length();
        return List.of(row.substring(from, row.indexOf('`', from)).split(" "));
    }

    /** The defaults the Debian package's /etc/default/perthensis shows, commented out. */
    private static List<String> debianDefaults() throws IOException {
        String line = Files.readAllLines(Path.of("src/deb/default")).stream()
                .filter(l -> l.startsWith("#PERTHENSIS_JAVA_OPTS=\"")).findFirst().orElseThrow();
        return List.of(line.substring("#PERTHENSIS_JAVA_OPTS=\"".length(), line.length() - 1).split(" "));
    }

    @Test
    void theDefaultJvmOptionsAreTheOnesTheReadmeAndTheDebianDefaultsFileState() throws IOException {
        Tools.Result r = Tools.run(dir, env("JAVA_HOME", echoingJava("21.0.5").toString(), "PERTHENSIS_JAVA_OPTS", null,
                "MALLOC_ARENA_MAX", null), List.of(LAUNCHER.toString(), "--version"));
        assertEquals(0, r.code(), r.err());
        List<String> expected = new java.util.ArrayList<>(readmeDefaults());
        expected.add("MALLOC_ARENA_MAX=2");
        assertEquals(expected, r.out().lines().toList());
        assertEquals(readmeDefaults(), debianDefaults());
        assertTrue(readmeDefaults().containsAll(List.of("-XX:+UseSerialGC", "-Xmx64m", "-XX:TrimNativeHeapInterval=10000",
                "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData")), "the small-device set: " + readmeDefaults());
    }

    @Test
    void javaTwentyOneWithoutUpdatesIsNotGivenTheNativeHeapTrimItDoesNotKnow() throws IOException {
        Tools.Result r = Tools.run(dir, env("JAVA_HOME", echoingJava("21").toString(), "PERTHENSIS_JAVA_OPTS", null,
                "MALLOC_ARENA_MAX", null), List.of(LAUNCHER.toString(), "--version"));
        assertEquals(0, r.code(), r.err());
        List<String> expected = new java.util.ArrayList<>(readmeDefaults());
        expected.removeAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=10000"));
        expected.add("MALLOC_ARENA_MAX=2");
        assertEquals(expected, r.out().lines().toList());
    }

    @Test
    void aUsersJavaOptionsReplaceTheDefaultsAndTheirMallocArenasAreKept() throws IOException {
        Tools.Result r = Tools.run(dir, env("JAVA_HOME", echoingJava("25.0.1").toString(), "PERTHENSIS_JAVA_OPTS",
                "-XX:+UseSerialGC -Xmx256m", "MALLOC_ARENA_MAX", "4"), List.of(LAUNCHER.toString(), "--version"));
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx256m", "MALLOC_ARENA_MAX=4"), r.out().lines().toList());
    }

    @Test
    void withOnlyAnOldJavaItSaysWhichOneAndWhatToInstallInOneLine() throws IOException {
        Path java = oldJava();
        Path noJvms = Files.createDirectories(dir.resolve("no-jvms"));
        Tools.Result r = Tools.run(dir, env("PATH", java.getParent() + ":/usr/bin:/bin", "PERTHENSIS_JVM_DIRS",
                noJvms.toString()), List.of(LAUNCHER.toString(), "--version"));
        assertEquals(2, r.code());
        assertEquals("perthensis: found Java 17 (" + java + "), but Perthensis needs Java 21 or newer: install"
                + " openjdk-21-jre-headless (sudo apt install openjdk-21-jre-headless) or set JAVA_HOME to a Java 21+\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void anOldJavaOnThePathIsPassedOverForANewOneInTheJvmFolder() throws IOException {
        Path java = oldJava();
        Path jvms = Files.createDirectories(dir.resolve("jvms"));
        Files.createSymbolicLink(jvms.resolve("the-jdk"), Path.of(System.getProperty("java.home")));
        Tools.Result r = Tools.run(dir, env("PATH", java.getParent() + ":/usr/bin:/bin", "PERTHENSIS_JVM_DIRS",
                jvms.toString()), List.of(LAUNCHER.toString(), "--version"));
        assertEquals(0, r.code(), r.err());
        assertEquals("Perthensis app " + Distribution.VERSION + " (Java " + Runtime.version() + ")\n", r.out());
    }

    @Test
    void theRealJavaRunsTheTasksAndTheFirstStopWritesTheClassDataArchiveOrAotCacheThatTheNextLaunchUses()
            throws IOException {
        // Java 25 and newer: an AOT cache beside where the class data archive would be.
        Path archive = dir.resolve(Runtime.version().feature() >= 25 ? "state/perthensis.aot" : "state/perthensis.jsa");
        Files.createDirectories(archive.getParent());
        Distribution.write(dir.resolve("perthensis.json"), """
                { "gpio": { "provider": "mock" }, "tasks": [ { "type": "heartbeat", "name": "status", "pin": 17 } ] }
                """);
        Map<String, String> env = env("JAVA_HOME", System.getProperty("java.home"), "PERTHENSIS_CDS_ARCHIVE", null,
                "STATE_DIRECTORY", archive.getParent().toString());
        try (AppProcess app = Tools.start(dir, env, List.of(LAUNCHER.toString()))) {
            app.awaitLog("INFO  [app] started 1 task from perthensis.json; stop with Ctrl-C or SIGTERM"::equals, "the start");
            app.sigterm();
            assertEquals(0, app.awaitExit());
        }
        assertTrue(Files.isRegularFile(archive), "the archive in $STATE_DIRECTORY");
        Tools.Result check = Tools.run(dir, env, List.of(LAUNCHER.toString(), "--check", "perthensis.json"));
        assertEquals(0, check.code(), check.err());
        assertEquals("perthensis.json: OK: 1 task (status: heartbeat)\n", check.out());

        // A usable one is used, not written again.
        FileTime written = Files.getLastModifiedTime(archive);
        try (AppProcess app = Tools.start(dir, env, List.of(LAUNCHER.toString()))) {
            app.awaitLog("INFO  [app] started 1 task from perthensis.json; stop with Ctrl-C or SIGTERM"::equals, "the start");
            app.sigterm();
            assertEquals(0, app.awaitExit());
        }
        assertEquals(written, Files.getLastModifiedTime(archive));
    }
}
