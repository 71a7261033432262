package org.perthensis.app;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.perthensis.app.config.ConfigException;
import org.perthensis.app.config.ConfigSource;
import org.perthensis.app.config.Plan;
import org.perthensis.app.gpio.GpioService;
import org.perthensis.app.gpio.Machine;
import org.perthensis.app.logging.Logging;
import org.perthensis.app.providers.ProviderRegistry;
import org.perthensis.app.providers.TypeIndex;
import org.perthensis.app.run.Demo;
import org.perthensis.app.run.Launch;
import org.perthensis.app.run.Preparation;
import org.perthensis.app.run.Prepared;
import org.perthensis.app.run.Signals;
import org.perthensis.app.run.Stopper;
import org.perthensis.app.systemd.Systemd;

/**
 * {@code java -p mods -m app [OPTIONS] [FILE]}: see {@link CommandLine#USAGE}. Exit codes: 0
 * stopped normally, 1 failed, 2 mistake in the configuration or on the command line.
 */
public final class Main {

    static final String DEFAULT_FILE = "perthensis.json";

    private static final System.Logger LOG = System.getLogger("app");

    private final PrintStream out;
    private final PrintStream err;
    private final Stopper stopper;
    private final boolean signalsCaught;

    Main(PrintStream out, PrintStream err, Stopper stopper, boolean signalsCaught) {
        this.out = out;
        this.err = err;
        this.stopper = stopper;
        this.signalsCaught = signalsCaught;
    }

    /**
     * Runs the app and exits with its status. Signals are caught first of all, before the
     * config and its libraries load: a SIGTERM at any point after this line is a stop.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        preferOneCarrier(System.getProperties());
        Stopper stopper = new Stopper(LOG, Runtime.getRuntime()::halt);
        boolean caught = Signals.install(stopper::signal, "INT", "TERM", "HUP");
        Logging.forJournalIfThere(System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(stopper::jvmExiting, "perthensis-exit"));
        int code;
        try {
            code = new Main(System.out, System.err, stopper, caught).run(List.of(args));
        } finally {
            stopper.loopEnded();
        }
        System.exit(code);
    }

    /** The JDK's setting for how many carrier threads run virtual threads. */
    static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";

    /**
     * Asks for one carrier thread unless the command line chose a number. The loop runs one task
     * at a time, so a second carrier only adds wake-ups: each hand-over of the turn can wake the
     * idle one instead of running on. One carrier doubles task switches per second and cuts
     * timer lateness (see the README's Performance section); blocking calls run on platform
     * threads and are not affected. It must happen before the first virtual thread starts.
     *
     * @param properties the system properties
     */
    static void preferOneCarrier(Properties properties) {
        properties.putIfAbsent(CARRIERS, "1");
    }

    int run(List<String> args) {
        CommandLine command;
        try {
            command = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println("app: " + e.getMessage());
            err.println();
            err.print(CommandLine.USAGE);
            return 2;
        }
        switch (command.action()) {
            case HELP -> {
                out.print(CommandLine.USAGE);
                return 0;
            }
            case VERSION -> {
                out.println("Perthensis app " + version() + " (Java " + Runtime.version() + ")");
                return 0;
            }
            default -> {
                // the others log
            }
        }
        Logging.configure(command.verbosity());
        if (!signalsCaught) {
            LOG.log(DEBUG, "cannot catch signals in this JVM; a second Ctrl-C will not exit at once");
        }
        ProviderRegistry registry = ProviderRegistry.discover(TypeIndex.beside(Main.class.getModule()));
        registry.problems().forEach(p -> LOG.log(WARNING, p));
        return switch (command.action()) {
            case LIST -> {
                out.print(TypeList.format(registry));
                yield 0;
            }
            case CHECK -> check(command.file(), registry);
            default -> launch(command.file(), registry);
        };
    }

