package org.perthensis.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one side, Perthensis or its asyncio peer, measured: the values of each run, or why
 * nothing was measured.
 *
 * @param runs the values of each measured run, by metric key
 * @param note why nothing was measured, or a remark on how; empty when there is nothing to say
 * @param loadBefore {@code /proc/loadavg} just before this side ran
 * @param otherCores the CPU other processes used while this side ran, in cores ({@link OtherLoad})
 */
record Side(List<Map<String, Double>> runs, String note, String loadBefore, double otherCores) {

    Side(List<Map<String, Double>> runs, String note) {
        this(runs, note, "", Double.NaN);
    }

    static Side skipped(String why) {
        return new Side(List.of(), why);
    }

    Side withLoad(String before, double others) {
        return new Side(runs, note, before, others);
    }

    boolean disturbed() {
        return otherCores > OtherLoad.DISTURBED_CORES;
    }

    boolean measured() {
        return !runs.isEmpty();
    }

    Stats stats(String key) {
        List<Double> values = new ArrayList<>();
        for (Map<String, Double> run : runs) {
            Double v = run.get(key);
            if (v != null) {
                values.add(v);
            }
        }
        return Stats.of(values);
    }

    double median(String key) {
        return stats(key).median();
    }

    double max(String key) {
        return stats(key).max();
    }

    Map<String, Object> toJson(List<Metric> metrics) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("measured", measured());
        if (!note.isEmpty()) {
            out.put("note", note);
        }
        if (!loadBefore.isEmpty()) {
            out.put("loadavg_before", loadBefore);
        }
        out.put("other_processes_cores", Double.isNaN(otherCores) ? null : otherCores);
        if (measured()) {
            Map<String, Object> summary = new LinkedHashMap<>();
            for (Metric m : metrics) {
                Stats s = stats(m.key());
                if (s.n() > 0) {
                    summary.put(m.key(), Map.of("median", s.median(), "min", s.min(), "max", s.max(), "runs", s.n()));
                }
            }
            out.put("summary", summary);
            out.put("runs", runs);
        }
        return out;
    }
}
