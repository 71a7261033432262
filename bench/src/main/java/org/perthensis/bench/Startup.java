package org.perthensis.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real launch of the distribution, timed until its first task body runs. */
final class Startup implements Benchmark {
    static final int RUNS = 10;
    /** Used when the distribution has no example config: the probe, then a heartbeat. */
    static final String FALLBACK_TASKS = """
            [ { "type": "heartbeat", "name": "status", "pin": 17 } ]
            """;

    private static final Metric FIRST = Metric.lower("first_task_ms", "launch to first task body", Metric.Unit.MILLIS);
    private static final Metric CDS = Metric.lower("first_task_cds_ms", "the same with AppCDS", Metric.Unit.MILLIS);
    private static final Metric CDS_C1 = Metric.lower("first_task_cds_c1_ms", "AppCDS, C1 only", Metric.Unit.MILLIS);
    private static final Metric HELLO = Metric.lower("hello_ms", "hello world, for scale", Metric.Unit.MILLIS);

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public String what() {
        return "java -p dist -m app with the full module set until the first task body runs";
    }

    @Override
    public String method() {
        return "Wall time from starting the process until its first task body prints a line on standard output: "
                + "java -p mods:bench.jar -m app perthensis.json, with every module of the distribution on the module "
                + "path and the distribution's example config (one task of every type; GPIO auto, which is Pi4J's mock "
                + "off a Pi) with the bench-probe (the bench jar's one-class plugin) put first; again with a dynamic AppCDS archive (-XX:SharedArchiveFile=... "
                + "-XX:+AutoCreateSharedArchive, created by the warm-up launch), and with an archive of its own and C1 only "
                + "(-XX:TieredStopAtLevel=1). asyncio: python3 peers/startup.py, "
                + "whose first task prints the line. Hello world: a JVM main printing the line / python3 -c print(...). "
                + "1 warm-up and 10 measured launches of each.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(FIRST, CDS, CDS_C1, HELLO);
    }

    @Override
    public Side perthensis(Harness h) throws Exception {
        Path work = Files.createTempDirectory("perthensis-startup");
        Path config = Files.writeString(work.resolve("perthensis.json"), config(h.dist));
        List<String> hello = List.of(h.java, "-cp", h.classPath, Hello.class.getName());
        List<Double> hellos = launches(hello, work);

        String note;
        List<Double> plain = List.of();
        List<Double> cds = List.of();
        List<Double> cdsC1 = List.of();
        Path benchJar = benchJar(h);
        if (h.dist == null || !hasJars(h.dist)) {
            note = "first task: not measured: distribution missing (looked in " + h.dist + "); build it, then run "
                    + "bench/run startup --dist DIR";
        } else if (benchJar == null) {
            note = "first task: not measured: no bench jar in " + h.benchDir.resolve("target") + " (bench/run builds it)";
        } else {
            String modulePath = h.dist + java.io.File.pathSeparator + benchJar;
            try {
                plain = launches(List.of(h.java, "-p", modulePath, "-m", "app", config.toString()), work);
                Path archive = work.resolve("perthensis.jsa");
                cds = launches(List.of(h.java, "-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive",
                        "-p", modulePath, "-m", "app", config.toString()), work);
                Path archiveC1 = work.resolve("perthensis-c1.jsa");
                cdsC1 = launches(List.of(h.java, "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=" + archiveC1,
                        "-XX:+AutoCreateSharedArchive", "-p", modulePath, "-m", "app", config.toString()), work);
                note = Files.exists(archive) && Files.exists(archiveC1) ? ""
                        : "an AppCDS archive was not written; its row ran without one";
            } catch (LaunchFailed e) {
                note = "first task: not measured: " + e.getMessage();
            }
        }
        return new Side(zip(List.of(FIRST, CDS, CDS_C1, HELLO), List.of(plain, cds, cdsC1, hellos)), note);
    }

    @Override
    public Side asyncio(Harness h) throws Exception {
        if (h.python == null) {
            return Side.skipped(Harness.noPythonNote());
        }
        Path work = Files.createTempDirectory("asyncio-startup");
        String python = h.python.path().toString();
        List<Double> first = launches(List.of(python, h.benchDir.resolve("peers/startup.py").toString()), work);
        List<Double> hello = launches(List.of(python, "-c", "print('" + FirstTaskProbe.MARKER + "')"), work);
        return new Side(zip(List.of(FIRST, HELLO), List.of(first, hello)), "");
    }

