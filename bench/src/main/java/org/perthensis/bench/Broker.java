package org.perthensis.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto for the MQTT benchmarks, on a free loopback port with a configuration of
 * its own: in memory (persistence off) unless asked otherwise, Nagle off (else a QoS 0 stream to a subscriber
 * that sends nothing back waits out delayed acknowledgements), 500 messages in flight per client (as the device's
 * window), connection messages logged with a time stamp in whole seconds, so that the
 * connection attempts it saw can be counted per second.
 */
final class Broker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Path log;
    private Process process;

    private final boolean persistent;

    private Broker(Path dir, int port, boolean persistent) {
        this.dir = dir;
        this.port = port;
        this.persistent = persistent;
        this.log = dir.resolve("mosquitto.log");
    }

    /** The program, or empty with the benchmark then skipped saying how to install it. */
    static Optional<Path> program() {
        for (String candidate : List.of("/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/bin/mosquitto")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    static final String MISSING = "skipped: no mosquitto (apt-get install mosquitto; .ci/run installs it)";

    /**
     * Starts one in {@code dir}; a {@code persistent} one keeps its sessions and queued messages
     * in a file there when stopped, for the next start, as a broker installed as a service does.
     */
    static Broker start(Path dir, boolean persistent) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Broker b = new Broker(dir, port, persistent);
        b.start();
        return b;
    }

    void start() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>(List.of("listener " + port + " 127.0.0.1", "allow_anonymous true",
                "persistence " + persistent, "persistence_location " + dir + "/", "max_inflight_messages 500", "max_queued_messages 1000000",
                "max_connections -1", "set_tcp_nodelay true", "log_dest file " + log, "log_type error", "log_type warning", "log_type notice",
                "log_type information", "connection_messages true"));
        if (Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
            lines.add("user root");
        }
        Path config = Files.write(dir.resolve("mosquitto.conf"), lines);
        process = new ProcessBuilder(program().orElseThrow().toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out").toFile()))
                .start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 250);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("mosquitto did not start on port " + port + "; see " + dir);
    }

    /** SIGTERM, as systemd stops it. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    int port() {
        return port;
    }

    /** The epoch seconds of each connection attempt it logged ({@code <seconds>: New connection from ...}). */
    List<Long> connectionSeconds() throws IOException {
        List<Long> seconds = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.contains("New connection from")) {
                seconds.add(Long.parseLong(line.substring(0, colon)));
            }
        }
        return seconds;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
