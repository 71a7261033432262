package org.perthensis.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.app.fakes.Configs;
import org.perthensis.app.fakes.FakeProvider;
import org.perthensis.app.providers.ProviderRegistry;
import org.perthensis.app.providers.TypeIndex;

class ConfigReaderTest {

    private final ProviderRegistry registry = ProviderRegistry.of(List.of(
            FakeProvider.of("debounce", Configs.Door.class),
            FakeProvider.of("heartbeat", Configs.Blink.class),
            FakeProvider.of("misc", Configs.Misc.class)), TypeIndex.parse("""
            heartbeat=perthensis-heartbeat.jar org.perthensis.heartbeat
            ntp=perthensis-ntp.jar org.perthensis.ntp
            """));
    private final ProviderRegistry checking = ProviderRegistry.of(List.of(
            FakeProvider.of("plain", Configs.Plain.class),
            FakeProvider.of("checked", Configs.Checked.class),
            FakeProvider.of("debounce", Configs.Door.class),
            FakeProvider.of("rule", Configs.Keywords.class)));

    private Plan plan(String json) {
        return ConfigReader.read(ConfigSource.parse("p.json", json), registry);
    }

    private List<String> errors(String json) {
        return errors(json, registry);
    }

    private static List<String> errors(String json, ProviderRegistry registry) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigReader.read(ConfigSource.parse("p.json", json), registry));
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void bindsEachTaskOntoItsProvidersRecordWithTheCommonFieldsApart() {
        Plan plan = plan("""
                {
                  "gpio": { "provider": "mock" },
                  "shutdownGrace": "5s",
                  "tasks": [
                    { "type": "debounce", "name": "door", "pin": 12, "pull": "down", "settle": "3s", "restart": "never" },
                    { "type": "heartbeat", "pin": 17, "pattern": ["50ms", "100ms"], "required": true,
                      "alerts": [ { "on": "net.down", "pattern": ["100ms", "100ms"] } ] }
                  ]
                }
                """);
        assertEquals(GpioMode.MOCK, plan.gpio());
        assertEquals(Duration.ofSeconds(5), plan.shutdownGrace());
        Plan.Entry door = plan.tasks().get(0);
        assertEquals(List.of("door", "debounce", Restart.NEVER, "$.tasks[0]"),
                List.of(door.name(), door.type(), door.restart(), door.path()));
        assertEquals(new Configs.Door(12, Configs.Pull.DOWN, Duration.ofSeconds(3), null), door.config());
        Plan.Entry beat = plan.tasks().get(1);
        assertEquals(List.of("heartbeat-1", Restart.ON_FAILURE), List.of(beat.name(), beat.restart()));
        assertEquals(new Configs.Blink(17, List.of(Duration.ofMillis(50), Duration.ofMillis(100)),
                List.of(new Configs.Alert("net.down", List.of(Duration.ofMillis(100), Duration.ofMillis(100))))),
                beat.config());
    }

    @Test
    void defaultsToAutoGpioAndTwoSecondsOfGrace() {
        Plan plan = plan("""
                { "tasks": [ { "type": "debounce", "pin": 3 } ] }
                """);
        assertEquals(GpioMode.AUTO, plan.gpio());
        assertEquals(Duration.ofSeconds(2), plan.shutdownGrace());
        assertEquals("debounce-0", plan.tasks().get(0).name());
        assertEquals(new Configs.Door(3, null, Duration.ofMillis(20), null), plan.tasks().get(0).config());
    }

    @Test
    void reportsAnUnknownFieldWithTheKnownOnesAndTheNearestAsASuggestion() {
        assertEquals(List.of(
                "p.json:3:37: $.tasks[0].setle: unknown field 'setle' for type debounce; did you mean 'settle'?"
                        + " Known fields: pin, pull, settle, invert, type, name, required, restart.",
                "p.json:4:37: $.tasks[1].colour: unknown field 'colour' for type debounce."
                        + " Known fields: pin, pull, settle, invert, type, name, required, restart.",
                "p.json:5:42: $.tasks[2].alerts[0].onn: unknown field 'onn'; did you mean 'on'? Known fields: on, pattern."),
                errors("""
                {
                  "tasks": [
                    { "type": "debounce", "pin": 1, "setle": "3s" },
                    { "type": "debounce", "pin": 2, "colour": "red" },
                    { "type": "heartbeat", "alerts": [ { "onn": "net.down" } ] }
                  ]
                }
                """));
    }

    @Test
    void reportsAWrongTypeWithWhatWasExpectedAndWhatWasFound() {
        assertEquals(List.of(
                "p.json:3:27: $.tasks[0].pin: expected an integer, got \"17\"",
                "p.json:3:40: $.tasks[0].pull: expected one of \"up\", \"down\", \"off\", got \"sideways\"",
                "p.json:3:60: $.tasks[0].invert: expected true or false, got \"yes\"",
                "p.json:4:28: $.tasks[1].pin: expected an integer, got 17.5",
                "p.json:4:41: $.tasks[1].pattern: expected a list, got 5",
                "p.json:5:23: $.tasks[2].count: expected an integer, got null",
                "p.json:5:38: $.tasks[2].label: expected a string, got 5",
                "p.json:5:50: $.tasks[2].ratio: expected a number, got \"half\""),
                errors("""
                {
                  "tasks": [
                    { "type": "debounce", "pin": "17", "pull": "sideways", "invert": "yes" },
                    { "type": "heartbeat", "pin": 17.5, "pattern": 5 },
                    { "type": "misc", "count": null, "label": 5, "ratio": "half" }
                  ]
                }
                """));
    }

    @Test
    void reportsABadDurationWithWhatDurationsLookLike() {
        assertEquals(List.of(
                "p.json:3:37: $.tasks[0].settle: expected a duration such as \"250ms\", \"5s\", \"30min\", \"6h\","
                        + " \"1h30m\" or \"PT6H\", got \"3 s\"",
                "p.json:4:37: $.tasks[1].settle: expected a duration with a unit such as \"20ms\" or \"20s\", got 20",
                "p.json:5:37: $.tasks[2].settle: expected a duration that is not negative, got \"-3s\"",
                "p.json:6:48: $.tasks[3].pattern[1]: expected a duration such as \"250ms\", \"5s\", \"30min\", \"6h\","
                        + " \"1h30m\" or \"PT6H\", got \"1x\"",
                "p.json:7:6: $.shutdownGrace: expected a duration such as \"250ms\", \"5s\", \"30min\", \"6h\","
                        + " \"1h30m\" or \"PT6H\", got \"soon\""),
                errors("""
                {
                  "tasks": [
                    { "type": "debounce", "pin": 1, "settle": "3 s" },
                    { "type": "debounce", "pin": 2, "settle": 20 },
                    { "type": "debounce", "pin": 3, "settle": "-3s" },
                    { "type": "heartbeat", "pattern": ["50ms", "1x"] }
                  ], "shutdownGrace": "soon"
                }
                """));
    }

    @Test
    void aShutdownGraceOfZeroIsAnError() {
        assertEquals(List.of("p.json:1:16: $.shutdownGrace: must be positive, such as \"2s\", got \"0s\""),
                errors("""
                { "tasks": [], "shutdownGrace": "0s" }
                """));
    }

    @Test
    void aTaskWithoutATypeIsAnError() {
        assertEquals(List.of(
                "p.json:3:5: $.tasks[0]: missing field 'type'; every task needs one, such as \"type\": \"debounce\"",
                "p.json:4:7: $.tasks[1].type: expected a type name such as \"debounce\", got 5",
                "p.json:5:5: $.tasks[2]: expected an object with a \"type\", got \"heartbeat\""),
                errors("""
                {
                  "tasks": [
                    { "name": "door", "pin": 12 },
                    { "type": 5 },
                    "heartbeat"
                  ]
                }
                """));
    }

    @Test
    void twoTasksOfOneNameAreAnError() {
        assertEquals(List.of(
                "p.json:4:27: $.tasks[1].name: duplicate task name 'door': $.tasks[0] has it too;"
                        + " give each task its own \"name\"",
                "p.json:6:5: $.tasks[3]: duplicate task name 'debounce-3': $.tasks[2] has it too;"
                        + " give each task its own \"name\"",
                "p.json:7:27: $.tasks[4].name: expected a name of letters, digits, '-' and '_', got \"front door\""),
                errors("""
                {
                  "tasks": [
                    { "type": "debounce", "name": "door", "pin": 1 },
                    { "type": "debounce", "name": "door", "pin": 2 },
                    { "type": "debounce", "name": "debounce-3", "pin": 3 },
                    { "type": "debounce", "pin": 4 },
                    { "type": "debounce", "name": "front door", "pin": 5 }
                  ]
                }
                """));
    }

    @Test
    void aRecordsRejectionIsReportedAtTheFieldItNames() {
        assertEquals(List.of(
                "p.json:3:27: $.tasks[0].pin: must be a BCM GPIO number from 0 to 27, got 99",
                "p.json:4:5: $.tasks[1].pin: is required, such as \"pin\": 12",
                "p.json:5:60: $.tasks[2].alerts[0].pattern: needs an even number of durations, got 1"),
                errors("""
                {
                  "tasks": [
                    { "type": "debounce", "pin": 99 },
                    { "type": "debounce" },
                    { "type": "heartbeat", "alerts": [ { "on": "net.down", "pattern": ["1s"] } ] }
                  ]
                }
                """));
    }

    @Test
    void theCommonFieldsAreCheckedToo() {
        assertEquals(List.of(
                "p.json:3:37: $.tasks[0].required: expected true or false, got \"yes\"",
                "p.json:3:56: $.tasks[0].restart: expected one of \"on-failure\", \"never\", \"always\", got \"often\""),
                errors("""
                {
                  "tasks": [
                    { "type": "debounce", "pin": 1, "required": "yes", "restart": "often" }
                  ]
                }
                """));
    }

    @Test
    void theTopLevelIsCheckedToo() {
        assertEquals(List.of(
                "p.json:1:1: $: missing field 'tasks': a list of tasks such as [{\"type\": \"debounce\"}]",
                "p.json:2:3: $.gpoi: unknown field 'gpoi'; did you mean 'gpio'? Known fields: gpio, tasks, shutdownGrace, buses.",
                "p.json:3:13: $.gpio.provider: expected one of \"auto\", \"mock\", \"gpiod\", \"linuxfs\", got \"pigpio\"",
                "p.json:3:35: $.gpio.pins: unknown field 'pins' for gpio. Known fields: provider."),
                errors("""
                {
                  "gpoi": {},
                  "gpio": { "provider": "pigpio", "pins": 40 }
                }
                """));
        assertEquals(List.of("p.json:1:1: $: expected an object with \"tasks\", got a list"), errors("[]"));
        assertEquals(List.of("p.json:1:2: $.tasks: expected a list of tasks, got an object"), errors("{\"tasks\": {}}"));
    }

    @Test
    void readsTheBusesByNameInFileOrder() {
        Plan plan = plan("""
                { "buses": { "i2c1": { "bus": 1 }, "side": { "bus": 3 } },
                  "tasks": [ { "type": "debounce", "pin": 3 } ] }
                """);
        assertEquals(List.of(new Plan.Bus("i2c1", 1), new Plan.Bus("side", 3)), plan.buses());
        assertEquals(List.of(), plan("{ \"tasks\": [] }").buses());
    }

    @Test
    void eachMistakeInTheBusesIsReportedAtItsPlace() {
        assertEquals(List.of(
                "p.json:2:3: $.buses['my bus']: expected a bus name of letters, digits, '-' and '_', such as \"i2c1\", got \"my bus\"",
                "p.json:3:3: $.buses.a: expected an object such as {\"bus\": 1}, got 1",
                "p.json:4:3: $.buses.b: missing field 'bus': the Linux I2C bus number, such as 1 for /dev/i2c-1 (a Raspberry Pi's pins 3 and 5)",
                "p.json:5:10: $.buses.c.bus: expected an I2C bus number from 0 to 255, such as 1 for /dev/i2c-1, got \"1\"",
                "p.json:5:22: $.buses.c.speed: unknown field 'speed' for bus c. Known fields: bus.",
                "p.json:6:10: $.buses.d.bus: expected an I2C bus number from 0 to 255, such as 1 for /dev/i2c-1, got 256",
                "p.json:7:10: $.buses.e.bus: I2C bus 1 is named \"i2c1\" already; give each bus one name, so that the tasks on it take turns"),
                errors("""
                { "buses": { "i2c1": { "bus": 1 },
                  "my bus": { "bus": 2 },
                  "a": 1,
                  "b": {},
                  "c": { "bus": "1", "speed": 400000 },
                  "d": { "bus": 256 },
                  "e": { "bus": 1 } },
                  "tasks": [] }
                """));
        assertEquals(List.of("p.json:1:2: $.buses: expected an object of buses by name, such as {\"i2c1\": {\"bus\": 1}},"
                + " got a list"), errors("{\"buses\": [], \"tasks\": []}"));
    }

    @Test
    void aSyntaxErrorIsReportedWithItsLineAndColumn() {
        assertEquals(List.of("p.json:3:27: not valid JSON: unexpected '}': expected the next field's name in double"
                + " quotes (is there a ',' too many before it?)"), errors("""
                {
                  "tasks": [
                    { "type": "debounce", }
                  ]
                }
                """));
        assertEquals(List.of("p.json:1:32: not valid JSON: Duplicate Object property \"type\""),
                errors("{\"tasks\": [{\"type\": \"a\", \"type\": \"b\"}]}"));
        assertEquals(List.of("p.json:1:16: not valid JSON: more content after the end of the top-level value"),
                errors("{\"tasks\": []}  {}"));
        assertEquals(List.of("p.json:1:1: $: expected an object with \"tasks\", got nothing"), errors(""));
    }

    @Test
    void everyMistakeInTheFileIsReportedTogether() {
        assertEquals(4, errors("""
                {
                  "tasks": [
                    { "type": "debounce", "pin": "1" },
                    { "type": "debounce", "pin": 2, "settle": "x" },
                    { "type": "debounce", "pin": 3, "pull": 1 },
                    { "pin": 4 }
                  ]
                }
                """).size());
    }

    @Test
    void aTypeNoModuleProvidesIsSkippedWithAWarningSayingWhichJarToAdd() {
        Plan plan = plan("""
                {
                  "tasks": [
                    { "type": "ntp", "name": "clock", "servers": ["pool.ntp.org"] },
                    { "type": "debounce", "pin": 1 },
                    { "type": "heartbeet" },
                    { "type": "weather" }
                  ]
                }
                """);
        assertEquals(1, plan.tasks().size());
        assertEquals(List.of(
                "task 'clock' (type ntp) skipped: no module on the module path provides type 'ntp'; add perthensis-ntp.jar."
                        + " Available: debounce, heartbeat, misc.",
                "task 'heartbeet-2' (type heartbeet) skipped: no module on the module path provides type 'heartbeet';"
                        + " did you mean 'heartbeat'? Available: debounce, heartbeat, misc.",
                "task 'weather-3' (type weather) skipped: no module on the module path provides type 'weather';"
                        + " add the jar of a module that provides it. Available: debounce, heartbeat, misc."),
                plan.skipped().stream().map(Plan.Skipped::warning).toList());
    }

    @Test
    void aRequiredTypeNoModuleProvidesIsAnError() {
        assertEquals(List.of("p.json:3:7: $.tasks[0].type: task 'clock' is required, but no module on the module path"
                + " provides type 'ntp'; add perthensis-ntp.jar. Available: debounce, heartbeat, misc."), errors("""
                {
                  "tasks": [
                    { "type": "ntp", "name": "clock", "required": true }
                  ]
                }
                """));
    }

    @Test
    void aTypeProvidedTwiceIsAnErrorNamingBothProviders() {
        ProviderRegistry twice = ProviderRegistry.of(List.of(
                FakeProvider.of("debounce", Configs.Door.class), FakeProvider.of("debounce", Configs.Door.class)));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read(
                ConfigSource.parse("p.json", "{\"tasks\": [{\"type\": \"debounce\", \"name\": \"door\"}]}"), twice));
        String by = "org.perthensis.app.fakes.FakeProvider (module app "
                + FakeProvider.class.getModule().getDescriptor().version().orElseThrow() + ")";
        assertEquals(List.of("p.json:1:13: $.tasks[0].type: task 'door': type 'debounce' is provided by 2 modules: "
                + by + " and " + by + "; remove all but one of their jars from the module path"),
                e.problems().stream().map(ConfigProblem::toString).toList());
    }
    @Test
    void aPlainExceptionOfAThirdPartyRecordIsReportedAtTheRecordWithItsWholeMessage() {
        assertEquals(List.of("p.json:1:13: $.tasks[0]: every: must be positive, got PT0S"),
                errors("{\"tasks\": [ {\"type\": \"plain\", \"every\": \"0s\"} ]}", checking));
    }

    @Test
    void aFieldExceptionNamingANestedPathIsReportedAtThatField() {
        assertEquals(List.of(
                "p.json:2:48: $.tasks[0].alerts[1].on: repeats alerts[0]'s topic",
                "p.json:3:45: $.tasks[1].times[2]: must be positive, got 0s"),
                errors("""
                {"tasks": [
                  {"type": "checked", "alerts": [{"on": "a"}, {"on": "a"}]},
                  {"type": "checked", "times": ["1s", "2s", "0s"]}
                ]}
                """, checking));
    }

    @Test
    void aComponentNamedAfterAReservedWordWithAnUnderscoreBindsThatWordsField() {
        Plan plan = ConfigReader.read(ConfigSource.parse("p.json", """
                {"tasks": [{"type": "rule", "if": "open", "do": [{"wait": "1s"}, {"for": "2s"}]}]}
                """), checking);
        assertEquals(new Configs.Keywords("open", List.of(new Configs.Step(Duration.ofSeconds(1), null),
                new Configs.Step(null, Duration.ofSeconds(2)))), plan.tasks().get(0).config());
        assertEquals(List.of(
                "p.json:2:42: $.tasks[0].do[0].for_: unknown field 'for_'; did you mean 'for'? Known fields: for, wait.",
                "p.json:3:27: $.tasks[1].do[0].for: is required; give how long, such as \"1s\"",
                "p.json:4:20: $.tasks[2].if_: unknown field 'if_' for type rule; did you mean 'if'? Known fields: if, do,"
                        + " type, name, required, restart."),
                errors("""
                {"tasks": [
                  {"type": "rule", "do": [{"wait": "1s", "for_": "2s"}]},
                  {"type": "rule", "do": [{}]},
                  {"type": "rule", "if_": "x"}
                ]}
                """, checking));
    }

    @Test
    void aMisspeltFieldOfANestedRecordIsReportedRatherThanWhatTheRecordThenMisses() {
        assertEquals(List.of(
                "p.json:1:52: $.tasks[0].do[1].wiat: unknown field 'wiat'; did you mean 'wait'? Known fields: for, wait.",
                "p.json:1:112: $.tasks[1].alerts[0].patern: unknown field 'patern'; did you mean 'pattern'? Known fields:"
                        + " on, pattern."),
                errors("{\"tasks\": [{\"type\": \"rule\", \"do\": [{\"for\": \"1s\"}, {\"wiat\": \"1s\"}]},"
                        + " {\"type\": \"checked\", \"alerts\": [{\"on\": \"a\", \"patern\": [\"1s\"]}]}]}", checking));
    }

    @Test
    void everyTaskWithATypeIsListedWithItForTheTasksThatNameOthersSkippedAndFaultyOnesToo() {
        ConfigSource source = ConfigSource.parse("p.json", """
                {"tasks": [
                  {"type": "ntp", "name": "clock"},
                  {"type": "debounce", "name": "door", "pin": 99},
                  {"type": "heartbeat"},
                  {"name": "typeless"}
                ]}
                """);
        Problems problems = new Problems(source);
        Plan plan = ConfigReader.read(source, registry, problems);
        assertEquals(Map.of("clock", "ntp", "door", "debounce", "heartbeat-2", "heartbeat"), plan.configured().types());
        assertEquals(List.of("clock", "door", "heartbeat-2"), List.copyOf(plan.configured().types().keySet()));
        assertEquals(1, plan.tasks().size(), "the heartbeat bound; the door did not, the clock was skipped");
        assertTrue(problems.any());
    }

    @Test
    void aNumberTooLargeForItsFieldSaysTheRange() {
        assertEquals(List.of("p.json:1:34: $.tasks[0].pin: expected an integer from -2147483648 to 2147483647,"
                + " got 99999999999"), errors("{\"tasks\": [ {\"type\": \"debounce\", \"pin\": 99999999999} ]}"));
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkipped() {
        Plan plan = plan("\uFEFF{ \"tasks\": [ { \"type\": \"debounce\", \"pin\": 3 } ] }");
        assertEquals(1, plan.tasks().size());
        assertEquals(List.of("p.json:1:3: $.tasks: expected a list of tasks, got 5"), errors("\uFEFF{ \"tasks\": 5 }"),
                "columns count from after the mark");
    }

    @Test
    void aByteOrderMarkInAFileIsSkipped(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("notepad.json");
        Files.write(file, ("\uFEFF{ \"tasks\": [ { \"type\": \"debounce\", \"pin\": 3 } ] }").getBytes(StandardCharsets.UTF_8));
        assertEquals(1, ConfigReader.read(ConfigSource.read(file.toString()), registry).tasks().size());
    }

    @Test
    void aFileThatIsNotUtf8NamesTheLineAndColumnOfItsFirstBadByte(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, "{ \"tasks\": [\n  { \"type\": \"caf\u00e9\" } ] }".getBytes(StandardCharsets.ISO_8859_1));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigSource.read(file.toString()));
        assertEquals(List.of(file + ":2:17: not UTF-8 text: byte 0xE9 here is not a character in UTF-8; save the file as UTF-8"),
                e.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void aFileThatCannotBeReadIsReportedAtItsStart(@TempDir Path dir) {
        String missing = dir.resolve("missing.json").toString();
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigSource.read(missing));
        assertEquals(List.of(missing + ":1:1: no such file"), e.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void jsonThatBreaksAReadingLimitIsReportedWhereAndInPlainWords() {
        assertEquals(List.of("p.json:1:501: not valid JSON: objects and lists nested too deep: more than 500 levels"),
                errors("[".repeat(501) + "]".repeat(501)));
        assertEquals(List.of("p.json:1:15: not valid JSON: a number of more than 1000 digits"),
                errors("{\"tasks\": [], \"n\": " + "1".repeat(1001) + "}"));
    }

    @Test
    void jsonSyntaxMistakesAreWordedWithoutJacksonsNames() {
        assertEquals(List.of("p.json:1:22: not valid JSON: '\\x' is not an escape JSON knows; in a string a backslash"
                + " starts \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX, so write a backslash itself as \\\\"),
                errors("{\"tasks\": [], \"a\": \"\\x\"}"));
        assertEquals(List.of("p.json:1:23: not valid JSON: NaN is not a number in JSON"), errors("{\"tasks\": [], \"a\": NaN}"));
        assertEquals(List.of("p.json:1:1: not valid JSON: comments are not allowed in JSON"), errors("// mine\n{\"tasks\": []}"));
        assertEquals(List.of("p.json:1:12: not valid JSON: the file ends inside the list $.tasks (p.json:1:2);"
                + " a closing ']' is missing"), errors("{\"tasks\": ["));
    }

    @Test
    void misplacedPunctuationIsNamedWithWhatWasExpectedThere() {
        assertEquals(List.of("p.json:1:24: not valid JSON: unexpected '}': expected the next field's name in double"
                + " quotes (is there a ',' too many before it?)"), errors("{\"tasks\": [{\"type\": 1, }]}"));
        assertEquals(List.of("p.json:1:17: not valid JSON: unexpected '1': expected ':' between a field's name and"
                + " its value"), errors("{\"tasks\": [{\"a\" 1}]}"));
        assertEquals(List.of("p.json:1:20: not valid JSON: unexpected '\"': expected ',' between the fields of an"
                + " object"), errors("{\"tasks\": [{\"a\": 1 \"b\": 2}]}"));
        assertEquals(List.of("p.json:1:15: not valid JSON: unexpected '{': expected ',' between the elements of a"
                + " list"), errors("{\"tasks\": [{} {}]}"));
        assertEquals(List.of("p.json:1:20: not valid JSON: 'on' is not a value; text must be in double quotes, such"
                + " as \"on\""), errors("{\"tasks\": [], \"a\": on}"));
    }

    private final ProviderRegistry loose = ProviderRegistry.of(List.of(FakeProvider.of("loose", Configs.Loose.class)));

    @Test
    void fieldsOfAnyValueTakeJsonAsPlainJavaValuesInFileOrder() {
        Plan plan = ConfigReader.read(ConfigSource.parse("p.json", """
                { "tasks": [ { "type": "loose", "address": 118, "total": 9999999999,
                  "when": { "pressed": true, "n": 3, "big": 9999999999, "x": 1.5, "e": 1e3, "s": "a", "l": [1, null, {}] } } ] }
                """), loose);
        Configs.Loose config = (Configs.Loose) plan.tasks().get(0).config();
        assertEquals(118, config.address());
        assertEquals(9999999999L, config.total());
        Map<String, Object> when = new java.util.LinkedHashMap<>();
        when.put("pressed", true);
        when.put("n", 3);
        when.put("big", 9999999999L);
        when.put("x", 1.5);
        when.put("e", 1000.0);
        when.put("s", "a");
        when.put("l", java.util.Arrays.asList(1, null, Map.of()));
        assertEquals(when, config.when());
        assertEquals(List.copyOf(when.keySet()), List.copyOf(config.when().keySet()));
        assertEquals("0x76", ((Configs.Loose) ConfigReader.read(ConfigSource.parse("p.json",
                "{\"tasks\": [{\"type\": \"loose\", \"address\": \"0x76\"}]}"), loose).tasks().get(0).config()).address());
    }

    @Test
    void aMistakeInsideAListOrMapIsNamedAtTheElementOrMemberItIsIn() {
        assertEquals(List.of(
                "p.json:2:36: $.tasks[0].counts[1]: expected an integer from -2147483648 to 2147483647, got 99999999999",
                "p.json:3:33: $.tasks[1].counts[0]: expected an integer, got 1000.0",
                "p.json:4:51: $.tasks[2].named.b.pattern: needs an even number of durations, got 1",
                "p.json:5:40: $.tasks[3].named.a.onn: unknown field 'onn'; did you mean 'on'? Known fields: on, pattern.",
                "p.json:6:22: $.tasks[4].named: expected an object, got a list",
                "p.json:7:22: $.tasks[5].total: expected an integer, got null"), errors("""
                { "tasks": [
                  { "type": "loose", "counts": [1, 99999999999] },
                  { "type": "loose", "counts": [1e3] },
                  { "type": "loose", "named": { "b": { "on": "x", "pattern": ["1s"] } } },
                  { "type": "loose", "named": { "a": { "onn": "x" } } },
                  { "type": "loose", "named": [] },
                  { "type": "loose", "total": null } ] }
                """, loose));
    }
}