    /**
     * The distribution's own example config, with one task of every type, and the probe put
     * first so that its body is the first to run.
     */
    @SuppressWarnings("unchecked")
    static String config(Path dist) throws IOException {
        Path example = dist == null || dist.getParent() == null ? null : dist.getParent().resolve("perthensis.json");
        Map<String, Object> config = new LinkedHashMap<>();
        if (example != null && Files.isRegularFile(example)) {
            config = (Map<String, Object>) Json.parse(Files.readString(example));
        } else {
            config.put("gpio", Map.of("provider", "mock"));
            config.put("tasks", Json.parse(FALLBACK_TASKS));
        }
        List<Object> tasks = new ArrayList<>((List<Object>) config.getOrDefault("tasks", List.of()));
        tasks.add(0, Map.of("type", "bench-probe"));
        config.put("tasks", tasks);
        return Json.write(config);
    }

    /** Run i of each list, under its metric's key. */
    private static List<Map<String, Double>> zip(List<Metric> metrics, List<List<Double>> values) {
        List<Map<String, Double>> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Map<String, Double> run = new LinkedHashMap<>();
            for (int m = 0; m < metrics.size(); m++) {
                if (i < values.get(m).size()) {
                    run.put(metrics.get(m).key(), values.get(m).get(i));
                }
            }
            runs.add(run);
        }
        return runs;
    }

    /** One warm-up launch, then {@link #RUNS} measured ones. */
    private static List<Double> launches(List<String> cmd, Path work) throws IOException, InterruptedException {
        millisToMarker(cmd, work);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            times.add(millisToMarker(cmd, work));
        }
        return times;
    }

    /** Milliseconds from starting {@code cmd} until it prints the probe's line; the process is then ended. */
    static double millisToMarker(List<String> cmd, Path work) throws IOException, InterruptedException {
        Path err = work.resolve("stderr.txt");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectError(err.toFile()).start();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                // the launch ended in time
            }
        });
        List<String> seen = new ArrayList<>();
        try (BufferedReader out = p.inputReader()) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains(FirstTaskProbe.MARKER)) {
                    double millis = (System.nanoTime() - start) / 1e6;
                    stop(p);
                    return millis;
                }
                seen.add(line);
            }
        } finally {
            watchdog.interrupt();
        }
        stop(p);
        List<String> errLines = Files.readAllLines(err);
        seen.addAll(errLines);
        String tail = String.join(" | ", seen.subList(Math.max(0, seen.size() - 3), seen.size()));
        throw new LaunchFailed(String.join(" ", cmd.subList(0, Math.min(cmd.size(), 4))) + "... ended (exit "
                + p.exitValue() + ") without running the probe: " + tail);
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    private static boolean hasJars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".jar"));
        }
    }

    private static Path benchJar(Harness h) throws IOException {
        Path target = h.benchDir.resolve("target");
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("perthensis-bench-.*\\.jar")).findFirst().orElse(null);
        }
    }

    @Override
    public List<Check> checks(Side ours, Side peer) {
        String target = "median <= 300 ms";
        Stats plain = ours.stats(FIRST.key());
        if (plain.n() == 0) {
            return List.of(Check.notMeasured(target, ours.note().isEmpty() ? "not measured" : ours.note()));
        }
        Stats cds = ours.stats(CDS.key());
        Stats cdsC1 = ours.stats(CDS_C1.key());
        String detail = FIRST.format(plain.median())
                + (cds.n() > 0 ? "; with AppCDS " + CDS.format(cds.median()) : "")
                + (cdsC1.n() > 0 ? "; AppCDS and C1 only " + CDS_C1.format(cdsC1.median()) : "");
        return List.of(Check.of(target, plain.median() <= 300, detail));
    }

    /** A launch that never ran the probe. */
    static final class LaunchFailed extends IOException {
        private static final long serialVersionUID = 1L;

        LaunchFailed(String message) {
            super(message);
        }
    }
}
