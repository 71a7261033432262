package org.perthensis.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfigBuilder;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perthensis.api.ConfiguredTasks;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskInfo;
import org.perthensis.api.TaskList;
import org.perthensis.api.TaskProvider;
import org.perthensis.app.config.ConfigException;
import org.perthensis.app.config.ConfigProblem;
import org.perthensis.app.config.ConfigSource;
import org.perthensis.app.fakes.Configs;
import org.perthensis.app.fakes.FakeProvider;
import org.perthensis.app.fakes.LogCapture;
import org.perthensis.app.gpio.Machine;
import org.perthensis.app.providers.ProviderRegistry;

/** A config prepared and run through the real providers' path: environment, lazy Pi4J context, supervision, shutdown. */
class LaunchTest {

    private static final Machine LAPTOP = new Machine(null, List.of(), false);

    private final Scheduler scheduler = Scheduler.builder().virtualTime().build();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final LogCapture log = new LogCapture();

    @AfterEach
    void detachLog() {
        log.close();
    }

    private Prepared prepare(String json, TaskProvider<?>... providers) {
        return prepare(Set.of("mock"), json, providers);
    }

    private Prepared prepare(Set<String> plugins, String json, TaskProvider<?>... providers) {
        return Preparation.prepare(ConfigSource.parse("p.json", json), ProviderRegistry.of(List.of(providers)),
                Preparation.Mode.RUN, LAPTOP, plugins, () -> scheduler);
    }

    private Launch launch(String json, TaskProvider<?>... providers) {
        return new Launch(prepare(json, providers), List.of());
    }

    /** Like the heartbeat module: takes its pin through the app's Pi4J context at create, on while running, off in finally. */
    private final TaskProvider<Configs.Blink> blink = new FakeProvider<>("heartbeat", Configs.Blink.class, (c, env) -> {
        Context pi4j = env.requireService(Context.class);
        return s -> {
            DigitalOutput led = pi4j.create(DigitalOutputConfigBuilder.newInstance(pi4j)
                    .id(env.taskName() + "-led").address(c.pin()).initial(DigitalState.LOW));
            try {
                while (true) {
                    led.on();
                    s.sleep(50);
                    led.off();
                    s.sleep(950);
                }
            } finally {
                led.off();
            }
        };
    });

    @Test
    void everyTaskFindsTheMetricsServiceWithEachTasksRestartsAndHealthInIt() {
        Metrics[] found = new Metrics[1];
        TaskProvider<Configs.Empty> job = new FakeProvider<>("job", Configs.Empty.class, (c, env) -> {
            found[0] = env.requireService(Metrics.class);
            return s -> {
                throw new IllegalStateException("broken");
            };
        });
        Launch launch = new Launch(prepare("{\"tasks\": [{\"type\": \"job\", \"name\": \"j\"}]}", job), List.of());
        launch.start();
        scheduler.run(Duration.ofMillis(1500)); // failed at 0, restarted after 1 s, failed again
        scheduler.post(() -> seen.addAll(found[0].collect().stream()
                .filter(m -> m.name().startsWith("perthensis_task_"))
                .map(m -> m.name() + m.labels().get("task") + "=" + m.value()).toList()));
        scheduler.run(Duration.ZERO);
        launch.finish();
        assertEquals(List.of("perthensis_task_restarts_totalj=1.0", "perthensis_task_upj=0.0"), seen);
    }

    @Test
    void theMetricsServiceHasTheLoopsOwnNumbers() {
        Metrics[] found = new Metrics[1];
        TaskProvider<Configs.Empty> job = new FakeProvider<>("job", Configs.Empty.class, (c, env) -> {
            found[0] = env.requireService(Metrics.class);
            return s -> {
                for (int i = 0; i < 3; i++) {
                    s.sleep(100);
                }
                s.sleep(Duration.ofHours(1));
            };
        });
        Launch launch = new Launch(prepare("{\"tasks\": [{\"type\": \"job\", \"name\": \"j\"}]}", job),
                List.of());
        launch.start();
        scheduler.run(Duration.ofSeconds(1));
        scheduler.post(() -> seen.addAll(found[0].collect().stream()
                .filter(m -> m.name().startsWith("perthensis_loop_"))
                .map(m -> m.name() + m.labels() + "=" + m.value()).toList()));
        scheduler.run(Duration.ZERO);
        launch.finish();
        // Under virtual time no timer is ever late; the supervised task got 4 turns (its start, 3 sleeps).
        assertEquals(List.of("perthensis_loop_slow_turns_total{}=0.0", "perthensis_loop_timer_lateness_max_seconds{}=0.0",
                "perthensis_loop_timer_lateness_seconds_total{}=0.0", "perthensis_loop_timers_late_total{over=1ms}=0.0",
                "perthensis_loop_timers_late_total{over=10ms}=0.0", "perthensis_loop_timers_late_total{over=100ms}=0.0",
                "perthensis_loop_timers_total{}=3.0", "perthensis_loop_turns_total{}=4.0",
                "perthensis_loop_wakeups_total{}=0.0"), seen);
    }

