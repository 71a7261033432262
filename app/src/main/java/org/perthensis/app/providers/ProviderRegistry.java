package org.perthensis.app.providers;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.perthensis.api.TaskProvider;
import org.perthensis.app.config.RecordBinder;
import org.perthensis.app.config.Suggestions;

/**
 * The task types on the module path. It only loads and reports: each provider is loaded on its
 * own, so one that fails to load is reported and the others go on; two providers of one type
 * make that type unusable, with an error naming both. What to add for a type that is absent
 * comes from the distribution's {@link TypeIndex}.
 */
public final class ProviderRegistry {

    private static final Pattern TYPE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** Stops a broken service iterator that keeps failing on the same entry from looping forever. */
    private static final int MAX_LOAD_FAILURES = 100;

    private final Map<String, TaskProvider<?>> byType = new TreeMap<>();
    private final Map<String, List<TaskProvider<?>>> conflicts = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private final TypeIndex index;

    private ProviderRegistry(TypeIndex index) {
        this.index = index;
    }

    /**
     * Finds the providers on the module path with {@link ServiceLoader}.
     *
     * @param index which jar provides which type, for the warnings about absent types
     * @return the registry; see {@link #problems()} for providers that were left out
     */
    @SuppressWarnings("unchecked") // ServiceLoader cannot say TaskProvider<?>; every element is one
    public static ProviderRegistry discover(TypeIndex index) {
        Iterator<?> found = ServiceLoader.load(TaskProvider.class).iterator();
        return load((Iterator<TaskProvider<?>>) found, index);
    }

    /**
     * Takes the providers an iterator yields, as {@link ServiceLoader}'s does, reporting and
     * skipping any that throw {@link ServiceConfigurationError}.
     *
     * @param found the providers
     * @param index which jar provides which type
     * @return the registry
     */
    public static ProviderRegistry load(Iterator<TaskProvider<?>> found, TypeIndex index) {
        ProviderRegistry registry = new ProviderRegistry(index);
        int failures = 0;
        while (failures < MAX_LOAD_FAILURES) {
            TaskProvider<?> next;
            try {
                if (!found.hasNext()) {
                    break;
                }
                next = found.next();
            } catch (ServiceConfigurationError e) {
                failures++;
                registry.problems.add("a task provider failed to load and was left out: " + e.getMessage()
                        + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
                continue;
            }
            registry.add(next);
        }
        registry.reportConflicts();
        return registry;
    }

    /**
     * Takes the given providers, without looking at the module path, as tests do.
     *
     * @param providers the providers
     * @return the registry
     */
    public static ProviderRegistry of(List<? extends TaskProvider<?>> providers) {
        return of(providers, TypeIndex.empty());
    }

    /**
     * Takes the given providers and index, without looking at the module path, as tests do.
     *
     * @param providers the providers
     * @param index which jar provides which type
     * @return the registry
     */
    public static ProviderRegistry of(List<? extends TaskProvider<?>> providers, TypeIndex index) {
        return load(new ArrayList<TaskProvider<?>>(providers).iterator(), index);
    }

    private void add(TaskProvider<?> provider) {
        String type;
        Class<?> config;
        try {
            type = provider.type();
            config = provider.configType();
        } catch (RuntimeException e) {
            problems.add("task provider " + describe(provider) + " was left out: it failed to say its type: " + e);
            return;
        }
        if (type == null || !TYPE_NAME.matcher(type).matches()) {
            problems.add("task provider " + describe(provider) + " was left out: its type "
                    + (type == null ? "is null" : "'" + type + "' is not lower-case letters, digits and dashes"));
            return;
        }
        String unusable = unusableConfig(config);
        if (unusable != null) {
            problems.add("task provider " + describe(provider) + " of type '" + type + "' was left out: " + unusable);
            return;
        }
        if (conflicts.containsKey(type)) {
            conflicts.get(type).add(provider);
        } else if (byType.containsKey(type)) {
            conflicts.put(type, new ArrayList<>(List.of(byType.remove(type), provider)));
        } else {
            byType.put(type, provider);
        }
    }

    /**
     * Which jar provides which type, as the distribution's build wrote it.
     *
     * @return the index, empty outside a distribution
     */
    public TypeIndex index() {
        return index;
    }

    private static String unusableConfig(Class<?> config) {
        if (config == null || !config.isRecord()) {
            return "its config type " + (config == null ? "is null" : config.getName() + " is not a record");
        }
        for (Class<?> c = config; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return "its config record " + config.getName() + " is not public; make it a public record";
            }
        }
        // The app calls the constructors of the record and of its nested records, and reads enums.
        if (!config.getModule().isExported(config.getPackageName(), ProviderRegistry.class.getModule())) {
            return "its config record " + config.getName() + " is in a package that module "
                    + config.getModule().getName() + " does not export; add 'exports " + config.getPackageName() + ";'";
        }
        @SuppressWarnings("unchecked")
        Optional<String> unreadable = RecordBinder.unreadableType((Class<? extends Record>) config);
        if (unreadable.isPresent()) {
            return "its config record " + config.getName() + " has a field of type " + unreadable.get()
                    + ", which a config file cannot give; use strings, numbers, booleans, Duration, enums,"
                    + " records, lists and maps by string keys";
        }
        return null;
    }

