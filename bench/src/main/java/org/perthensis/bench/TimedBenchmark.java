package org.perthensis.bench;

import java.util.Map;

/**
 * A whole-system benchmark measured with plain timed runs in a fresh JVM of its own: warm-up
 * runs first (discarded), then the measured runs. The peer does the same counts.
 */
abstract class TimedBenchmark implements Benchmark {

    /** One run, inside the child JVM: the values of this run's metrics. */
    abstract Map<String, Double> measureOnce() throws Exception;

    int warmups() {
        return 1;
    }

    int runs() {
        return 5;
    }

    @Override
    public Side perthensis(Harness h) throws Exception {
        return h.childJvm(name(), warmups(), runs());
    }

    @Override
    public Side asyncio(Harness h) throws Exception {
        return h.peer(name(), warmups(), runs());
    }
}