    private int check(String file, ProviderRegistry registry) {
        Prepared prepared;
        try {
            prepared = Preparation.prepare(ConfigSource.read(file), registry, Preparation.Mode.CHECK, Machine.detect(),
                    GpioService.pluginsPresent());
        } catch (ConfigException e) {
            return configErrors(e, file, false);
        } catch (IllegalStateException e) {
            LOG.log(ERROR, e.getMessage());
            return 1;
        }
        try (prepared) {
            Plan plan = prepared.plan();
            for (Plan.Skipped s : plan.skipped()) {
                err.println(plan.source().where(s.path()) + ": warning: " + s.warning());
            }
            if (prepared.nothingToRun(0)) {
                return 1;
            }
            int leftOut = prepared.leftOut();
            if (leftOut > 0) {
                err.println(file + ": " + leftOut + (leftOut == 1 ? " task" : " tasks")
                        + " could not be created and would be left out (see the warnings above)");
                return 1;
            }
            List<String> tasks = prepared.describe();
            out.println(file + ": OK: " + tasks.size() + (tasks.size() == 1 ? " task" : " tasks")
                    + " (" + String.join(", ", tasks) + ")"
                    + (plan.skipped().isEmpty() ? "" : ", " + plan.skipped().size() + " skipped"));
            return 0;
        }
    }

    private int launch(String file, ProviderRegistry registry) {
        String name = file == null ? DEFAULT_FILE : file;
        List<Launch.Extra> extras = List.of();
        Prepared prepared;
        try {
            ConfigSource source;
            if (file == null && !Files.exists(Path.of(DEFAULT_FILE))) {
                LOG.log(INFO, "no FILE given and no " + DEFAULT_FILE + " in " + Path.of("").toAbsolutePath()
                        + ": running the " + Demo.NAME + " (demo.json in app.jar, on simulated pins) and a counter"
                        + " (see --help)");
                name = Demo.NAME;
                source = Demo.config();
                extras = List.of(Demo.counter(out));
            } else {
                source = ConfigSource.read(name);
            }
            prepared = Preparation.prepare(source, registry, Preparation.Mode.RUN, Machine.detect(), GpioService.pluginsPresent());
        } catch (ConfigException e) {
            return configErrors(e, name, true);
        } catch (IllegalStateException e) {
            LOG.log(ERROR, e.getMessage());
            return 1;
        }
        prepared.plan().skipped().forEach(s -> LOG.log(WARNING, s.warning()));
        if (stopper.stopRequested()) {
            return stoppedBeforeStarting(prepared);
        }
        if (prepared.nothingToRun(extras.size())) {
            prepared.close();
            return 1;
        }
        Launch launch = new Launch(prepared, extras, Systemd.connect(System.getenv(), LOG));
        if (!stopper.attach(prepared.plan().shutdownGrace(), launch::stop, launch::finish)) {
            return stoppedBeforeStarting(prepared);
        }
        try {
            launch.start();
            launch.runLoop();
        } catch (IllegalStateException e) {
            LOG.log(ERROR, e.getMessage(), e);
            return 1;
        } finally {
            stopper.loopEnded();
            launch.finish();
        }
        int code = launch.exitCode();
        LOG.log(INFO, "stopped (exit code " + code + ")");
        return code;
    }

    private static int stoppedBeforeStarting(Prepared prepared) {
        prepared.close();
        LOG.log(INFO, "stopped (exit code 0)");
        return 0;
    }

    private int configErrors(ConfigException e, String file, boolean running) {
        e.problems().forEach(err::println);
        int n = e.problems().size();
        err.println(n + (n == 1 ? " error in " : " errors in ") + file + (running ? "; nothing was started." : "."));
        return 2;
    }

    private static String version() {
        return Main.class.getModule().getDescriptor() == null ? "(unknown version)"
                : Main.class.getModule().getDescriptor().version().map(Object::toString).orElse("(unknown version)");
    }
}
