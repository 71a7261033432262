package org.perthensis.app;

import java.util.ArrayList;
import java.util.List;

/** Collects the mistakes in one config file, each with its place, so all are reported together. */
final class Problems {

    private final ConfigSource source;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(ConfigSource source) {
        this.source = source;
    }

    void add(String path, String message) {
        found.add(new ConfigProblem(source.where(path), path, message));
    }

    int count() {
        return found.size();
    }

    /** Throws the problems found so far, if any. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ConfigException(found);
        }
    }
}
