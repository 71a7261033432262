package org.perthensis.app.config;

import java.util.List;

/** Every mistake found in a config file; nothing starts while there is one. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /**
     * Reports mistakes.
     *
     * @param problems every mistake, in file order
     */
    public ConfigException(List<ConfigProblem> problems) {
        super(problems.size() + (problems.size() == 1 ? " error" : " errors") + " in the configuration");
        this.problems = List.copyOf(problems);
    }

    /**
     * The mistakes.
     *
     * @return every one, in file order
     */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