    @Test
    void eachTaskGetsItsNameItsLoggerItsSchedulerTheTaskListAndThePi4jContext() {
        TaskProvider<Configs.Door> door = new FakeProvider<>("debounce", Configs.Door.class, (c, env) -> {
            assertSame(scheduler, env.scheduler());
            seen.add(env.taskName() + " " + env.logger().getName() + " " + env.service(Context.class).isPresent()
                    + " " + env.service(TaskList.class).map(l -> l.tasks().size()).orElse(-1) + " " + c.pin());
            return s -> { };
        });
        Launch launch = launch("{\"tasks\": [{\"type\": \"debounce\", \"name\": \"door\", \"pin\": 12}]}", door);
        launch.finish();
        assertEquals(List.of("door app.door true 0 12"), seen, "a provider in module app logs as app.<task>");
    }

    @Test
    void aConfigThatUsesNoPinStartsNoPi4jAndLogsNoGpioLine() {
        TaskProvider<Configs.Empty> job = new FakeProvider<>("job", Configs.Empty.class, (c, env) -> s -> seen.add("ran"));
        Prepared prepared = prepare("{\"tasks\": [{\"type\": \"job\"}]}", job);
        Launch launch = new Launch(prepared, List.of());
        launch.start();
        scheduler.run(Duration.ofSeconds(1));
        launch.finish();
        assertEquals(List.of("ran"), seen);
        assertFalse(prepared.gpio().isOpen());
        assertEquals(List.of(), log.lines().stream().filter(l -> l.contains("gpio")).toList());
    }

    @Test
    void thePi4jContextOpensOnTheFirstLookupAndItsChoiceIsLoggedOnce() {
        Prepared prepared = prepare("{\"tasks\": [{\"type\": \"heartbeat\", \"name\": \"a\", \"pin\": 17},"
                + " {\"type\": \"heartbeat\", \"name\": \"b\", \"pin\": 18}]}", blink);
        assertTrue(prepared.gpio().isOpen());
        assertEquals(List.of("INFO [app] gpio: using Pi4J plugin mock: not a Raspberry Pi (no /proc/device-tree/model):"
                + " pins are simulated by Pi4J's mock plugin"), log.lines().stream().filter(l -> l.contains("gpio")).toList());
        prepared.close();
    }

    @Test
    void withoutGpioTasksThatNeedPinsAreLeftOutWithOneWarningEachAndTheReasonOnce() {
        TaskProvider<Configs.Empty> job = new FakeProvider<>("job", Configs.Empty.class, (c, env) -> s -> seen.add("ran"));
        Prepared prepared = prepare(Set.of(), "{\"tasks\": [{\"type\": \"heartbeat\", \"name\": \"a\", \"pin\": 17},"
                + " {\"type\": \"heartbeat\", \"name\": \"b\", \"pin\": 18}, {\"type\": \"job\", \"name\": \"c\"}]}", blink, job);
        assertEquals(2, prepared.leftOut());
        assertEquals(List.of(
                "WARN [app] gpio: not a Raspberry Pi (no /proc/device-tree/model), and no pi4j-plugin-mock.jar either: no"
                        + " GPIO, so tasks that use pins are left out; add pi4j-plugin-mock.jar to simulate them",
                "WARN [app] task 'a' (type heartbeat) could not be created and is left out:"
                        + " task 'a' needs GPIO, and there is none; see the gpio line above",
                "WARN [app] task 'b' (type heartbeat) could not be created and is left out:"
                        + " task 'b' needs GPIO, and there is none; see the gpio line above"),
                log.of("app"));
        assertEquals(List.of("c"), prepared.describe().stream().map(d -> d.split(":")[0]).toList());
        prepared.close();
    }

    @Test
    void theLedATaskLeavesIsReportedAtShutdownBeforePi4jCloses() {
        Launch launch = launch("{\"tasks\": [{\"type\": \"heartbeat\", \"name\": \"status\", \"pin\": 17}]}", blink);
        launch.start();
        scheduler.run(Duration.ofMillis(1020)); // the LED is on at this instant
        scheduler.shutdown();
        scheduler.run(Duration.ofSeconds(1));
        launch.finish();
        assertTrue(log.lines().contains("INFO [app] gpio 17 (status-led) left LOW (off)"), log.lines().toString());
    }

