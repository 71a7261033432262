package org.perthensis.web;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.perthensis.api.Metrics;

/**
 * {@code /metrics}: what the tasks offer ({@link Metrics}, collected on the loop) and the JVM's
 * heap, threads and CPU (read here, on the handler's thread), in the Prometheus text format
 * (version 0.0.4), written by the Prometheus library's own writer.
 */
final class MetricsText {

    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();
    /** Made at the first scrape; waits for work without waking (see {@link #renderOnAPlatformThread}). */
    private static final ExecutorService RENDERER = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("perthensis-web-metrics").daemon().factory());
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Read per scrape in a microsecond; ProcessHandle's info reads four files for it (35 us). */
    private static final java.lang.management.OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();
    private static final double START_SECONDS = ProcessHandle.current().info().startInstant()
            .map(t -> t.toEpochMilli() / 1e3).orElse(-1.0);

    private MetricsText() {
    }

    /**
     * The scrape's text.
     *
     * @param samples what {@link Metrics#collect()} gave, on the loop
     * @param skipped told of each metric the format cannot take (left out, not the scrape)
     * @return the text format, UTF-8
     */
    static byte[] write(List<Metrics.Sample> samples, Consumer<String> skipped) {
        List<MetricSnapshot> jvm = jvm();
        List<String> taken = jvm.stream().map(m -> m.getMetadata().getPrometheusName()).toList();
        List<MetricSnapshot> snapshots = new ArrayList<>(fromSamples(samples.stream().filter(s -> {
            boolean clash = taken.contains(s.name()) || taken.contains(s.name().replaceFirst("_total$", ""));
            if (clash) {
                skipped.accept(s.name() + ": the JVM's own numbers have that name");
            }
            return !clash;
        }).toList(), skipped));
        snapshots.addAll(jvm);
        MetricSnapshots all = MetricSnapshots.of(snapshots.toArray(MetricSnapshot[]::new));
        return Thread.currentThread().isVirtual() ? renderOnAPlatformThread(all) : render(all);
    }

    /**
     * Renders on the one platform thread kept for it. The Prometheus writer wraps the stream
     * in a {@code BufferedWriter} and appends much of the text a character at a time; made on
     * a virtual thread, JDK 21 to 25's {@code BufferedWriter} starts at 512 characters and
     * grows to exactly what each write needs, copying its buffer for nearly every character:
     * about 20 MB allocated for a 10 KB scrape of the shipped config (measured with JFR), ten
     * young collections of a small heap. Made on a platform thread, it starts at its full 8 KB.
     */
    private static byte[] renderOnAPlatformThread(MetricSnapshots all) {
        Future<byte[]> rendering = RENDERER.submit(() -> render(all));
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return rendering.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the rendering takes a millisecond: finish it, then say so
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static byte[] render(MetricSnapshots all) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            WRITER.write(out, all, EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    private static List<MetricSnapshot> fromSamples(List<Metrics.Sample> samples, Consumer<String> skipped) {
        Map<String, List<Metrics.Sample>> byName = new LinkedHashMap<>();
        samples.forEach(s -> byName.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s));
        List<MetricSnapshot> snapshots = new ArrayList<>();
        byName.forEach((name, values) -> {
            try {
                snapshots.add(snapshot(name, values));
            } catch (IllegalArgumentException e) {
                skipped.accept(name + ": " + e.getMessage());
            }
        });
        return snapshots;
    }

    private static MetricSnapshot snapshot(String name, List<Metrics.Sample> values) {
        Metrics.Sample first = values.getFirst();
        if (first.kind() == Metrics.Kind.COUNTER) {
            CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(first.help());
            values.forEach(s -> b.dataPoint(CounterDataPointSnapshot.builder().labels(labels(s.labels()))
                    .value(s.value()).build()));
            return b.build();
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(first.help());
        values.forEach(s -> b.dataPoint(GaugeDataPointSnapshot.builder().labels(labels(s.labels()))
                .value(s.value()).build()));
        return b.build();
    }

    private static Labels labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return Labels.EMPTY;
        }
        String[] names = labels.keySet().toArray(String[]::new);
        String[] values = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = labels.get(names[i]);
        }
        return Labels.of(names, values);
    }

    private static List<MetricSnapshot> jvm() {
        MemoryUsage heap = MEMORY.getHeapMemoryUsage();
        MemoryUsage nonHeap = MEMORY.getNonHeapMemoryUsage();
        List<MetricSnapshot> jvm = new ArrayList<>();
        jvm.add(gauge("jvm_memory_used_bytes", "Memory in use", Map.of("area", "heap"), heap.getUsed(),
                Map.of("area", "nonheap"), nonHeap.getUsed()));
        jvm.add(gauge("jvm_memory_committed_bytes", "Memory the JVM has from the system", Map.of("area", "heap"),
                heap.getCommitted(), Map.of("area", "nonheap"), nonHeap.getCommitted()));
        if (heap.getMax() >= 0) {
            jvm.add(gauge("jvm_memory_max_bytes", "The most memory the heap may grow to", Map.of("area", "heap"),
                    heap.getMax()));
        }
        jvm.add(gauge("jvm_threads_current", "Platform threads alive (virtual threads are not counted)", Map.of(),
                THREADS.getThreadCount()));
        jvm.add(gauge("jvm_threads_daemon", "Daemon platform threads alive", Map.of(), THREADS.getDaemonThreadCount()));
        jvm.add(gauge("jvm_threads_peak", "The most platform threads alive at once", Map.of(),
                THREADS.getPeakThreadCount()));
        long cpu = OS instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
        if (cpu >= 0) {
            jvm.add(CounterSnapshot.builder().name("process_cpu_seconds_total")
                    .help("CPU time the process has used, user and system")
                    .dataPoint(CounterDataPointSnapshot.builder().value(cpu / 1e9).build()).build());
        }
        if (START_SECONDS >= 0) {
            jvm.add(gauge("process_start_time_seconds", "When the process started, in seconds since 1970", Map.of(),
                    START_SECONDS));
        }
        return jvm;
    }

    private static GaugeSnapshot gauge(String name, String help, Object... labelsAndValues) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) labelsAndValues[i];
            b.dataPoint(GaugeDataPointSnapshot.builder().labels(labels(labels))
                    .value(((Number) labelsAndValues[i + 1]).doubleValue()).build());
        }
        return b.build();
    }
}
