package org.perthensis.app.config;

import static org.perthensis.app.config.ConfigSource.element;
import static org.perthensis.app.config.ConfigSource.member;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.perthensis.api.ConfiguredTasks;
import org.perthensis.api.Durations;
import org.perthensis.api.TaskProvider;
import org.perthensis.app.providers.ProviderRegistry;

/**
 * Checks a parsed config file against the task types on the module path and turns it into a
 * {@link Plan}, collecting every mistake before reporting any.
 *
 * <pre>{@code
 * {
 *   "gpio": { "provider": "auto" },
 *   "buses": { "i2c1": { "bus": 1 } },
 *   "shutdownGrace": "2s",
 *   "tasks": [ { "type": "heartbeat", "name": "status", "restart": "on-failure", "pin": 17 } ]
 * }
 * }</pre>
 */
public final class ConfigReader {

    /** The fields of a task entry that the app reads itself; the rest go to the provider's record. */
    static final List<String> TASK_FIELDS = List.of("type", "name", "required", "restart");
    /** How long tasks get to end after a signal unless {@code shutdownGrace} says otherwise. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

    private static final List<String> TOP_FIELDS = List.of("gpio", "tasks", "shutdownGrace", "buses");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final ProviderRegistry registry;
    private final Problems problems;
    private final Map<String, String> names = new HashMap<>();
    /** Each task's type by its name, in file order, for {@link ConfiguredTasks}. */
    private final Map<String, String> types = new LinkedHashMap<>();
    private final List<Plan.Entry> entries = new ArrayList<>();
    private final List<Plan.Skipped> skipped = new ArrayList<>();

    private ConfigReader(ProviderRegistry registry, Problems problems) {
        this.registry = registry;
        this.problems = problems;
    }

    /**
     * Checks a config file.
     *
     * @param source the parsed file
     * @param registry the task types on the module path
     * @return what to run
     * @throws ConfigException with every mistake found
     */
    public static Plan read(ConfigSource source, ProviderRegistry registry) {
        Problems problems = new Problems(source);
        Plan plan = read(source, registry, problems);
        problems.throwIfAny();
        return plan;
    }

    /**
     * Checks a config file, adding its mistakes to {@code problems} instead of throwing them, so
     * that the caller can add those it finds next (a provider's, when it creates the tasks).
     *
     * @param source the parsed file
     * @param registry the task types on the module path
     * @param problems where the mistakes go
     * @return what to run of the tasks that bound without a mistake
     * @throws ConfigException if the file is no object, so that there is nothing to go on with
     */
    public static Plan read(ConfigSource source, ProviderRegistry registry, Problems problems) {
        return new ConfigReader(registry, problems).read(source);
    }

    private Plan read(ConfigSource source) {
        if (!(source.root() instanceof JsonValue.Obj)) {
            problems.add("$", "expected an object with \"tasks\", got " + JsonValues.describe(source.root()));
            problems.throwIfAny();
        }
        JsonValue.Obj root = (JsonValue.Obj) source.root();
        for (String field : root.members().keySet()) {
            if (!TOP_FIELDS.contains(field)) {
                problems.add(member("$", field), RecordBinder.unknownField(field, "", TOP_FIELDS));
            }
        }
        GpioMode gpio = gpio(root.get("gpio"));
        List<Plan.Bus> buses = BusSection.read(root.get("buses"), problems);
        Duration grace = grace(root.get("shutdownGrace"));
        JsonValue tasks = root.get("tasks");
        if (tasks == null) {
            problems.add("$", "missing field 'tasks': a list of tasks such as [{\"type\": \"" + exampleType() + "\"}]");
        } else if (!(tasks instanceof JsonValue.Arr list)) {
            problems.add("$.tasks", "expected a list of tasks, got " + JsonValues.describe(tasks));
        } else {
            for (int i = 0; i < list.elements().size(); i++) {
                task(element("$.tasks", i), i, list.elements().get(i));
            }
        }
        return new Plan(source, gpio, grace, List.copyOf(entries), List.copyOf(skipped), new ConfiguredTasks(types), buses);
    }

    private GpioMode gpio(JsonValue section) {
        if (section == null) {
            return GpioMode.AUTO;
        }
        if (!(section instanceof JsonValue.Obj gpio)) {
            problems.add("$.gpio", "expected an object such as {\"provider\": \"auto\"}, got " + JsonValues.describe(section));
            return GpioMode.AUTO;
        }
        for (String field : gpio.members().keySet()) {
            if (!field.equals("provider")) {
                problems.add(member("$.gpio", field), RecordBinder.unknownField(field, "gpio", List.of("provider")));
            }
        }
        JsonValue provider = gpio.get("provider");
        if (provider == null) {
            return GpioMode.AUTO;
        }
        Optional<GpioMode> mode = provider instanceof JsonValue.Str s ? GpioMode.of(s.value()) : Optional.empty();
        if (mode.isEmpty()) {
            problems.add("$.gpio.provider", "expected one of \"auto\", \"mock\", \"gpiod\", \"linuxfs\", got "
                    + JsonValues.describe(provider));
        }
        return mode.orElse(GpioMode.AUTO);
    }

