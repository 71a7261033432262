package org.perthensis.mqtt;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code mosquitto} as a real broker on a free loopback port: its own configuration in
 * a test's directory, in the foreground, stopped ({@link #stop()}), killed ({@link #kill()}) and
 * started again on the same port ({@link #start()}) as a test needs.
 *
 * <p>When mosquitto is missing or does not start, a test fails in CI (environment variable
 * {@code PERTHENSIS_CI=1}, which {@code .ci/run} sets, or {@code CI=true}) and is skipped
 * elsewhere, with a message that says how to install it. Public because the distribution's
 * end-to-end tests use it too (through this module's test jar).
 */
public final class Mosquitto implements AutoCloseable {
    /** Generous: a loaded two-core machine. */
    static final Duration READY_WITHIN = Duration.ofSeconds(20);

    private final Path dir;
    private final int port;
    private final List<String> extra;
    private final Path log;
    private Process process;

    private Mosquitto(Path dir, int port, List<String> extra) {
        this.dir = dir;
        this.port = port;
        this.extra = extra;
        this.log = dir.resolve("mosquitto.log");
    }

    /**
     * A broker that allows anonymous clients, with persistence on (what it stores survives {@link #stop()}).
     *
     * @param dir a directory of its own for its configuration, log and database
     * @param config more configuration lines, such as {@code password_file ...}
     * @return the running broker
     */
    public static Mosquitto startIn(Path dir, String... config) throws IOException, InterruptedException {
        Path mosquitto = find("mosquitto").orElse(null);
        if (mosquitto == null) {
            unavailable("mosquitto is not installed (looked in /usr/sbin, /sbin and PATH); install Debian's mosquitto"
                    + " and mosquitto-clients packages: apt-get install mosquitto mosquitto-clients");
        }
        Files.createDirectories(dir);
        Mosquitto broker = new Mosquitto(dir, freePort(), List.of(config));
        broker.start();
        return broker;
    }

    static boolean inCi() {
        return "1".equals(System.getenv("PERTHENSIS_CI")) || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Fails the test in CI, skips it elsewhere. */
    static void unavailable(String why) {
        if (inCi()) {
            Assertions.fail(why);
        }
        Assumptions.abort(why + "\n(skipped outside CI; with PERTHENSIS_CI=1 or CI=true this fails)");
    }

    /** Where a Debian program is: /usr/sbin, /sbin or PATH. */
    static Optional<Path> find(String program) {
        Stream<String> dirs = Stream.concat(Stream.of("/usr/sbin", "/sbin", "/usr/bin"),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        return dirs.filter(d -> !d.isEmpty()).map(d -> Path.of(d, program)).filter(Files::isExecutable).findFirst();
    }

    /** Starts it (again), on the same port, and waits until it accepts connections. */
    public void start() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>(List.of(
                "listener " + port + " 127.0.0.1",
                "persistence true",
                "persistence_location " + dir + "/",
                "autosave_interval 0",
                "max_queued_messages 1000000",
                "max_inflight_messages 100",
                "log_dest file " + log,
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                "log_type subscribe",
                "connection_messages true",
                "log_timestamp_format %Y-%m-%dT%H:%M:%S"));
        if (isRoot()) {
            lines.add("user root"); // else it drops to user mosquitto, who cannot enter the test's directory
        }
        if (extra.stream().noneMatch(l -> l.startsWith("allow_anonymous"))) {
            lines.add("allow_anonymous true");
        }
        lines.addAll(extra);
        Path config = dir.resolve("mosquitto.conf");
        Files.write(config, lines);
        process = new ProcessBuilder(find("mosquitto").orElseThrow().toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile()))
                .start();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                unavailable("mosquitto exited with status " + process.exitValue() + " right after starting with " + config
                        + "; its output:\n" + read(dir.resolve("mosquitto.out")) + read(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 250);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        unavailable("mosquitto did not accept connections on " + address() + " within 20s; its log:\n" + read(log));
    }

    /** Stops it as {@code systemctl stop} does (SIGTERM): it saves what it keeps and ends. */
    public void stop() throws InterruptedException {
        end(false);
    }

    /** Kills it (SIGKILL): what it had not saved is gone. */
    public void kill() throws InterruptedException {
        end(true);
    }

    private void end(boolean force) throws InterruptedException {
        if (process == null) {
            return;
        }
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
        process = null;
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    /** Its log so far: {@code New connection from ...} lines count the connection attempts it saw. */
    public List<String> log() {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Publishes with {@code mosquitto_pub}, as another client would.
     *
     * @param retain whether the broker keeps it for later subscribers
     */
    public void publish(String topic, String payload, boolean retain) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(find("mosquitto_pub").orElseThrow().toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(port), "-q", "1", "-t", topic, "-m", payload));
        if (retain) {
            command.add("-r");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("mosquitto_pub failed: " + out);
        }
    }

    /** Publishes bytes from a file, for payloads a command line cannot carry. */
    public void publishFile(String topic, Path payload) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(find("mosquitto_pub").orElseThrow().toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-q", "1", "-t", topic, "-f", payload.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("mosquitto_pub failed: " + out);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    @Override
    public void close() throws InterruptedException {
        end(true);
    }
}
