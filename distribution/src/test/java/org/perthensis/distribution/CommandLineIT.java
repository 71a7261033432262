package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's layout and the command line around running tasks. */
class CommandLineIT {

    @TempDir
    Path dir;

    @Test
    void everyModuleJarSitsInModsUnderItsPlainName() throws IOException {
        try (Stream<Path> jars = Files.list(Distribution.MODS)) {
            Set<String> names = jars.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            assertTrue(names.containsAll(Set.of("app.jar", "perthensis-api.jar", "perthensis-loop.jar",
                    "perthensis-heartbeat.jar", "perthensis-debounce.jar", "perthensis-ntp.jar", "perthensis-net.jar",
                    "perthensis-journal.jar", "perthensis-output.jar", "perthensis-rule.jar", "perthensis-web.jar",
                    "perthensis-sensors.jar", "prometheus-metrics-exposition-textformats.jar",
                    "jackson-core.jar", "pi4j-core.jar",
                    "pi4j-plugin-mock.jar", "pi4j-plugin-gpiod.jar", "pi4j-plugin-linuxfs.jar", "slf4j-api.jar",
                    "perthensis-mqtt.jar", "hivemq-mqtt-client.jar", "jctools-core.jar",
                    "jakarta.inject-api.jar", "dagger.jar", "rxjava.jar")),
                    names.toString());
            assertTrue(names.stream().allMatch(n -> n.endsWith(".jar")), names.toString());
            assertFalse(names.contains("slf4j-jdk14.jar"), "the app is Pi4J's SLF4J binding");
        }
        assertTrue(Files.isRegularFile(Distribution.HOME.resolve("perthensis.json")));
    }

    @Test
    void versionNamesTheAppsModuleVersion() {
        try (AppProcess app = Distribution.start(dir, Distribution.MODS, "--version")) {
            assertEquals(0, app.awaitExit());
            assertTrue(app.out().get(0).startsWith("Perthensis app " + Distribution.VERSION + " (Java "), app.out().get(0));
        }
    }

    @Test
    void anUnknownOptionPrintsTheUsageAndExitsWithTwo() {
        try (AppProcess app = Distribution.start(dir, Distribution.MODS, "--frobnicate")) {
            assertEquals(2, app.awaitExit());
            assertEquals("app: unknown option '--frobnicate'", app.err().get(0));
            assertTrue(app.err().contains("Usage: java -p mods -m app [OPTIONS] [FILE]"), String.join("\n", app.err()));
            assertEquals(0, app.out().size());
        }
    }
}