    private Duration grace(JsonValue value) {
        if (value == null) {
            return DEFAULT_GRACE;
        }
        if (!(value instanceof JsonValue.Str grace)) {
            problems.add("$.shutdownGrace", "expected a duration such as " + Durations.EXAMPLES + ", got "
                    + JsonValues.describe(value));
            return DEFAULT_GRACE;
        }
        Duration parsed;
        try {
            parsed = Durations.parse(grace.value());
        } catch (IllegalArgumentException e) {
            problems.add("$.shutdownGrace", e.getMessage());
            return DEFAULT_GRACE;
        }
        if (parsed.isZero()) {
            // No time for the tasks' finally blocks: the LED would be left as it was.
            problems.add("$.shutdownGrace", "must be positive, such as \"2s\", got \"" + grace.value() + "\"");
            return DEFAULT_GRACE;
        }
        return parsed;
    }

    private void task(String path, int index, JsonValue value) {
        if (!(value instanceof JsonValue.Obj entry)) {
            problems.add(path, "expected an object with a \"type\", got " + JsonValues.describe(value));
            return;
        }
        String type = type(path, entry.get("type"));
        String name = name(path, index, type, entry.get("name"));
        boolean required = required(path, entry.get("required"));
        Restart restart = restart(path, entry.get("restart"));
        if (type == null) {
            return;
        }
        if (name != null) {
            types.putIfAbsent(name, type);
        }
        if (registry.isConflicted(type)) {
            problems.add(member(path, "type"), "task '" + name + "': " + registry.conflictMessage(type));
            return;
        }
        Optional<TaskProvider<?>> provider = registry.find(type);
        if (provider.isEmpty()) {
            String why = registry.absentMessage(type);
            if (required) {
                problems.add(member(path, "type"), "task '" + name + "' is required, but " + why);
            } else {
                skipped.add(new Plan.Skipped(path, "task '" + name + "' (type " + type + ") skipped: " + why));
            }
            return;
        }
        Map<String, JsonValue> own = new LinkedHashMap<>();
        entry.members().forEach((field, v) -> {
            if (!TASK_FIELDS.contains(field)) {
                own.put(field, v);
            }
        });
        Record config = RecordBinder.bind(provider.get().configType(), own, path, "type " + type, TASK_FIELDS, problems);
        if (config != null) {
            entries.add(new Plan.Entry(path, name, type, restart, provider.get(), config));
        }
    }

    private String type(String path, JsonValue type) {
        if (type == null) {
            problems.add(path, "missing field 'type'; every task needs one, such as \"type\": \"" + exampleType() + "\"");
            return null;
        }
        if (!(type instanceof JsonValue.Str s) || s.value().isBlank()) {
            problems.add(member(path, "type"), "expected a type name such as \"" + exampleType() + "\", got "
                    + JsonValues.describe(type));
            return null;
        }
        return s.value();
    }

    /** A type that is on the module path, for examples in messages; the app knows none by name. */
    private String exampleType() {
        return registry.all().keySet().stream().findFirst().orElse("a type that --list shows");
    }

    private String name(String path, int index, String type, JsonValue name) {
        String chosen;
        String at;
        if (name == null) {
            if (type == null) {
                return null;
            }
            chosen = type + "-" + index;
            at = path;
        } else if (!(name instanceof JsonValue.Str s) || !NAME.matcher(s.value()).matches()) {
            problems.add(member(path, "name"), "expected a name of letters, digits, '-' and '_', got "
                    + JsonValues.describe(name));
            return null;
        } else {
            chosen = s.value();
            at = member(path, "name");
        }
        String first = names.putIfAbsent(chosen, path);
        if (first != null) {
            problems.add(at, "duplicate task name '" + chosen + "': " + first + " has it too; give each task its own \"name\"");
        }
        return chosen;
    }

    private boolean required(String path, JsonValue required) {
        if (required == null) {
            return false;
        }
        if (!(required instanceof JsonValue.Bool b)) {
            problems.add(member(path, "required"), "expected true or false, got " + JsonValues.describe(required));
            return false;
        }
        return b.value();
    }

    private Restart restart(String path, JsonValue restart) {
        if (restart == null) {
            return Restart.ON_FAILURE;
        }
        Optional<Restart> policy = restart instanceof JsonValue.Str s ? Restart.of(s.value()) : Optional.empty();
        if (policy.isEmpty()) {
            problems.add(member(path, "restart"), "expected one of \"on-failure\", \"never\", \"always\", got "
                    + JsonValues.describe(restart));
        }
        return policy.orElse(Restart.ON_FAILURE);
    }
}
