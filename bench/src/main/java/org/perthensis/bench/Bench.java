package org.perthensis.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/run}: runs the benchmarks, each on Perthensis and then on its asyncio peer,
 * prints the figures and targets, and writes them as JSON.
 */
public final class Bench {
    static final List<Benchmark> ALL = List.of(new Switch(), new TaskoRate(), new ManyTimers(), new Lateness(),
            new Memory(), new Shipped(), new Idle(), new Startup(), new Post(), new JournalBench(), new WebBench(), new MqttBench(),
            new MqttIdle(), new MqttFleet());

    private static final String USAGE = """
            Usage: bench/run [--json] [--dist DIR] [BENCHMARK...]

            Runs every benchmark (or the ones named) on Perthensis and on its CPython asyncio peer,
            prints what was measured with medians and spread, and writes bench/target/bench-results.json.

              --json      print the JSON result on standard output, and the rest on standard error
              --dist DIR  the distribution's module folder for the startup and shipped benchmarks, java -p DIR -m app
                          (default: distribution/target/perthensis/mods)
              --list      list the benchmarks
            Benchmarks: %s
            Environment: %s=/path/to/python3 picks the asyncio interpreter.
            """;

    private Bench() {
    }

    /**
     * Runs the benchmarks.
     *
     * @param args see {@code --help}
     * @throws Exception if the harness itself fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args);
            return;
        }
        boolean json = false;
        Path dist = null;
        List<Benchmark> selected = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--dist" -> dist = Path.of(args[++i]);
                case "--list" -> {
                    ALL.forEach(b -> System.out.println(b.name() + ": " + b.what()));
                    return;
                }
                case "-h", "--help" -> {
                    System.out.print(usage());
                    return;
                }
                default -> {
                    Benchmark b = find(args[i]);
                    if (b == null) {
                        System.err.println("unknown benchmark '" + args[i] + "'");
                        System.err.print(usage());
                        System.exit(2);
                    }
                    selected.add(b);
                }
            }
        }
        run(selected.isEmpty() ? ALL : selected, json, dist);
    }

    private static String usage() {
        return USAGE.formatted(String.join(", ", ALL.stream().map(Benchmark::name).toList()), Python.ENV);
    }

    private static void run(List<Benchmark> benchmarks, boolean json, Path dist) throws Exception {
        PrintStream human = json ? System.err : System.out;
        Path benchDir = Path.of(System.getProperty("perthensis.bench.dir", "bench")).toAbsolutePath().normalize();
        Python python = Python.find().orElse(null);
        Machine machine = Machine.here();
        if (dist == null) {
            dist = benchDir.getParent().resolve("distribution/target/perthensis/mods");
        }
        Harness h = new Harness(benchDir, python, dist);
        Report report = new Report(human);
        report.header(machine, python);
        List<Result> results = new ArrayList<>();
        for (Benchmark b : benchmarks) {
            report.started(b);
            try {
                Side ours = measured(() -> b.perthensis(h));
                Side peer = measured(() -> b.asyncio(h));
                Result r = new Result(b, ours, peer, b.checks(ours, peer));
                report.finished(r);
                results.add(r);
            } catch (Exception e) {
                report.failed(b, e);
            }
        }
        report.summary(results);

        Map<String, Object> all = new LinkedHashMap<>();
        all.put("generated", Instant.now().toString());
        all.put("commit", System.getProperty("perthensis.bench.commit", "unknown"));
        all.put("machine", machine.toJson());
        all.put("peer", python == null ? Map.of("note", Harness.noPythonNote())
                : Map.of("python", python.path().toString(), "version", python.version()));
        all.put("benchmarks", results.stream().map(Result::toJson).toList());
        String text = Json.write(all) + "\n";
        Path file = benchDir.resolve("target").resolve("bench-results.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        human.println("JSON result: " + file);
        if (json) {
            System.out.print(text);
        }
    }

    /** One side of a benchmark, with how loaded the machine was before and while it ran. */
    private static Side measured(SideRun run) throws Exception {
        String before = Harness.loadavg();
        OtherLoad others = new OtherLoad();
        Side side = run.call();
        return side.withLoad(before, others.cores());
    }

    private interface SideRun {
        Side call() throws Exception;
    }

    static Benchmark find(String name) {
        return ALL.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
    }

    /** In a child JVM: the warm-up and measured runs of one timed benchmark, reported as one JSON line. */
    private static void child(String[] args) throws Exception {
        TimedBenchmark b = (TimedBenchmark) find(args[1]);
        int warmups = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[5]);
        for (int i = 0; i < warmups; i++) {
            b.measureOnce();
        }
        List<Map<String, Double>> values = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Map<String, Double> run = new LinkedHashMap<>();
            b.metrics().stream().filter(m -> m.key().equals(m.peerKey())).forEach(m -> run.put(m.key(), null));
            run.putAll(b.measureOnce());
            System.err.println("   Perthensis run " + (i + 1) + "/" + runs + ": " + Json.line(run));
            values.add(run);
        }
        System.out.println(Json.line(Map.of("runs", values)));
    }
}
