package org.perthensis.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the measured processes: child JVMs for Perthensis, the asyncio peer scripts, and
 * whatever else a benchmark launches; knows where things are.
 */
final class Harness {
    private static final long CHILD_TIMEOUT_SECONDS = 900;
    /** The JVM setting that gives virtual threads one carrier thread; a loop that runs one task at a time needs no more. */
    static final String ONE_CARRIER = "-Djdk.virtualThreadScheduler.parallelism=1";

    final Path benchDir;
    final String java;
    final String classPath;
    final Python python;
    final Path dist;

    Harness(Path benchDir, Python python, Path dist) {
        this.benchDir = benchDir;
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Absolute, because some launches run in a scratch directory.
        this.classPath = String.join(File.pathSeparator, Arrays.stream(
                System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath().toString()).toList());
        this.python = python;
        this.dist = dist;
    }

    /** Runs {@code name}'s timed runs in a fresh JVM, with {@code jvmOptions} if any. */
    Side childJvm(String name, int warmups, int runs, List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath, Bench.class.getName(),
                "--child", name, "--warmups", Integer.toString(warmups), "--runs", Integer.toString(runs)));
        return report(cmd, "", Map.of());
    }

    /** Runs each of {@code runs} in a JVM of its own (memory: a process's size after one run). */
    Side freshJvms(String name, int runs, List<String> jvmOptions) throws IOException, InterruptedException {
        List<Map<String, Double>> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Side one = childJvm(name, 0, 1, jvmOptions);
            if (!one.measured()) {
                return one;
            }
            all.addAll(one.runs());
        }
        return new Side(all, "one JVM per run");
    }

    /** Runs the asyncio peer {@code peers/NAME.py} with the same counts, or says why not. */
    Side peer(String name, int warmups, int runs) throws IOException, InterruptedException {
        return peer(name, warmups, runs, Map.of());
    }

    /** The same, with environment variables the peer reads (a broker's port). */
    Side peer(String name, int warmups, int runs, Map<String, String> env) throws IOException, InterruptedException {
        if (python == null) {
            return Side.skipped(noPythonNote());
        }
        Path script = benchDir.resolve("peers").resolve(name.replace('-', '_') + ".py");
        List<String> cmd = List.of(python.path().toString(), script.toString(),
                "--warmups", Integer.toString(warmups), "--runs", Integer.toString(runs));
        return report(cmd, "", env);
    }

    static String noPythonNote() {
        return "skipped: no CPython 3 found (looked at " + Python.lookedAt() + "; set " + Python.ENV + ")";
    }

    /** Runs a process whose last line of output is {@code {"runs": [{...}, ...]}}. */
    private Side report(List<String> cmd, String note, Map<String, String> env) throws IOException, InterruptedException {
        // Output goes to a file: reading a pipe would block until the child ends, and a hung
        // child would never reach the timeout below.
        Path outFile = Files.createTempFile("perthensis-bench-", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(outFile.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Side.skipped("not measured: timed out after " + CHILD_TIMEOUT_SECONDS + " s");
            }
            return parse(p, cmd, Files.readAllBytes(outFile), note);
        } finally {
            Files.deleteIfExists(outFile);
        }
    }

    private static Side parse(Process p, List<String> cmd, byte[] out, String note) {
        if (p.exitValue() != 0) {
            return Side.skipped("not measured: " + Path.of(cmd.get(0)).getFileName() + " exited with "
                    + p.exitValue() + " (its messages are above)");
        }
        String text = new String(out, StandardCharsets.UTF_8).strip();
        String last = text.substring(text.lastIndexOf('\n') + 1);
        return new Side(runsOf(Json.parse(last)), note);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Double>> runsOf(Object report) {
        List<Map<String, Double>> runs = new ArrayList<>();
        for (Object run : (List<Object>) ((Map<String, Object>) report).get("runs")) {
            Map<String, Double> values = new LinkedHashMap<>();
            ((Map<String, Object>) run).forEach((k, v) -> values.put(k, v == null ? Double.NaN : ((Number) v).doubleValue()));
            runs.add(values);
        }
        return runs;
    }

    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "";
        }
    }
}
