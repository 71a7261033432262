package org.perthensis.app.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the mistakes in one config file, each with its place, so all are reported together,
 * in the order they appear in the file.
 */
public final class Problems {

    private record Found(ConfigProblem problem, int line, int column) {
    }

    private final ConfigSource source;
    private final List<Found> found = new ArrayList<>();

    /**
     * Starts an empty collection.
     *
     * @param source the file the problems are in
     */
    public Problems(ConfigSource source) {
        this.source = source;
    }

    /**
     * Adds a problem.
     *
     * @param path the JSON path of the value at fault
     * @param message what was expected and what was found
     */
    public void add(String path, String message) {
        int[] at = source.position(path);
        found.add(new Found(new ConfigProblem(source.where(path), path, message), at[0], at[1]));
    }

    int count() {
        return found.size();
    }

    /**
     * Whether a problem was found.
     *
     * @return {@code true} once one was added
     */
    public boolean any() {
        return !found.isEmpty();
    }

    /** Throws the problems found so far, if any. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ConfigException(found.stream()
                    .sorted(Comparator.comparingInt(Found::line).thenComparingInt(Found::column))
                    .map(Found::problem)
                    .toList());
        }
    }
}
