package org.perthensis.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tasks the config file describes, each name with its type, known before any task is
 * created: what a provider checks a name against when a task names another task of the file
 * (a rule naming an output), whatever their order in the file. A service the runtime registers;
 * a provider used without the runtime finds none and leaves such checks out.
 *
 * <p>It lists every task of the file that has a type: also one whose type no module provides
 * (it is skipped with a warning, and naming it is no mistake, so that leaving a jar out never
 * stops the rest) and one with a mistake of its own (reported at its own place).
 *
 * <pre>{@code
 * env.service(ConfiguredTasks.class).ifPresent(file -> {
 *     if (!file.typeOf("light").equals(Optional.of("output"))) {
 *         throw Checks.invalid("do[0].set", "no output task is named \"light\"; outputs: " + file.ofType("output"));
 *     }
 * });
 * }</pre>
 *
 * @param types each task's type by its name, in file order
 */
public record ConfiguredTasks(Map<String, String> types) {

    /**
     * Keeps an unmodifiable copy, in the order given.
     *
     * @param types each task's type by its name
     */
    public ConfiguredTasks {
        types = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(types, "types")));
    }

    /**
     * The type of the task of that name.
     *
     * @param name a task's name
     * @return its type, or empty if the file has no task of that name
     */
    public Optional<String> typeOf(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /**
     * The names of the tasks of one type.
     *
     * @param type a task type, such as {@code output}
     * @return their names, in file order
     */
    public List<String> ofType(String type) {
        return types.entrySet().stream().filter(e -> e.getValue().equals(type)).map(Map.Entry::getKey).toList();
    }
}
