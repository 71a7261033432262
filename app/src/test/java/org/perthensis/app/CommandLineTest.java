package org.perthensis.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.app.CommandLine.Action;
import org.perthensis.app.logging.Verbosity;

class CommandLineTest {

    private static CommandLine parse(String... args) {
        return CommandLine.parse(List.of(args));
    }

    private static String mistake(String... args) {
        return assertThrows(CommandLine.UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void runsTheDefaultFileOrTheDemoWithoutArguments() {
        assertEquals(new CommandLine(Action.RUN, null, Verbosity.NORMAL), parse());
    }

    @Test
    void readsEveryOption() {
        assertEquals(new CommandLine(Action.RUN, "my.json", Verbosity.VERBOSE), parse("--verbose", "my.json"));
        assertEquals(new CommandLine(Action.RUN, "my.json", Verbosity.QUIET), parse("my.json", "-q"));
        assertEquals(new CommandLine(Action.CHECK, "my.json", Verbosity.NORMAL), parse("--check", "my.json"));
        assertEquals(new CommandLine(Action.LIST, null, Verbosity.VERBOSE), parse("--list", "-v"));
        assertEquals(new CommandLine(Action.HELP, null, Verbosity.NORMAL), parse("-h"));
        assertEquals(new CommandLine(Action.VERSION, null, Verbosity.NORMAL), parse("--version"));
    }

    @Test
    void namesEachMistake() {
        assertEquals("unknown option '--frobnicate'", mistake("--frobnicate"));
        assertEquals("--check needs a FILE", mistake("--check"));
        assertEquals("--check needs a FILE", mistake("--check", "--verbose"));
        assertEquals("one FILE at most; got 'a.json' and 'b.json'", mistake("a.json", "b.json"));
        assertEquals("one FILE at most; got 'a.json' and 'b.json'", mistake("a.json", "--check", "b.json"));
        assertEquals("--verbose and --quiet exclude each other", mistake("-v", "-q"));
        assertEquals("--version cannot be combined with --list", mistake("--list", "--version"));
        assertEquals("a FILE makes no sense with --list", mistake("--list", "a.json"));
    }
}
