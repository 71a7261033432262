package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The system programs the installation tests use, and how to run them and the distribution with an environment of their own. */
final class Tools {

    private Tools() {
    }

    /**
     * The program at the first of {@code paths} that exists; when none does, a failure in CI
     * ({@code PERTHENSIS_CI=1} or {@code CI=true}, as {@code .ci/run} installs it) and a skip elsewhere.
     */
    static Path require(String what, String... paths) {
        for (String p : paths) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        String why = what + " is not installed (looked for " + String.join(", ", paths) + ")";
        if ("1".equals(System.getenv("PERTHENSIS_CI")) || "true".equalsIgnoreCase(System.getenv("CI"))) {
            return fail(why + "; .ci/run installs it");
        }
        Assumptions.abort(why + " (skipped outside CI; with PERTHENSIS_CI=1 or CI=true this fails)");
        return null;
    }

    /** The result of a program run to its end. */
    record Result(int code, String out, String err) {
    }

    /** Runs a program to its end, within the tests' patience, in {@code dir} with {@code env} changed ({@code null} removes). */
    static Result run(Path dir, Map<String, String> env, List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(AppProcess.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail(command + " still running after " + AppProcess.PATIENCE);
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a program to watch it, as {@link Distribution#start} does, with {@code env} changed ({@code null} removes). */
    static AppProcess start(Path dir, Map<String, String> env, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        try {
            return new AppProcess(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
