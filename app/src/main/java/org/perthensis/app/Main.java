package org.perthensis.app;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.perthensis.api.Scheduler;

/**
 * {@code java -p mods -m app [OPTIONS] [FILE]}: see {@link CommandLine#USAGE}. Exit codes: 0
 * stopped normally, 1 failed, 2 mistake in the configuration or on the command line.
 */
public final class Main {

    static final String DEFAULT_FILE = "perthensis.json";

    private static final System.Logger LOG = Launch.LOG;

    private final PrintStream out;
    private final PrintStream err;

    private Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the app and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        preferOneCarrier(System.getProperties());
        System.exit(new Main(System.out, System.err).run(List.of(args)));
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

    private int run(List<String> args) {
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
        ProviderRegistry registry = ProviderRegistry.discover();
        registry.problems().forEach(p -> LOG.log(WARNING, p));
        return switch (command.action()) {
            case LIST -> list(registry);
            case CHECK -> check(command.file(), registry);
            default -> launch(command.file(), registry);
        };
    }

    private int list(ProviderRegistry registry) {
        out.print(TypeList.format(registry));
        return 0;
    }

    private int check(String file, ProviderRegistry registry) {
        Plan plan;
        int leftOut;
        try {
            plan = ConfigReader.read(load(file), registry);
            chooseGpio(plan);
            leftOut = Launch.createWithoutRunning(plan);
        } catch (ConfigException e) {
            return configErrors(e, file, false);
        } catch (IllegalStateException e) {
            LOG.log(ERROR, e.getMessage());
            return 1;
        }
        for (Plan.Skipped s : plan.skipped()) {
            err.println(plan.source().where(s.path()) + ": warning: " + s.warning());
        }
        if (leftOut > 0) {
            err.println(file + ": " + leftOut + (leftOut == 1 ? " task" : " tasks")
                    + " could not be created and would be left out (see the errors above)");
            return 1;
        }
        out.println(file + ": OK: " + plan.tasks().size() + (plan.tasks().size() == 1 ? " task" : " tasks")
                + (plan.tasks().isEmpty() ? "" : " (" + plan.tasks().stream().map(t -> t.name() + ": " + t.type())
                        .collect(Collectors.joining(", ")) + ")")
                + (plan.skipped().isEmpty() ? "" : ", " + plan.skipped().size() + " skipped"));
        return 0;
    }

    private int launch(String file, ProviderRegistry registry) {
        List<Launch.Extra> extras = new ArrayList<>();
        String name = file;
        Plan plan;
        GpioChoice gpio;
        try {
            ConfigSource source;
            if (file == null && !Files.exists(Path.of(DEFAULT_FILE))) {
                LOG.log(INFO, "no FILE given and no " + DEFAULT_FILE + " in " + Path.of("").toAbsolutePath()
                        + ": running the " + Demo.NAME + ", a heartbeat on simulated GPIO 17 and a counter (see --help)");
                name = Demo.NAME;
                source = ConfigSource.parse(Demo.NAME, Demo.CONFIG);
                extras.add(Demo.counter(out));
            } else {
                name = file == null ? DEFAULT_FILE : file;
                source = load(name);
            }
            plan = ConfigReader.read(source, registry);
            gpio = chooseGpio(plan);
        } catch (ConfigException e) {
            return configErrors(e, name, true);
        }
        plan.skipped().forEach(s -> LOG.log(WARNING, s.warning()));

        Scheduler scheduler;
        try {
            scheduler = Scheduler.create();
        } catch (IllegalStateException e) {
            LOG.log(ERROR, e.getMessage());
            return 1;
        }
        Launch launch = new Launch(plan, scheduler, extras);
        Stopper stopper = new Stopper(plan.shutdownGrace(), LOG, launch::stop, launch::finish, Runtime.getRuntime()::halt);
        if (!Signals.install(stopper::signal, "INT", "TERM")) {
            LOG.log(DEBUG, "cannot catch signals in this JVM; a second Ctrl-C will not exit at once");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stopper::jvmExiting, "perthensis-exit"));
        boolean started;
        try {
            started = launch.start(gpio);
            if (started) {
                launch.runLoop();
            }
        } catch (ConfigException e) {
            return configErrors(e, name, true);
        } catch (IllegalStateException e) {
            LOG.log(ERROR, e.getMessage(), e);
            return 1;
        } finally {
            stopper.loopEnded();
            launch.finish();
        }
        if (!started) {
            return 1;
        }
        int code = launch.exitCode();
        LOG.log(INFO, "stopped (exit code " + code + ")");
        return code;
    }

    private static ConfigSource load(String file) {
        String text;
        try {
            text = Files.readString(Path.of(file));
        } catch (NoSuchFileException e) {
            throw fileProblem(file, "no such file");
        } catch (MalformedInputException e) {
            throw fileProblem(file, "not UTF-8 text");
        } catch (IOException | RuntimeException e) {
            throw fileProblem(file, "cannot read it: " + e.getMessage());
        }
        return ConfigSource.parse(file, text);
    }

    private static ConfigException fileProblem(String file, String message) {
        return new ConfigException(List.of(new ConfigProblem(file, null, message)));
    }

    private static GpioChoice chooseGpio(Plan plan) {
        try {
            return GpioChoice.decide(plan.gpio(), GpioChoice.Board.detect(), Gpio.pluginsPresent());
        } catch (IllegalArgumentException e) {
            String path = "$.gpio.provider";
            throw new ConfigException(List.of(new ConfigProblem(plan.source().where(path), path, e.getMessage())));
        }
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
