package org.perthensis.rule;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.perthensis.api.Checks;
import org.perthensis.api.ConfiguredTasks;
import org.perthensis.api.Events;
import org.perthensis.api.FieldException;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;

/**
 * Task type {@code rule}: when an event matching {@code when} comes and its payload meets
 * {@code if}, run the actions of {@code do} in order, as one task.
 *
 * <pre>{@code
 * { "type": "rule", "name": "porch",
 *   "when": "debounce.door", "if": { "pressed": true },
 *   "do": [ { "set": "light", "to": "on" }, { "wait": "30s" }, { "set": "light", "to": "off" } ] }
 * }</pre>
 *
 * <p>A rule triggered while its actions still run restarts them ({@code "mode": "restart"}, the
 * default), ignores the trigger ({@code single}) or queues it ({@code queued}, at most
 * {@code max} runs, the running one included), as Home Assistant's automations do. It acts on
 * outputs through their command events ({@code output.<name>.set}) and on anything else by
 * publishing events, so it depends on no other module; the outputs it names must be
 * {@code output} tasks of the same file.
 */
public final class RuleProvider implements TaskProvider<RuleProvider.Config> {

    /** The modes of a rule triggered while it runs. */
    static final List<String> MODES = List.of("restart", "single", "queued");
    /** How many runs a queued rule has at most unless {@code max} says otherwise, as in Home Assistant. */
    static final int DEFAULT_MAX = 10;

    /**
     * The configuration of one {@code rule} task.
     *
     * @param when the event that triggers it: a topic, or a prefix ending in {@code *}; required
     * @param if_ the fields its payload must have (the field {@code "if"}): each a value, or
     *        {@code {"in": [...]}} for one of several (default: none, every event triggers it)
     * @param do_ the actions, run in order (the field {@code "do"}); required, not empty
     * @param mode what a trigger does while the actions still run: {@code restart},
     *        {@code single} or {@code queued} (default: restart)
     * @param max with {@code queued}, how many runs there may be, the running one included
     *        (default: 10; null for the other modes)
     */
    public record Config(String when, Map<String, Object> if_, List<Action> do_, String mode, Integer max) {

        /**
         * Supplies defaults and checks the values.
         *
         * @param when the triggering event pattern
         * @param if_ the condition, or null
         * @param do_ the actions
         * @param mode the mode, or null for restart
         * @param max the bound of a queued rule, or null for 10
         * @throws FieldException for a bad value, naming the field
         */
        public Config {
            Checks.eventPattern("when", when);
            if_ = Condition.check("if", if_);
            Checks.required("do", do_, "the actions to run, such as [{\"set\": \"light\", \"to\": \"on\"}]");
            if (do_.isEmpty()) {
                throw Checks.invalid("do", "is empty; give the actions to run, such as [{\"set\": \"light\", \"to\": \"on\"}]");
            }
            do_ = List.copyOf(do_);
            for (int i = 0; i < do_.size(); i++) {
                String topic = do_.get(i).topic();
                if (topic != null && Events.matches(when, topic)) {
                    throw Checks.invalid("do[" + i + "]." + do_.get(i).verb(), "would trigger the rule itself: it publishes "
                            + topic + ", which \"when\" matches (" + Checks.quote(when) + ")");
                }
            }
            mode = Checks.oneOf("mode", mode, "restart", MODES);
            if (max != null && !mode.equals("queued")) {
                throw Checks.invalid("max", "goes with \"mode\": \"queued\" only, got it with " + Checks.quote(mode));
            }
            max = mode.equals("queued") ? Checks.between("max", max, 1, 1000, DEFAULT_MAX) : null;
        }
    }

    /** Creates the provider; the runtime finds it with {@link java.util.ServiceLoader}. */
    public RuleProvider() {
    }

    @Override
    public String type() {
        return "rule";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Optional<String> description() {
        return Optional.of("when an event comes (and its payload matches), runs actions in order:"
                + " set, toggle or pulse an output, wait, publish an event");
    }

    /**
     * Creates the rule, after checking that every output it names is an {@code output} task of
     * the file; without the runtime's list of the file's tasks the check is left out.
     *
     * @throws FieldException naming the action, such as {@code do[2].set}, for an output the file has not
     */
    @Override
    public Task create(Config config, TaskEnvironment environment) {
        Objects.requireNonNull(config, "config");
        environment.service(ConfiguredTasks.class).ifPresent(file -> checkOutputs(config.do_(), file));
        return new RuleTask(config, environment);
    }

    private static void checkOutputs(List<Action> actions, ConfiguredTasks file) {
        List<String> outputs = file.ofType("output");
        String known = outputs.isEmpty() ? ", and it has none"
                : " (" + outputs.stream().map(Checks::quote).collect(Collectors.joining(", ")) + ")";
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            String name = a.output();
            if (name == null) {
                continue;
            }
            Optional<String> type = file.typeOf(name);
            if (!type.equals(Optional.of("output"))) {
                throw Checks.invalid("do[" + i + "]." + a.verb(), "must name an output task of this file" + known
                        + ", got " + Checks.quote(name) + type.map(t -> ", a " + t + " task").orElse(""));
            }
        }
    }
}
