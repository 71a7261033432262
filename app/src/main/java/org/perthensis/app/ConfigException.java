package org.perthensis.app;

import java.util.List;

/** Every mistake found in a config file; nothing starts while there is one. */
final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    ConfigException(List<ConfigProblem> problems) {
        super(problems.size() + (problems.size() == 1 ? " error" : " errors") + " in the configuration");
        this.problems = List.copyOf(problems);
    }

    List<ConfigProblem> problems() {
        return problems;
    }
}
