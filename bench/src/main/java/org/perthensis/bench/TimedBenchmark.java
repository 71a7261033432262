package org.perthensis.bench;

import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * Figures measured again in a second JVM with one virtual-thread carrier, made with
     * {@link Metric#oneCarrier()}; none by default.
     */
    List<Metric> oneCarrierMetrics() {
        return List.of();
    }

    @Override
    public Side perthensis(Harness h) throws Exception {
        Side side = h.childJvm(name(), warmups(), runs(), List.of());
        List<Metric> again = oneCarrierMetrics();
        if (again.isEmpty() || !side.measured()) {
            return side;
        }
        Side one = h.childJvm(name(), warmups(), runs(), List.of(Harness.ONE_CARRIER));
        if (!one.measured()) {
            return new Side(side.runs(), "one carrier: " + one.note());
        }
        List<Map<String, Double>> runs = new java.util.ArrayList<>();
        for (int i = 0; i < side.runs().size(); i++) {
            Map<String, Double> run = new LinkedHashMap<>(side.runs().get(i));
            for (Metric m : again) {
                run.put(m.key(), i < one.runs().size() ? one.runs().get(i).get(m.peerKey()) : null);
            }
            runs.add(run);
        }
        return new Side(runs, side.note());
    }

    @Override
    public Side asyncio(Harness h) throws Exception {
        return h.peer(name(), warmups(), runs());
    }
}
