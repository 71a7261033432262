package org.perthensis.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

/** The registry behind {@link Metrics#create()}: functions by name and labels, read on collection. */
final class MetricRegistry implements Metrics {

    static final String FAILURES = "perthensis_metric_read_failures_total";

    private record Family(String help, Kind kind, Map<Map<String, String>, DoubleSupplier> values) {
    }

    private final Map<String, Family> families = new TreeMap<>();
    /** Functions that threw while read: shown as a metric of its own, so no failure is silent. */
    private long failures;

    @Override
    public void counter(String name, String help, Map<String, String> labels, DoubleSupplier value) {
        register(name, help, Kind.COUNTER, labels, value);
    }

    @Override
    public void gauge(String name, String help, Map<String, String> labels, DoubleSupplier value) {
        register(name, help, Kind.GAUGE, labels, value);
    }

    private synchronized void register(String name, String help, Kind kind, Map<String, String> labels,
            DoubleSupplier value) {
        check(name, "metric");
        labels.keySet().forEach(l -> check(l, "label"));
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(value, "value");
        Family family = families.computeIfAbsent(name, n -> new Family(help, kind, new LinkedHashMap<>()));
        if (family.kind() != kind) {
            throw new IllegalArgumentException("metric " + name + " is registered as a " + family.kind().name()
                    .toLowerCase(java.util.Locale.ROOT) + " already; give the " + kind.name()
                    .toLowerCase(java.util.Locale.ROOT) + " another name");
        }
        family.values().put(Map.copyOf(labels), value);
    }

    private static void check(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a " + what + " name is letters, digits, '_' and ':', not starting"
                    + " with a digit, got " + (name == null ? "null" : Checks.quote(name)));
        }
    }

    @Override
    public List<Sample> collect() {
        Map<String, Family> copy;
        synchronized (this) {
            copy = new TreeMap<>();
            families.forEach((n, f) -> copy.put(n, new Family(f.help(), f.kind(), new LinkedHashMap<>(f.values()))));
        }
        List<Sample> samples = new ArrayList<>();
        copy.forEach((name, family) -> family.values().forEach((labels, value) -> {
            double v;
            try {
                v = value.getAsDouble();
            } catch (RuntimeException e) {
                synchronized (this) {
                    failures++; // one broken function must not hide the others
                }
                return;
            }
            samples.add(new Sample(name, family.help(), family.kind(), labels, v));
        }));
        synchronized (this) {
            samples.add(new Sample(FAILURES, "Metric functions that threw when read", Kind.COUNTER, Map.of(), failures));
        }
        return samples;
    }
}
