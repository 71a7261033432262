package org.perthensis.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures a JMH fork measures beside JMH's own time (CPU, posts lost), one JSON line per
 * iteration appended to the file that {@link JmhBenchmark} names in the fork's system
 * property {@value #PROPERTY}; the measured iterations are the last lines.
 */
final class ForkLog {
    static final String PROPERTY = "perthensis.bench.fork.log";

    private ForkLog() {
    }

    /** Appends one iteration's figures; written outside the timed operation, so it costs the figure nothing. */
    static void append(Map<String, Double> values) {
        String file = System.getProperty(PROPERTY);
        if (file == null) {
            return; // run by hand, outside bench/run
        }
        try {
            Files.writeString(Path.of(file), Json.line(values) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code count} lines of the file, one map of figures each; fewer if it holds fewer. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Double>> last(Path file, int count) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        List<Map<String, Double>> out = new ArrayList<>();
        for (String line : lines.subList(Math.max(0, lines.size() - count), lines.size())) {
            Map<String, Double> values = new LinkedHashMap<>();
            ((Map<String, Object>) Json.parse(line)).forEach((k, v) ->
                    values.put(k, v == null ? Double.NaN : ((Number) v).doubleValue()));
            out.add(values);
        }
        return out;
    }
}
