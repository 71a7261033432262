package org.perthensis.app;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import com.pi4j.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;

/**
 * One run of a {@link Plan}: opens the GPIO, creates every task through its provider, runs them
 * under the {@link Supervisor} until stopped, then reports the pins and closes Pi4J.
 */
final class Launch {

    static final System.Logger LOG = System.getLogger("app");

    /**
     * A task that is not from the config, such as the demo's counter: run once, unsupervised.
     *
     * @param name its name
     * @param task the task
     */
    record Extra(String name, Task task) {
    }

    private final Plan plan;
    private final Scheduler scheduler;
    private final List<Extra> extras;
    private final Supervisor supervisor;
    private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();
    private volatile boolean stopRequested;
    private Gpio gpio;
    private boolean finished;

    Launch(Plan plan, Scheduler scheduler, List<Extra> extras) {
        this.plan = plan;
        this.scheduler = scheduler;
        this.extras = List.copyOf(extras);
        this.supervisor = new Supervisor(scheduler, LOG, this::allEnded);
    }

    /**
     * Opens the GPIO, creates the tasks and spawns them; the loop runs them once
     * {@link #runLoop()} is called.
     *
     * @param gpioChoice the Pi4J plugin to use
     * @return false if there is nothing to run
     * @throws ConfigException if a provider rejected its settings; nothing has started then
     */
    boolean start(GpioChoice gpioChoice) {
        if (plan.tasks().isEmpty() && extras.isEmpty()) {
            return nothingToRun();
        }
        List<Runnable> starts = createAll(Gpio.open(gpioChoice, plan.gpio(), LOG));
        if (starts.isEmpty() && extras.isEmpty()) {
            return nothingToRun();
        }
        starts.forEach(Runnable::run);
        extras.forEach(x -> scheduler.spawn(x.name(), x.task()));
        LOG.log(INFO, () -> "started " + (starts.size() + extras.size()) + (starts.size() + extras.size() == 1
                ? " task" : " tasks") + " from " + plan.source().name() + "; stop with Ctrl-C or SIGTERM");
        return true;
    }

    /**
     * Creates every task of {@code plan} without running any, on simulated pins and a virtual
     * clock, so that {@code --check} also catches what only a provider can judge, such as one
     * pin used by two tasks.
     *
     * @param plan the bound configuration
     * @return how many tasks could not be created for another reason (logged), such as a
     *     missing service; they would be left out at launch
     * @throws ConfigException if a provider rejected its settings
     */
    static int createWithoutRunning(Plan plan) {
        Launch dry = new Launch(plan, Scheduler.builder().virtualTime().build(), List.of());
        int created = dry.createAll(Gpio.pluginsPresent().contains(GpioChoice.MOCK) ? Gpio.open(GpioChoice.MOCK) : null).size();
        dry.closeGpio();
        return plan.tasks().size() - created;
    }

    /** Registers the GPIO and creates each task, returning how to start them; nothing has started on a problem. */
    private List<Runnable> createAll(Gpio opened) {
        gpio = opened;
        if (gpio != null) {
            services.put(Context.class, gpio.context());
        }
        Problems problems = new Problems(plan.source());
        List<Runnable> starts = new ArrayList<>();
        for (Plan.Entry entry : plan.tasks()) {
            Task task = create(entry, problems);
            if (task != null) {
                starts.add(() -> supervisor.start(entry.name(), entry.type(), entry.restart(), task));
            }
        }
        try {
            problems.throwIfAny();
        } catch (ConfigException e) {
            closeGpio();
            throw e;
        }
        return starts;
    }

    private boolean nothingToRun() {
        LOG.log(ERROR, "nothing to run: no task in " + plan.source().name() + " could be started");
        return false;
    }

    private Task create(Plan.Entry entry, Problems problems) {
        TaskEnvironment env = TaskEnvironment.of(entry.name(), scheduler,
                System.getLogger(loggerName(entry.provider(), entry.name())), services);
        try {
            return createTyped(entry.provider(), entry.config(), env);
        } catch (IllegalArgumentException e) {
            // A setting valid alone but not here (a pin used twice): a config mistake like any other.
            RecordBinder.rejected(e, entry.config().getClass(), entry.path(), problems);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(ERROR, "task '" + entry.name() + "' (type " + entry.type() + ") could not be created and is left out: "
                    + e, e);
        }
        return null;
    }

    @SuppressWarnings("unchecked") // the registry bound config onto provider.configType(), so it is a C
    private static <C extends Record> Task createTyped(TaskProvider<C> provider, Record config, TaskEnvironment env) {
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

    /** Runs the loop on the calling thread until every task has ended or a stop was requested. */
    void runLoop() {
        scheduler.runForever();
    }

    /**
     * Asks every task to stop; thread-safe. The loop returns once their {@code finally} blocks have run.
     *
     * @param why the log line saying why
     */
    void stop(String why) {
        if (!stopRequested) {
            stopRequested = true;
            LOG.log(INFO, why);
        }
        scheduler.shutdown();
    }

    private void allEnded() {
        if (!stopRequested) {
            LOG.log(supervisor.anyFailedForGood() ? WARNING : INFO, "every configured task has ended; stopping");
            scheduler.shutdown();
        }
    }

    /**
     * Logs the state each output pin was left in and shuts Pi4J down; runs once, whichever
     * thread comes first.
     */
    synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (gpio != null) {
            gpio.finalStates().forEach(line -> LOG.log(INFO, line));
        }
        closeGpio();
    }

    private void closeGpio() {
        if (gpio != null) {
            try {
                gpio.close();
            } catch (RuntimeException e) {
                LOG.log(WARNING, "gpio: shutting Pi4J down failed: " + e, e);
            }
            gpio = null;
        }
    }

    /**
     * The exit code once the loop has returned.
     *
     * @return 0 after a requested stop or when every task ended well, 1 if one failed for good
     */
    int exitCode() {
        return !stopRequested && supervisor.anyFailedForGood() ? 1 : 0;
    }
}
