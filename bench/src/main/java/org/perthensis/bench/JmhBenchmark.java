package org.perthensis.bench;

import java.util.ArrayList;
import java.util.Collection;
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

    /** The values of one run, from the time one operation took. */
    abstract Map<String, Double> valuesOf(double millisPerOp);

    /** How many warm-up runs the peer does before its measured runs. */
    int peerWarmups() {
        return 1;
    }

    /** How many runs the peer measures; the same as the JMH measurement iterations. */
    abstract int runs();

    @Override
    public Side perthensis(Harness h) {
        try {
            Collection<RunResult> results = new Runner(new OptionsBuilder()
                    .include("^" + Pattern.quote(jmhClass().getName()) + "\\.")
                    .jvm(h.java)
                    .verbosity(VerboseMode.SILENT)
                    .build()).run();
            List<Map<String, Double>> runs = new ArrayList<>();
            for (RunResult r : results) {
                for (BenchmarkResult b : r.getBenchmarkResults()) {
                    for (IterationResult it : b.getIterationResults()) {
                        runs.add(valuesOf(it.getPrimaryResult().getScore()));
                    }
                }
            }
            if (runs.isEmpty()) {
                return Side.skipped("not measured: the JMH run failed; run it alone with -Dverbose to see why");
            }
            return new Side(runs, "");
        } catch (RunnerException e) {
            return Side.skipped("not measured: JMH failed: " + e.getMessage());
        }
    }

    @Override
    public Side asyncio(Harness h) throws Exception {
        return h.peer(name(), peerWarmups(), runs());
    }
}