    @Test
    void aProviderRejectingItsSettingsWhenCreatingTheTaskIsAConfigErrorAtThatField() {
        TaskProvider<Configs.Door> strict = new FakeProvider<>("debounce", Configs.Door.class, (c, env) -> {
            env.claim("gpio:" + c.pin()).ifPresent(holder -> {
                throw new org.perthensis.api.FieldException("pin", c.pin() + " is already used by task '" + holder + "'");
            });
            return s -> seen.add("ran " + env.taskName());
        });
        ConfigException e = assertThrows(ConfigException.class, () -> prepare("""
                {
                  "tasks": [
                    { "type": "debounce", "name": "door", "pin": 12 },
                    { "type": "debounce", "name": "bell", "pin": 12 }
                  ]
                }
                """, strict));
        assertEquals(List.of("p.json:4:43: $.tasks[1].pin: 12 is already used by task 'door'"),
                e.problems().stream().map(ConfigProblem::toString).toList());
        scheduler.run(Duration.ofSeconds(1));
        assertEquals(List.of(), seen, "nothing starts");
    }

    @Test
    void theCheckCreatesEveryTaskOnSimulatedPinsWithoutRunningOneAndReportsWhatTheProvidersReject() {
        TaskProvider<Configs.Door> strict = new FakeProvider<>("debounce", Configs.Door.class, (c, env) -> {
            seen.add("created " + env.taskName() + " with pins " + env.service(Context.class).isPresent()
                    + " on virtual time " + env.clock().isVirtual());
            if (c.pin() == 12) {
                throw new org.perthensis.api.FieldException("pin", "12 is already used by task 'door'");
            }
            return s -> seen.add("ran " + env.taskName());
        });
        ConfigSource source = ConfigSource.parse("p.json", """
                { "gpio": { "provider": "auto" },
                  "tasks": [ { "type": "debounce", "name": "door", "pin": 1 },
                             { "type": "debounce", "name": "bell", "pin": 12 } ] }
                """);
        Machine pi = new Machine("Raspberry Pi 5 Model B Rev 1.0", List.of("/dev/gpiochip0"), true);
        ConfigException e = assertThrows(ConfigException.class, () -> Preparation.prepare(source,
                ProviderRegistry.of(List.of(strict)), Preparation.Mode.CHECK, pi, Set.of("gpiod", "mock")));
        assertEquals(List.of("p.json:3:52: $.tasks[1].pin: 12 is already used by task 'door'"),
                e.problems().stream().map(ConfigProblem::toString).toList());
        assertEquals(List.of("created door with pins true on virtual time true", "created bell with pins true on virtual time true"),
                seen, "nothing ran, and a Pi's real GPIO was not touched");
        assertEquals(List.of(), log.lines().stream().filter(l -> l.contains("gpio")).toList());
    }

    @Test
    void aMistakeInTheFileAndOneOnlyCreationFindsAreReportedTogetherWithoutTouchingRealGpio() {
        TaskProvider<Configs.Door> strict = new FakeProvider<>("debounce", Configs.Door.class, (c, env) -> {
            seen.add("created " + env.taskName() + " with pins " + env.service(Context.class).isPresent()
                    + " on virtual time " + env.clock().isVirtual());
            env.claim("gpio:" + c.pin()).ifPresent(holder -> {
                throw new org.perthensis.api.FieldException("pin", c.pin() + " is already used by task '" + holder + "'");
            });
            return s -> seen.add("ran " + env.taskName());
        });
        ConfigSource source = ConfigSource.parse("p.json", """
                { "gpio": { "provider": "auto" },
                  "tasks": [ { "type": "debounce", "name": "door", "pin": 12 },
                             { "type": "debounce", "name": "bell", "pin": 12 },
                             { "type": "debounce", "name": "window", "pin": 13, "settle": "soon" } ] }
                """);
        Machine pi = new Machine("Raspberry Pi 5 Model B Rev 1.0", List.of("/dev/gpiochip0"), true);
        ConfigException e = assertThrows(ConfigException.class, () -> Preparation.prepare(source,
                ProviderRegistry.of(List.of(strict)), Preparation.Mode.RUN, pi, Set.of("gpiod", "mock"), () -> scheduler));
        assertEquals(List.of("p.json:3:52: $.tasks[1].pin: 12 is already used by task 'door'",
                "p.json:4:65: $.tasks[2].settle: expected a duration such as \"250ms\", \"5s\", \"30min\", \"6h\","
                        + " \"1h30m\" or \"PT6H\", got \"soon\""),
                e.problems().stream().map(ConfigProblem::toString).toList());
        assertEquals(List.of("created door with pins true on virtual time true", "created bell with pins true on virtual time true"),
                seen, "the tasks that bound were created as --check creates them, and none ran");
        assertEquals(List.of(), log.lines().stream().filter(l -> l.contains("gpio")).toList(), "no real GPIO was opened");
    }

