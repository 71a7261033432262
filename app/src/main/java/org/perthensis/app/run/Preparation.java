package org.perthensis.app.run;

import static java.lang.System.Logger.Level.WARNING;

import com.pi4j.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.perthensis.api.Buses;
import org.perthensis.api.ConfiguredTasks;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.api.Metrics;
import org.perthensis.api.RuntimeControl;
import org.perthensis.api.TaskList;
import org.perthensis.api.TaskProvider;
import org.perthensis.app.config.ConfigException;
import org.perthensis.app.config.ConfigReader;
import org.perthensis.app.config.ConfigSource;
import org.perthensis.app.config.Plan;
import org.perthensis.app.config.Problems;
import org.perthensis.app.config.RecordBinder;
import org.perthensis.app.gpio.GpioChoice;
import org.perthensis.app.gpio.GpioService;
import org.perthensis.app.gpio.Machine;
import org.perthensis.app.gpio.Pi4jI2c;
import org.perthensis.app.providers.ProviderRegistry;

/**
 * The one way from a config file to tasks ready to start, the same for {@code --check} and a
 * run: read and bind the file, decide the GPIO, create every task through its provider. A
 * check does it on simulated pins and a virtual clock, so it never touches hardware; a run
 * then starts what was prepared.
 */
public final class Preparation {

    /** What the preparation is for. */
    public enum Mode {
        /** A run: the GPIO the config and the machine call for, the real clock. */
        RUN,
        /** {@code --check}: simulated pins, virtual time, nothing started. */
        CHECK
    }

    static final System.Logger LOG = System.getLogger("app");

    private Preparation() {
    }

    /**
     * Prepares a config file.
     *
     * @param source the parsed file
     * @param registry the task types on the module path
     * @param mode a run or a check
     * @param machine what the machine has, for the GPIO decision
     * @param plugins the Pi4J plugins on the module path
     * @return every task created, none started
     * @throws ConfigException for a mistake in the file, one a provider found included; nothing is left open then
     * @throws IllegalStateException if there is no scheduler on the module path
     */
    public static Prepared prepare(ConfigSource source, ProviderRegistry registry, Mode mode, Machine machine,
            Set<String> plugins) {
        return prepare(source, registry, mode, machine, plugins,
                mode == Mode.CHECK ? () -> Scheduler.builder().virtualTime().build() : Scheduler::create);
    }

    /** As above, on a scheduler of the caller's, as tests of a run need a virtual clock too. */
    static Prepared prepare(ConfigSource source, ProviderRegistry registry, Mode mode, Machine machine,
            Set<String> plugins, Supplier<Scheduler> schedulers) {
        Problems problems = new Problems(source);
        Plan plan = ConfigReader.read(source, registry, problems);
        GpioChoice choice = decideGpio(plan, machine, plugins, problems);
        // A file with a mistake starts nothing, so its other tasks are created as --check creates
        // them, on simulated pins and a virtual clock: the mistakes only creation finds (a pin
        // used twice, a rule naming no output) are then reported with the others, all at once.
        boolean simulate = mode == Mode.CHECK || problems.any();
        Scheduler scheduler = problems.any() ? Scheduler.builder().virtualTime().build() : schedulers.get();
        GpioService gpio = simulate ? GpioService.simulated(LOG) : new GpioService(choice, plan.gpio(), LOG, true);
        Services services = new Services();
        TaskStates states = new TaskStates(scheduler);
        services.put(TaskList.class, states);
        Metrics metrics = Metrics.create();
        services.put(Metrics.class, metrics);
        RuntimeRestart restart = new RuntimeRestart();
        services.put(RuntimeControl.class, restart);
        services.put(ConfiguredTasks.class, plan.configured());
        services.lazy(Context.class, gpio::context, "GPIO, and there is none; see the gpio line above");
        // Every bus one managed resource of this scheduler; Pi4J opens a device on its first transfer.
        services.put(Buses.class, Pi4jI2c.share(scheduler, plan.buses(), gpio));
        List<Prepared.Created> created = new ArrayList<>();
        for (Plan.Entry entry : plan.tasks()) {
            TaskContext env = new TaskContext(entry.name(), scheduler,
                    System.getLogger(loggerName(entry.provider(), entry.name())), services);
            Task task = create(entry, env, problems);
            if (task != null) {
                created.add(new Prepared.Created(entry, task));
            }
        }
        try {
            problems.throwIfAny();
        } catch (ConfigException e) {
            gpio.close();
            throw e;
        }
        created.forEach(c -> states.add(c.entry().name(), c.entry().type(), moduleName(c.entry().provider())));
        states.offer(metrics);
        LoopMetrics.offer(metrics, scheduler);
        return new Prepared(plan, scheduler, states, gpio, created, restart);
    }

    /** The GPIO the config and the machine call for, or null when that cannot work here (a problem then). */
    private static GpioChoice decideGpio(Plan plan, Machine machine, Set<String> plugins, Problems problems) {
        try {
            return GpioChoice.decide(plan.gpio(), machine, plugins);
        } catch (IllegalArgumentException e) {
            problems.add("$.gpio.provider", e.getMessage());
            return null;
        }
    }

    private static Task create(Plan.Entry entry, TaskContext env, Problems problems) {
        try {
            return createTyped(entry.provider(), entry.config(), env);
        } catch (IllegalArgumentException e) {
            // A setting valid alone but not here (a pin used twice): a config mistake like any other.
            RecordBinder.rejected(e, entry.config().getClass(), entry.path(), problems);
        } catch (RuntimeException | LinkageError e) {
            // An IllegalStateException says what is missing in the user's words; anything else is named as it is.
            String why = e instanceof IllegalStateException && e.getMessage() != null ? e.getMessage() : e.toString();
            LOG.log(WARNING, "task '" + entry.name() + "' (type " + entry.type() + ") could not be created and is left out: "
                    + why, e);
        }
        return null;
    }

    @SuppressWarnings("unchecked") // the registry bound config onto provider.configType(), so it is a C
    private static <C extends Record> Task createTyped(TaskProvider<C> provider, Record config, TaskContext env) {
        return provider.create((C) config, env);
    }

    /**
     * The logger of a task, named after its module and its name: {@code perthensis.heartbeat.status}
     * for task {@code status} of module {@code org.perthensis.heartbeat}.
     *
     * @param provider the task's provider
     * @param task the task's name
     * @return the logger name
     */
    static String loggerName(TaskProvider<?> provider, String task) {
        Module module = provider.getClass().getModule();
        String base = module.isNamed() ? module.getName() : provider.type();
        return (base.startsWith("org.perthensis.") ? base.substring("org.".length()) : base) + "." + task;
    }

    private static String moduleName(TaskProvider<?> provider) {
        Module module = provider.getClass().getModule();
        return module.isNamed() ? module.getName() : "(class path)";
    }
}
