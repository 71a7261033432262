package org.perthensis.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished benchmark: both sides and the verdicts.
 *
 * @param benchmark what ran
 * @param ours what Perthensis measured
 * @param peer what the asyncio peer measured
 * @param checks the targets and verdicts
 */
record Result(Benchmark benchmark, Side ours, Side peer, List<Check> checks) {

    /** How many times better Perthensis is on a metric, from the medians; NaN if that means nothing. */
    double advantage(Metric m) {
        Stats a = ours.stats(m.key());
        Stats b = peer.stats(m.peerKey());
        if (a.n() == 0 || b.n() == 0) {
            return Double.NaN;
        }
        return m.advantage(a.median(), b.median());
    }

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", benchmark.name());
        out.put("what", benchmark.what());
        out.put("method", benchmark.method());
        out.put("targets", checks.stream().map(c -> Map.of("target", c.target(), "verdict", c.verdict().name(),
                "detail", c.detail())).toList());
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (Metric m : benchmark.metrics()) {
            double x = advantage(m);
            ratios.put(m.key(), Double.isNaN(x) ? null : x);
        }
        out.put("peer", benchmark.peerName());
        out.put("vs_asyncio", ratios);
        out.put("perthensis", ours.toJson(benchmark.metrics()));
        out.put("asyncio", peer.toJson(benchmark.metrics()));
        return out;
    }
}
