package org.perthensis.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.perthensis.api.Durations;
import org.perthensis.api.Metrics;

/**
 * The metrics as the page shows them: by task (the {@code task} label), in the words of their
 * help line, times in the one duration notation, and any loss (dropped, rejected, lost,
 * failures, slow turns) that is not zero marked, since that is what a user looks for.
 */
final class Numbers {

    /** A number a user should look at when it is not zero. */
    private static final Pattern LOSS = Pattern.compile(".*(dropped|rejected|lost|failures|slow_turns|refused|expired"
            + "|corrupt|unauthorized).*");

    private Numbers() {
    }

    /**
     * One row for each sample, grouped: the task's name, or {@code runtime} for the rest.
     *
     * @param samples as {@link Metrics#collect()} gave them
     * @return rows of {@code group}, {@code label}, {@code value} (text) and {@code level}
     */
    static List<Map<String, Object>> of(List<Metrics.Sample> samples) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Metrics.Sample s : samples) {
            if (s.name().startsWith("perthensis_task_")) {
                continue; // the task table shows restarts and states already
            }
            Map<String, Object> row = new LinkedHashMap<>();
            String others = s.labels().entrySet().stream()
                    .filter(e -> !e.getKey().equals("task") && !e.getKey().equals("type"))
                    .map(e -> e.getKey() + " " + e.getValue()).sorted().collect(Collectors.joining(", "));
            row.put("group", s.labels().getOrDefault("task", "runtime"));
            row.put("label", s.help() + (others.isEmpty() ? "" : " (" + others + ")"));
            row.put("value", format(s.name(), s.value()));
            row.put("level", s.value() > 0 && LOSS.matcher(s.name()).matches() ? "warn" : "ok");
            rows.add(row);
        }
        rows.sort((a, b) -> group(a).equals("runtime") == group(b).equals("runtime")
                ? group(a).compareTo(group(b)) : group(a).equals("runtime") ? 1 : -1);
        return rows;
    }

    private static String group(Map<String, Object> row) {
        return (String) row.get("group");
    }

    static String format(String name, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (name.contains("_seconds")) {
            return Durations.format(Duration.ofNanos(threeDigits(Math.round(value * 1e9))));
        }
        if (name.endsWith("_bytes")) {
            return bytes(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(java.util.Locale.ROOT, "%,d", (long) value);
        }
        return String.format(java.util.Locale.ROOT, "%.4g", value);
    }

    /** Nanoseconds to three significant digits: 165.065917ms reads as 165ms, 1.234567ms as 1.23ms. */
    static long threeDigits(long nanos) {
        long unit = 1;
        while (Math.abs(nanos) >= 1000 * unit) {
            unit *= 10;
        }
        return Math.round((double) nanos / unit) * unit;
    }

    private static String bytes(double value) {
        String[] units = {"B", "KiB", "MiB", "GiB"};
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? (long) value + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
