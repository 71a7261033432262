package org.perthensis.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * Numbers a task offers about itself (lines sent, queue depth, drops), found by whoever shows
 * them (a status page, a {@code /metrics} endpoint) without depending on the task's module: a
 * service the runtime registers, looked up with {@link TaskEnvironment#service(Class)}.
 *
 * <p>A metric is a function, read only when someone collects: registering costs nothing while
 * nobody looks, and nothing wakes up to update it. Values are read <em>on the loop</em>, so a
 * task may return its plain fields. Names follow Prometheus' rules ({@code [a-zA-Z_:][a-zA-Z0-9_:]*},
 * counters ending in {@code _total}); the runtime adds the prefix of none.
 *
 * <pre>{@code
 * env.service(Metrics.class).ifPresent(m -> {
 *     Map<String, String> labels = Map.of("task", env.taskName());
 *     m.counter("perthensis_connection_lines_sent_total", "Lines written to the socket", labels, () -> sent);
 *     m.gauge("perthensis_connection_queued_lines", "Lines waiting to be written", labels, queue::size);
 * });
 * }</pre>
 *
 * <p>Registration is thread-safe; registering a name with the same labels again replaces the
 * earlier one (a restarted task registers afresh).
 */
public interface Metrics {

    /** What a metric counts. */
    enum Kind {
        /** Only ever goes up (resets only when the process restarts). */
        COUNTER,
        /** Goes up and down: a depth, a state, a time. */
        GAUGE
    }

    /**
     * One value as collected.
     *
     * @param name the metric's name
     * @param help one line saying what it is
     * @param kind counter or gauge
     * @param labels what tells apart the values of one name, such as {@code task}
     * @param value the value read
     */
    record Sample(String name, String help, Kind kind, Map<String, String> labels, double value) {

        /**
         * Checks the parts.
         *
         * @param name the name
         * @param help the help line
         * @param kind the kind
         * @param labels the labels
         * @param value the value
         */
        public Sample {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(help, "help");
            Objects.requireNonNull(kind, "kind");
            labels = Map.copyOf(labels);
        }
    }

    /** The rule for metric and label names. */
    Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /**
     * Registers a counter.
     *
     * @param name its name, ending in {@code _total}
     * @param help one line saying what it counts
     * @param labels what tells apart its values, such as {@code task}; may be empty
     * @param value reads the count, on the loop
     * @throws IllegalArgumentException if a name does not follow the rule, or registered before as a gauge
     */
    void counter(String name, String help, Map<String, String> labels, DoubleSupplier value);

    /**
     * Registers a gauge.
     *
     * @param name its name
     * @param help one line saying what it measures
     * @param labels what tells apart its values; may be empty
     * @param value reads the value, on the loop
     * @throws IllegalArgumentException if a name does not follow the rule, or registered before as a counter
     */
    void gauge(String name, String help, Map<String, String> labels, DoubleSupplier value);

    /**
     * Reads every registered metric. Call it on the loop (from a task or a posted action).
     * A function that throws is left out of this collection, not the others, and counted in
     * {@code perthensis_metric_read_failures_total}, the last sample.
     *
     * @return the values, by name then in the order registered
     */
    List<Sample> collect();

    /**
     * A thread-safe registry, as the runtime provides, for tests and plain Java.
     *
     * @return an empty registry
     */
    static Metrics create() {
        return new MetricRegistry();
    }
}