    @Test
    void everyTaskFindsTheTasksOfTheFileByNameWithTheirTypesSkippedOnesIncluded() {
        TaskProvider<Configs.Empty> rule = new FakeProvider<>("rule", Configs.Empty.class, (c, env) -> {
            seen.add(env.service(ConfiguredTasks.class).orElseThrow().types().toString());
            return s -> { };
        });
        prepare("{\"tasks\": [{\"type\": \"rule\", \"name\": \"porch\"}, {\"type\": \"output\", \"name\": \"light\"}]}",
                rule).close();
        assertEquals(List.of("{porch=rule, light=output}"), seen, "the output comes later in the file, and its module is absent");
    }

    @Test
    void anExplicitRealGpioThatCannotWorkHereIsAConfigErrorAtTheProvider() {
        ConfigException e = assertThrows(ConfigException.class, () -> prepare(Set.of("gpiod", "mock"),
                "{\"gpio\": {\"provider\": \"gpiod\"},\n \"tasks\": [{\"type\": \"heartbeat\", \"pin\": 17}]}", blink));
        assertEquals(List.of("p.json:1:11: $.gpio.provider: \"gpiod\" cannot work on this machine: it has no"
                + " /dev/gpiochip*; use \"auto\" to simulate the pins here, or \"mock\""),
                e.problems().stream().map(ConfigProblem::toString).toList());
    }

    /** A task 'bus' whose provider fails to create it, beside a task 'door' that runs. */
    private static final String BUS_AND_DOOR = """
                { "tasks": [ { "type": "broken", "name": "bus" }, { "type": "debounce", "name": "door", "pin": 1 } ] }
            """;

    private TaskProvider<Configs.Empty> brokenBus() {
        return new FakeProvider<>("broken", Configs.Empty.class, (c, env) -> {
            throw new IllegalStateException("no such bus");
        });
    }

    private TaskProvider<Configs.Door> door() {
        return new FakeProvider<>("debounce", Configs.Door.class, (c, env) -> s -> seen.add("ran " + env.taskName()));
    }

    @Test
    void aProviderThatFailsToCreateItsTaskIsLeftOutWithOneWarningAndTheOthersRun() {
        Prepared prepared = prepare(BUS_AND_DOOR, brokenBus(), door());
        assertEquals(1, prepared.leftOut());
        Launch launch = new Launch(prepared, List.of());
        launch.start();
        scheduler.run(Duration.ofSeconds(1));
        launch.finish();
        assertEquals(List.of("ran door"), seen);
        assertEquals(List.of("WARN [app] task 'bus' (type broken) could not be created and is left out:"
                + " no such bus"), log.lines().stream().filter(l -> l.contains("bus")).toList());
        assertEquals(List.of("door"), prepared.states().tasks().stream().map(TaskInfo::name).toList(),
                "the task list has the tasks that were created");
    }

    @Test
    void whenEveryTaskHasEndedTheRunStopsWithExitCodeOneIfOneFailedForGood() {
        TaskProvider<Configs.Empty> failing = new FakeProvider<>("job", Configs.Empty.class, (c, env) -> s -> {
            throw new IllegalStateException("broken");
        });
        Launch launch = launch("{\"tasks\": [{\"type\": \"job\", \"name\": \"once\", \"restart\": \"never\"}]}", failing);
        launch.start();
        assertTimeoutPreemptively(Duration.ofSeconds(10), launch::runLoop);
        launch.finish();
        assertEquals(1, launch.exitCode());
        assertTrue(log.lines().contains("WARN [app] every configured task has ended; stopping"), log.lines().toString());
    }

    @Test
    void aRequestedStopEndsTheRunWithExitCodeZero() {
        Launch launch = launch("{\"gpio\": {\"provider\": \"mock\"}, \"tasks\": [{\"type\": \"heartbeat\", \"pin\": 17}]}", blink);
        launch.start();
        scheduler.run(Duration.ofMillis(10)); // the LED is on
        launch.stop("SIGTERM: stopping every task");
        assertTimeoutPreemptively(Duration.ofSeconds(10), launch::runLoop);
        launch.finish();
        assertEquals(0, launch.exitCode());
        assertEquals(List.of("INFO [app] gpio: using Pi4J plugin mock: gpio.provider is \"mock\"",
                "INFO [app] started 1 task from p.json; stop with Ctrl-C or SIGTERM", "INFO [app] SIGTERM: stopping every task",
                "INFO [app] gpio 17 (heartbeat-0-led) left LOW (off)"), log.of("app"));
    }

    @Test
    void withEveryTaskSkippedThereIsNothingToRun() {
        Prepared prepared = prepare("{\"tasks\": [{\"type\": \"weather\"}]}");
        assertTrue(prepared.nothingToRun(0));
        prepared.close();
        assertEquals(List.of("ERROR [app] nothing to run: no task in p.json could be started"), log.of("app"),
                "and no GPIO opened for nothing");
    }
}
