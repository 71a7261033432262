package org.perthensis.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * A micro-cost benchmark measured by JMH in single-shot mode (one operation is the whole
 * work, timed once per iteration), in a forked JVM; each measured iteration is one run.
 */
abstract class JmhBenchmark implements Benchmark {

    /** The class holding the {@code @Benchmark} method; its annotations set forks and iterations. */
    abstract Class<?> jmhClass();

    /**
     * The values of one run, from the time one operation took and what the fork measured beside it.
     *
     * @param variant which of {@link #jvmVariants()} ran
     * @param millisPerOp the time of the operation
     * @param fork the figures the fork wrote to its {@link ForkLog} for this run; empty if none
     */
    abstract Map<String, Double> valuesOf(int variant, double millisPerOp, Map<String, Double> fork);

    /** Extra JVM options for each JMH run; one run without any by default. */
    List<List<String>> jvmVariants() {
        return List.of(List.of());
    }

    /** How many warm-up runs the peer does before its measured runs. */
    int peerWarmups() {
        return 1;
    }

    /** How many runs the peer measures; the same as the JMH measurement iterations. */
    abstract int runs();

    @Override
    public Side perthensis(Harness h) throws IOException {
        List<Map<String, Double>> runs = new ArrayList<>();
        List<List<String>> variants = jvmVariants();
        Path log = Files.createTempFile("perthensis-bench-fork-", ".jsonl");
        try {
            for (int v = 0; v < variants.size(); v++) {
                Files.deleteIfExists(log);
                List<String> jvmArgs = new ArrayList<>(variants.get(v));
                jvmArgs.add("-D" + ForkLog.PROPERTY + "=" + log);
                Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include("^" + Pattern.quote(jmhClass().getName()) + "\\.")
                        .jvm(h.java)
                        .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                        .verbosity(VerboseMode.SILENT)
                        .shouldFailOnError(true)
                        .build()).run();
                List<Double> scores = new ArrayList<>();
                for (RunResult r : results) {
                    for (BenchmarkResult b : r.getBenchmarkResults()) {
                        for (IterationResult it : b.getIterationResults()) {
                            scores.add(it.getPrimaryResult().getScore());
                        }
                    }
                }
                // The warm-up iterations wrote their lines first; the measured ones are the last.
                List<Map<String, Double>> fork = ForkLog.last(log, scores.size());
                for (int i = 0; i < scores.size(); i++) {
                    if (runs.size() <= i) {
                        runs.add(new LinkedHashMap<>());
                    }
                    runs.get(i).putAll(valuesOf(v, scores.get(i), i < fork.size() ? fork.get(i) : Map.of()));
                }
            }
        } catch (RunnerException e) {
            return Side.skipped("not measured: JMH failed: " + e.getMessage()
                    + (e.getCause() != null ? ": " + e.getCause() : ""));
        } finally {
            Files.deleteIfExists(log);
        }
        return new Side(runs, "");
    }

    @Override
    public Side asyncio(Harness h) throws Exception {
        return h.peer(name(), peerWarmups(), runs());
    }
}
