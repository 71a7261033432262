package org.perthensis.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    private static final Metric AOT = Metric.lower("first_task_aot_ms", "the same with an AOT cache", Metric.Unit.MILLIS);
    private static final Metric HELLO = Metric.lower("hello_ms", "hello world, for scale", Metric.Unit.MILLIS);
    private static final Metric FIRST_CPU = Metric.lower("first_task_cpu_ms", "CPU until first task body", Metric.Unit.MILLIS);
    private static final Metric BARE = Metric.lower("bare_first_task_ms", "asyncio without the config: one task",
            Metric.Unit.MILLIS);
    private static final Metric BARE_CPU = Metric.lower("bare_first_task_cpu_ms", "its CPU", Metric.Unit.MILLIS);
    private static final Metric LAUNCHER = Metric.lower("launcher_first_task_ms",
            "bin/perthensis, its cache made on a first run", Metric.Unit.MILLIS);
    private static final Metric LAUNCHER_CPU = Metric.lower("launcher_first_task_cpu_ms", "its CPU", Metric.Unit.MILLIS);

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
                + "-XX:+AutoCreateSharedArchive, created by the warm-up launch), and on JDK 25 or newer with an AOT cache "
                + "(-XX:AOTCache=..., written by one training launch with -XX:AOTCacheOutput=...). The launcher: "
                + "bin/perthensis perthensis.json from a copy of the distribution with the bench jar in mods/, with its "
                + "default JVM options and the AOT cache (JDK 25+) or class data archive (JDK 21-24) it makes itself: the "
                + "warm-up launch writes it when stopped. asyncio: python3 peers/startup_config.py perthensis.json, "
                + "which reads the same file, checks each entry in outline and starts one task per entry, the probe's "
                + "first; and the bare python3 peers/startup.py, one task that prints the line. CPU: the launched "
                + "process's CPU (user + system, all threads; /proc/PID/task/*/schedstat) when the line arrives. "
                + "Hello world: a JVM main printing the line / python3 -c print(...). 1 warm-up and 10 measured "
                + "launches of each.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(FIRST, FIRST_CPU, LAUNCHER, LAUNCHER_CPU, CDS, AOT, BARE, BARE_CPU, HELLO);
    }

    @Override
    public Side perthensis(Harness h) throws Exception {
        Path work = Files.createTempDirectory("perthensis-startup");
        try {
            return launchDistribution(h, work);
        } finally {
            deleteTree(work);
        }
    }

    private Side launchDistribution(Harness h, Path work) throws IOException, InterruptedException {
        Path config = Files.writeString(work.resolve("perthensis.json"), config(h.dist));
        List<String> hello = List.of(h.java, "-cp", h.classPath, Hello.class.getName());
        List<Double> hellos = millis(launches(hello, work));

        String note;
        List<Launch> plain = List.of();
        List<Double> cds = List.of();
        List<Double> aot = List.of();
        List<Launch> launcher = List.of();
        Path benchJar = benchJar(h);
        if (h.dist == null || !hasJars(h.dist)) {
            note = "first task: not measured: distribution missing (looked in " + h.dist + "); build it, then run "
                    + "bench/run startup --dist DIR";
        } else if (benchJar == null) {
            note = "first task: not measured: no bench jar in " + h.benchDir.resolve("target") + " (bench/run builds it)";
        } else {
            String modulePath = h.dist + java.io.File.pathSeparator + benchJar;
            try {
                plain = launches(app(h, modulePath, config), work);
                Path archive = work.resolve("perthensis.jsa");
                cds = millis(launches(app(h, modulePath, config, "-XX:SharedArchiveFile=" + archive,
                        "-XX:+AutoCreateSharedArchive"), work));
                note = Files.exists(archive) ? "" : "the AppCDS archive was not written; its row ran without one";
                if (Runtime.version().feature() >= 25) {
                    Path cache = work.resolve("perthensis.aot");
                    millisToMarker(app(h, modulePath, config, "-XX:AOTCacheOutput=" + cache), work); // training
                    aot = millis(launches(app(h, modulePath, config, "-XX:AOTCache=" + cache), work));
                    if (!Files.exists(cache)) {
                        note = (note.isEmpty() ? "" : note + "; ") + "the AOT cache was not written; its row ran without one";
                    }
                } else {
                    note = (note.isEmpty() ? "" : note + "; ") + "AOT cache: needs JDK 25, this is " + Runtime.version();
                }
                launcher = launcher(h, benchJar, config, work);
            } catch (LaunchFailed e) {
                note = "first task: not measured: " + e.getMessage();
            }
        }
        return new Side(zip(List.of(FIRST, FIRST_CPU, LAUNCHER, LAUNCHER_CPU, CDS, AOT, HELLO),
                List.of(millis(plain), cpuMillis(plain), millis(launcher), cpuMillis(launcher), cds, aot, hellos)), note);
    }

    /**
     * Launches through {@code bin/perthensis} as a user does, from a copy of the distribution
     * with the probe's jar added to {@code mods/}; the warm-up launch makes the launcher's cache.
     */
    private static List<Launch> launcher(Harness h, Path benchJar, Path config, Path work)
            throws IOException, InterruptedException {
        Path script = h.dist.getParent().resolve("bin/perthensis");
        if (!Files.isRegularFile(script)) {
            return List.of();
        }
        Path home = work.resolve("home");
        Path mods = Files.createDirectories(home.resolve("mods"));
        try (Stream<Path> jars = Files.list(h.dist)) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, mods.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Files.copy(benchJar, mods.resolve(benchJar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.copy(script, bin.resolve("perthensis"), StandardCopyOption.COPY_ATTRIBUTES);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", Path.of(h.java).getParent().getParent().toString());
        env.put("PERTHENSIS_HOME", home.toString());
        env.put("PERTHENSIS_CDS_ARCHIVE", home.resolve("perthensis.jsa").toString());
        env.put("STATE_DIRECTORY", null);
        env.put("PERTHENSIS_JAVA_OPTS", null);
        return launches(List.of(bin.resolve("perthensis").toString(), config.toString()), work, env);
    }

    @Override
    public Side asyncio(Harness h) throws Exception {
        if (h.python == null) {
            return Side.skipped(Harness.noPythonNote());
        }
        Path work = Files.createTempDirectory("asyncio-startup");
        try {
            String python = h.python.path().toString();
            Path config = Files.writeString(work.resolve("perthensis.json"), config(h.dist));
            List<Launch> first = launches(List.of(python, h.benchDir.resolve("peers/startup_config.py").toString(),
                    config.toString()), work);
            List<Launch> bare = launches(List.of(python, h.benchDir.resolve("peers/startup.py").toString()), work);
            List<Double> hello = millis(launches(List.of(python, "-c", "print('" + FirstTaskProbe.MARKER + "')"), work));
            return new Side(zip(List.of(FIRST, FIRST_CPU, BARE, BARE_CPU, HELLO),
                    List.of(millis(first), cpuMillis(first), millis(bare), cpuMillis(bare), hello)), "");
        } finally {
            deleteTree(work);
        }
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

    /** {@code java [jvmOptions] -p modulePath -m app config}. */
    private static List<String> app(Harness h, String modulePath, Path config, String... jvmOptions) {
        List<String> cmd = new ArrayList<>(List.of(h.java));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-p", modulePath, "-m", "app", config.toString()));
        return cmd;
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

    /**
     * One launch until the probe's line.
     *
     * @param millis wall time from starting the process
     * @param cpuMillis the process's CPU time by then, all threads
     */
    record Launch(double millis, double cpuMillis) {
    }

    private static List<Double> millis(List<Launch> launches) {
        return launches.stream().map(Launch::millis).toList();
    }

    private static List<Double> cpuMillis(List<Launch> launches) {
        return launches.stream().map(Launch::cpuMillis).toList();
    }

    /** One warm-up launch, then {@link #RUNS} measured ones. */
    private static List<Launch> launches(List<String> cmd, Path work) throws IOException, InterruptedException {
        return launches(cmd, work, Map.of());
    }

    /** The same, with these environment variables set (a null value removes one). */
    private static List<Launch> launches(List<String> cmd, Path work, Map<String, String> env)
            throws IOException, InterruptedException {
        millisToMarker(cmd, work, env);
        List<Launch> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            times.add(millisToMarker(cmd, work, env));
        }
        return times;
    }

    /** The time from starting {@code cmd} until it prints the probe's line; the process is then ended. */
    static Launch millisToMarker(List<String> cmd, Path work) throws IOException, InterruptedException {
        return millisToMarker(cmd, work, Map.of());
    }

    private static Launch millisToMarker(List<String> cmd, Path work, Map<String, String> env)
            throws IOException, InterruptedException {
        Path err = work.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectError(err.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        long start = System.nanoTime();
        Process p = pb.start();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
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
                    double cpuMillis = ProcessStats.cpuNanos(p.pid()) / 1e6;
                    stop(p);
                    return new Launch(millis, cpuMillis);
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

    /** SIGTERM, as a user stops the app; it may take seconds when the JVM writes an archive at exit. */
    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
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
        String target = "plain median <= 250 ms";
        Stats plain = ours.stats(FIRST.key());
        if (plain.n() == 0) {
            return List.of(Check.notMeasured(target, ours.note().isEmpty() ? "not measured" : ours.note()));
        }
        Stats cds = ours.stats(CDS.key());
        Stats aot = ours.stats(AOT.key());
        String detail = FIRST.format(plain.median())
                + (cds.n() > 0 ? "; with AppCDS " + CDS.format(cds.median()) : "")
                + (aot.n() > 0 ? "; with an AOT cache " + AOT.format(aot.median()) : "");
        List<Check> checks = new ArrayList<>(List.of(Check.of(target, plain.median() <= 250, detail)));
        Stats launcher = ours.stats(LAUNCHER.key());
        String launcherTarget = "launcher median <= 150 ms";
        checks.add(launcher.n() == 0 ? Check.notMeasured(launcherTarget, "no bin/perthensis beside mods/")
                : Check.of(launcherTarget, launcher.median() <= 150, LAUNCHER.format(launcher.median())));
        return checks;
    }

    /** A launch that never ran the probe. */
    static final class LaunchFailed extends IOException {
        private static final long serialVersionUID = 1L;

        LaunchFailed(String message) {
            super(message);
        }
    }
}