    private void reportConflicts() {
        conflicts.forEach((type, providers) -> problems.add(conflictMessage(type)));
    }

    /**
     * The provider of a type.
     *
     * @param type a type name
     * @return the one provider of that type, or empty if none or more than one
     */
    public Optional<TaskProvider<?>> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /**
     * Whether more than one module provides a type.
     *
     * @param type a type name
     * @return true if the type is unusable for that reason
     */
    public boolean isConflicted(String type) {
        return conflicts.containsKey(type);
    }

    /**
     * The usable providers, by type name.
     *
     * @return type name to provider, sorted by type
     */
    public Map<String, TaskProvider<?>> all() {
        return new LinkedHashMap<>(byType);
    }

    /**
     * What went wrong while loading: providers that failed or were left out, and types
     * provided twice. Each is one message.
     *
     * @return the messages
     */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * Why a type provided twice cannot be used.
     *
     * @param type the type
     * @return the message naming both providers
     */
    public String conflictMessage(String type) {
        return "type '" + type + "' is provided by " + conflicts.get(type).size() + " modules: "
                + conflicts.get(type).stream().map(ProviderRegistry::describe).collect(Collectors.joining(" and "))
                + "; remove all but one of their jars from the module path";
    }

    /**
     * Why a type cannot be found, what to add, and what there is: the body of a "skipped" warning.
     *
     * @param type the type that no module provides
     * @return such as {@code no module on the module path provides type 'ntp'; add perthensis-ntp.jar.
     *         Available: debounce, heartbeat, rotary.}
     */
    public String absentMessage(String type) {
        StringBuilder m = new StringBuilder("no module on the module path provides type '").append(type).append("'; ");
        Optional<TypeIndex.Source> source = index.find(type);
        if (source.isPresent()) {
            m.append("add ").append(source.get().jar()).append('.');
        } else {
            List<String> candidates = new ArrayList<>(byType.keySet());
            index.types().stream().filter(t -> !byType.containsKey(t)).forEach(candidates::add);
            Optional<String> near = Suggestions.closest(type, candidates);
            if (near.isPresent() && byType.containsKey(near.get())) {
                m.append("did you mean '").append(near.get()).append("'?");
            } else if (near.isPresent()) {
                m.append("did you mean '").append(near.get()).append("', which ")
                        .append(index.find(near.get()).orElseThrow().jar()).append(" provides?");
            } else {
                m.append("add the jar of a module that provides it.");
            }
        }
        return m.append(" Available: ").append(byType.isEmpty() ? "none" : String.join(", ", byType.keySet()))
                .append('.').toString();
    }

    /**
     * A provider as people can find it: its class and the module it comes from.
     *
     * @param provider a provider
     * @return such as {@code org.example.CounterProvider (module org.example.counter 1.0)}
     */
    public static String describe(TaskProvider<?> provider) {
        Module module = provider.getClass().getModule();
        return provider.getClass().getName() + " (" + (module.isNamed() ? "module " + module.getName()
                + module.getDescriptor().version().map(v -> " " + v).orElse("") : "class path") + ")";
    }
}
