package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package the build made: its contents, control fields, conffiles and maintainer
 * scripts (run with stand-ins for the commands that would change this machine), the unit as
 * {@code systemd-analyze verify} sees it, and the launcher run from a scratch root it was
 * unpacked into.
 */
class DebianPackageIT {

    private static final Path DPKG_DEB = Path.of("/usr/bin/dpkg-deb");

    @TempDir
    Path dir;

    private static Path deb() throws IOException {
        Path target = Path.of(System.getProperty("perthensis.debDir", "target"));
        try (Stream<Path> files = Files.list(target)) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches("perthensis_.*_all\\.deb")).toList();
            assertEquals(1, debs.size(), "one package in " + target + ": " + debs);
            return debs.getFirst();
        }
    }

    private Tools.Result dpkgDeb(String... args) {
        Tools.require("dpkg-deb", DPKG_DEB.toString());
        List<String> command = new java.util.ArrayList<>(List.of(DPKG_DEB.toString()));
        command.addAll(Arrays.asList(args));
        Tools.Result r = Tools.run(dir, Map.of(), command);
        assertEquals(0, r.code(), r.err());
        return r;
    }

    @Test
    void theControlFieldsSayArchitectureAllAndAJava21RuntimeOrNewer() throws IOException {
        String control = dpkgDeb("-f", deb().toString()).out();
        assertTrue(control.contains("Package: perthensis\n"), control);
        assertTrue(control.contains("Architecture: all\n"), control);
        assertTrue(control.contains("Depends: openjdk-21-jre-headless | openjdk-25-jre-headless | java21-runtime-headless,"
                + " adduser\n"), control);
        assertTrue(control.matches("(?s).*Version: " + Distribution.VERSION.replace("-", "~") + "\n.*"), control);
    }

    @Test
    void theFilesAreWhereTheReadmeSays() throws IOException {
        List<String> lines = dpkgDeb("-c", deb().toString()).out().lines().toList();
        List<String> paths = lines.stream().map(l -> l.substring(l.indexOf(" ./") + 2)).toList();
        for (String expected : List.of("/usr/share/perthensis/mods/app.jar", "/usr/share/perthensis/mods/perthensis-net.jar",
                "/usr/share/perthensis/mods/jna.jar", "/usr/share/perthensis/task-types.index",
                "/usr/share/perthensis/bin/perthensis", "/usr/bin/perthensis -> ../share/perthensis/bin/perthensis",
                "/etc/perthensis/perthensis.json", "/etc/default/perthensis", "/usr/lib/systemd/system/perthensis.service",
                "/usr/lib/udev/rules.d/60-perthensis-leds.rules", "/usr/share/perthensis/polkit/50-perthensis-reboot.rules",
                "/var/lib/perthensis/")) {
            assertTrue(paths.contains(expected), expected + " in\n" + String.join("\n", paths));
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("-rwxr-xr-x root/root") && l.endsWith("./usr/share/perthensis/bin/perthensis")),
                "the launcher is executable: " + lines);
    }

    @Test
    void theConfigAndTheLauncherSettingsAreConffilesKeptOnUpgrade() throws IOException {
        Path control = dir.resolve("control");
        dpkgDeb("-e", deb().toString(), control.toString());
        assertEquals(List.of("/etc/perthensis/perthensis.json", "/etc/default/perthensis"),
                Files.readAllLines(control.resolve("conffiles")));
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertTrue(Files.isExecutable(control.resolve(script)), script);
            Tools.Result syntax = Tools.run(dir, Map.of(), List.of("sh", "-n", control.resolve(script).toString()));
            assertEquals(0, syntax.code(), script + ": " + syntax.err());
        }
    }

    /** Stand-ins that log their arguments: the user database says no perthensis yet, and a gpio group. */
    private Path standIns(Path log) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("stand-ins"));
        for (String command : List.of("addgroup", "adduser", "mkdir", "chown", "chmod", "rm", "udevadm", "systemctl")) {
            write(bin.resolve(command), "#!/bin/sh\necho \"" + command + " $*\" >> " + log + "\n");
        }
        write(bin.resolve("getent"), "#!/bin/sh\necho \"getent $*\" >> " + log
                + "\n[ \"$2\" = gpio ] && { echo 'gpio:x:997:'; exit 0; }\nexit 2\n");
        return bin;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void postinstCreatesTheUserInTheGpioGroupAndEnablesTheServiceOnTheFirstInstall() throws IOException {
        Path control = dir.resolve("control");
        dpkgDeb("-e", deb().toString(), control.toString());
        Path log = dir.resolve("calls");
        Path bin = standIns(log);
        Map<String, String> env = new HashMap<>(Map.of("PATH", bin + ":/usr/bin:/bin"));
        Tools.Result r = Tools.run(dir, env, List.of("sh", control.resolve("postinst").toString(), "configure", ""));
        assertEquals(0, r.code(), r.err());
        List<String> calls = Files.readAllLines(log).stream().filter(c -> !c.startsWith("systemctl daemon-reload")
                && !c.startsWith("systemctl start")).toList(); // those two only where systemd runs
        assertEquals(List.of("getent group perthensis", "addgroup --system --quiet perthensis", "getent passwd perthensis",
                "adduser --system --quiet --ingroup perthensis --home /var/lib/perthensis --no-create-home --gecos Perthensis"
                        + " runtime perthensis",
                "getent group gpio", "adduser --quiet perthensis gpio", "mkdir -p /var/lib/perthensis",
                "chown perthensis:perthensis /var/lib/perthensis", "chmod 750 /var/lib/perthensis",
                "rm -f /var/lib/perthensis/perthensis.jsa /var/lib/perthensis/perthensis.aot"
                        + " /var/lib/perthensis/perthensis.aot.opts", "udevadm trigger --subsystem-match=leds --action=add",
                "systemctl enable perthensis.service"), calls);

        Files.delete(log);
        r = Tools.run(dir, env, List.of("sh", control.resolve("postinst").toString(), "configure", "0.0.9"));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readAllLines(log).stream().noneMatch(c -> c.startsWith("systemctl enable")),
                "an upgrade leaves a service the user disabled alone: " + Files.readAllLines(log));
    }

    @Test
    void unpackedIntoAScratchRootTheLauncherRunsAndTheShippedConfigChecksOut() throws IOException {
        Path root = dir.resolve("root");
        dpkgDeb("-x", deb().toString(), root.toString());
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"), "PERTHENSIS_CDS_ARCHIVE", "off");
        Tools.Result version = Tools.run(dir, env, List.of(root.resolve("usr/bin/perthensis").toString(), "--version"));
        assertEquals(0, version.code(), version.err());
        assertEquals("Perthensis app " + Distribution.VERSION + " (Java " + Runtime.version() + ")\n", version.out());
        Path config = root.resolve("etc/perthensis/perthensis.json");
        Tools.Result check = Tools.run(dir, env, List.of(root.resolve("usr/bin/perthensis").toString(), "--check",
                config.toString()));
        assertEquals(0, check.code(), check.err());
        assertEquals(config + ": OK: 2 tasks (status: heartbeat, network: net)\n", check.out());
    }

    @Test
    void systemdAnalyzeVerifyAcceptsTheUnit() throws IOException {
        Path analyze = Tools.require("systemd-analyze (package systemd)", "/usr/bin/systemd-analyze", "/bin/systemd-analyze");
        Path root = dir.resolve("root");
        dpkgDeb("-x", deb().toString(), root.toString());
        // Only the unit itself: the scratch root has none of the targets it is ordered against.
        Tools.Result r = Tools.run(dir, Map.of(), List.of(analyze.toString(), "verify", "--root=" + root, "--man=no",
                "--recursive-errors=no", "/usr/lib/systemd/system/perthensis.service"));
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("", r.out() + r.err(), "not a warning either");
    }
}
