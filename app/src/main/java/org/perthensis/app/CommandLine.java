package org.perthensis.app;

import java.util.List;
import java.util.Locale;
import org.perthensis.app.logging.Verbosity;

/**
 * What the command line asks for.
 *
 * @param action what to do
 * @param file the config file named, or null
 * @param verbosity how much to log
 */
record CommandLine(Action action, String file, Verbosity verbosity) {

    /** The things the app can be asked to do. */
    enum Action {
        /** Run the tasks in the file, ./perthensis.json, or the demo. */
        RUN,
        /** Validate a file and start nothing. */
        CHECK,
        /** List the task types on the module path. */
        LIST,
        /** Print the usage. */
        HELP,
        /** Print the version. */
        VERSION
    }

    static final String USAGE = """
            Usage: java -p mods -m app [OPTIONS] [FILE]

            Runs the tasks described in FILE, a JSON file. Without FILE it reads ./perthensis.json,
            and without that it runs a built-in demo: the tasks of demo.json in app.jar on
            simulated pins, and a counter.

            Options:
              --check FILE   prepare FILE as a run would, on simulated pins; start nothing
              --list         list the task types on the module path: type, module, version, description
              --verbose, -v  also log debug messages, Pi4J's messages and stack traces
              --quiet, -q    log warnings and errors only
              --version      print the version and exit
              --help, -h     print this help and exit

            Exit codes: 0 stopped normally (also after SIGINT, SIGTERM or SIGHUP), 1 failed,
            2 mistake in the configuration or on the command line.
            """;

    /** A mistake on the command line; the app prints it with the usage and exits with 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Reads the arguments.
     *
     * @param args the arguments after {@code -m app}
     * @return what they ask for
     * @throws UsageException for a mistake; the message names it
     */
    static CommandLine parse(List<String> args) {
        Action action = Action.RUN;
        String file = null;
        boolean verbose = false;
        boolean quiet = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--check" -> {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException("--check needs a FILE");
                    }
                    action = only(action, Action.CHECK, arg);
                    file = file(file, args.get(++i));
                }
                case "--list" -> action = only(action, Action.LIST, arg);
                case "--help", "-h" -> action = only(action, Action.HELP, arg);
                case "--version" -> action = only(action, Action.VERSION, arg);
                case "--verbose", "-v" -> verbose = true;
                case "--quiet", "-q" -> quiet = true;
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option '" + arg + "'");
                    }
                    file = file(file, arg);
                }
            }
        }
        if (verbose && quiet) {
            throw new UsageException("--verbose and --quiet exclude each other");
        }
        if (file != null && action != Action.RUN && action != Action.CHECK) {
            throw new UsageException("a FILE makes no sense with --" + action.name().toLowerCase(Locale.ROOT));
        }
        return new CommandLine(action, file,
                verbose ? Verbosity.VERBOSE : quiet ? Verbosity.QUIET : Verbosity.NORMAL);
    }

    private static Action only(Action current, Action wanted, String arg) {
        if (current != Action.RUN) {
            throw new UsageException(arg + " cannot be combined with --" + current.name().toLowerCase(Locale.ROOT));
        }
        return wanted;
    }

    private static String file(String current, String arg) {
        if (current != null) {
            throw new UsageException("one FILE at most; got '" + current + "' and '" + arg + "'");
        }
        return arg;
    }
}
