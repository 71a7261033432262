package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A launched app: its output lines as they come, and ways to wait for them and for its end. */
final class AppProcess implements AutoCloseable {

    /** Generous: CI is a shared two-core machine and a JVM start there can take seconds. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    AppProcess(Process process) {
        this.process = process;
        outReader = collect(process.getInputStream(), out);
        errReader = collect(process.getErrorStream(), err);
    }

    private static Thread collect(InputStream stream, List<String> lines) {
        return Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading failed: " + e + ")");
            }
        });
    }

    List<String> out() {
        return out;
    }

    List<String> err() {
        return err;
    }

    /**
     * The log lines without their time stamps: {@code WARN  [app] message}.
     *
     * @return standard error, time stamps cut off where a line has one
     */
    List<String> log() {
        return err.stream().map(line -> line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*")
                ? line.substring(24) : line).toList();
    }

    /** Waits until standard output has a line matching {@code wanted}. */
    String awaitOut(Predicate<String> wanted, String what) {
        return await(() -> out, wanted, what);
    }

    /** Waits until the log has a line (without its time stamp) matching {@code wanted}. */
    String awaitLog(Predicate<String> wanted, String what) {
        return await(this::log, wanted, what);
    }

    private String await(Supplier<List<String>> lines, Predicate<String> wanted, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        boolean lastLook = false;
        while (System.nanoTime() < deadline) {
            for (String line : lines.get()) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (lastLook) {
                break;
            }
            lastLook = !process.isAlive(); // one more look: the readers may still hold its last lines
            pause();
        }
        return fail("no line " + what + "; the process " + (process.isAlive() ? "still runs" : "ended")
                + ".\nstdout:\n" + String.join("\n", out) + "\nstderr:\n" + String.join("\n", err));
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for the process to end by itself.
     *
     * @return its exit code
     */
    int awaitExit() {
        return awaitExit(PATIENCE);
    }

    int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                fail("still running after " + limit.toMillis() + " ms.\nstdout:\n" + String.join("\n", out)
                        + "\nstderr:\n" + String.join("\n", err));
            }
            outReader.join(PATIENCE.toMillis());
            errReader.join(PATIENCE.toMillis());
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends SIGTERM, as {@code kill} and systemd do. Through the process handle: {@link Process#destroy()}
     * sends the same signal but also closes our end of the pipes, and the shutdown lines would be lost.
     */
    void sigterm() {
        process.toHandle().destroy();
    }

    /**
     * Sends SIGKILL, as a crash or the OOM killer would end it: no {@code finally}, no shutdown
     * hook; then waits until it is gone and every line it wrote has been read.
     */
    void sigkill() {
        process.destroyForcibly(); // SIGKILL on Linux
        awaitExit();
    }

    /** Sends SIGHUP, as a closing terminal or {@code systemctl reload} without a reload command does. */
    void sighup() {
        signal("HUP");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                fail("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The process id, for tools such as {@code jcmd}.
     *
     * @return the pid
     */
    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
