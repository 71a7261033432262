package org.perthensis.ntp;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.perthensis.api.Durations;

/**
 * Debian's {@code chronyd} as a real NTP server on a free loopback port: its own configuration
 * in a temporary directory, a local reference clock at stratum 8, no control of the system
 * clock ({@code -x}), in the foreground ({@code -d}), and gone after ten minutes whatever
 * happens to the test ({@code -t}).
 *
 * <p>When chronyd is missing or does not start, a test fails in CI (environment variable
 * {@code PERTHENSIS_CI=1}, which {@code .ci/run} sets, or {@code CI=true}) and is skipped
 * elsewhere, with a message that says how to install it. Public because the distribution's
 * end-to-end tests use it too (through this module's test jar).
 */
public final class Chronyd implements AutoCloseable {
    private static final Duration READY_WITHIN = Duration.ofSeconds(20);

    private final Process process;
    private final Path log;
    private final int port;

    private Chronyd(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static boolean inCi() {
        return "1".equals(System.getenv("PERTHENSIS_CI")) || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Starts chronyd in {@code dir}, or fails (in CI) or skips the test (elsewhere) saying why. */
    public static Chronyd startIn(Path dir) throws IOException, InterruptedException {
        Optional<Path> chronyd = find();
        if (chronyd.isEmpty()) {
            unavailable("chronyd is not installed (looked in /usr/sbin, /sbin and PATH); install Debian's chrony"
                    + " package: apt-get install chrony");
        }
        int port = freeUdpPort();
        Path config = dir.resolve("chrony.conf");
        Files.writeString(config, String.join("\n",
                "port " + port,
                "bindaddress 127.0.0.1",
                "bindcmdaddress /",   // no command socket: it would clash with a system chronyd's
                "cmdport 0",
                "local stratum 8",
                "allow 127.0.0.1",
                "pidfile " + dir.resolve("chronyd.pid"),
                "driftfile " + dir.resolve("chronyd.drift"),
                ""));
        List<String> command = new ArrayList<>(List.of(chronyd.get().toString(), "-f", config.toString(), "-x", "-d",
                "-t", "600"));
        // As root, stay root: dropping to _chrony would lose access to the temporary directory.
        command.addAll(isRoot() ? List.of("-u", "root") : List.of("-U"));
        Path log = dir.resolve("chronyd.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Chronyd server = new Chronyd(process, log, port);
        server.awaitFirstAnswer(command);
        return server;
    }

    private void awaitFirstAnswer(List<String> command) throws IOException, InterruptedException {
        UdpNetwork network = new UdpNetwork(InstantSource.system());
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        String last = "no request sent";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = Files.readString(log);
                unavailable("chronyd exited with status " + process.exitValue() + " right after " + command
                        + "; its output:\n" + output + (output.contains("ermission denied")
                        ? "\n(With AppArmor, Debian's profile for /usr/sbin/chronyd keeps it out of the temporary"
                        + " directory; aa-complain /usr/sbin/chronyd lets it run.)" : ""));
            }
            try {
                network.exchange(socketAddress(), Duration.ofMillis(250));
                return;
            } catch (IOException | BadAnswer e) {
                last = e.toString();
                Thread.sleep(100);
            }
        }
        close();
        unavailable("chronyd did not answer on " + address() + " within " + Durations.format(READY_WITHIN)
                + " (last: " + last + "); its output:\n" + Files.readString(log));
    }

    private static void unavailable(String why) {
        if (inCi()) {
            Assertions.fail(why);
        }
        Assumptions.abort(why + "\n(skipped outside CI; with PERTHENSIS_CI=1 or CI=true this fails)");
    }

    private static Optional<Path> find() {
        Stream<String> dirs = Stream.concat(Stream.of("/usr/sbin", "/sbin"),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        return dirs.filter(d -> !d.isEmpty()).map(d -> Path.of(d, "chronyd")).filter(Files::isExecutable).findFirst();
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return probe.getLocalPort();
        }
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
