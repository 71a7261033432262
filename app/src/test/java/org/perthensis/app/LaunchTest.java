package org.perthensis.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfigBuilder;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskProvider;

/** A plan run through the real providers' path: environment, Pi4J context, supervision, shutdown report. */
class LaunchTest {

    private static final GpioChoice MOCK = new GpioChoice("mock", "tests", false);

    private final Scheduler scheduler = Scheduler.builder().virtualTime().build();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final LogCapture log = new LogCapture();

    @AfterEach
    void detachLog() {
        log.close();
    }

    private Launch launch(String json, TaskProvider<?>... providers) {
        Plan plan = ConfigReader.read(ConfigSource.parse("p.json", json), ProviderRegistry.of(List.of(providers)));
        return new Launch(plan, scheduler, List.of());
    }

    /** Like the heartbeat module: an output through the app's Pi4J context, on while running, off in finally. */
    private final TaskProvider<Configs.Blink> blink = new FakeProvider<>("heartbeat", Configs.Blink.class, (c, env) -> s -> {
        Context pi4j = env.requireService(Context.class);
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
    });

    @Test
    void eachTaskGetsItsNameItsLoggerAndThePi4jContext() {
        TaskProvider<Configs.Door> door = new FakeProvider<>("debounce", Configs.Door.class, (c, env) -> {
            seen.add(env.taskName() + " " + env.logger().getName() + " " + env.service(Context.class).isPresent()
                    + " " + c.pin());
            return s -> { };
        });
        Launch launch = launch("{\"tasks\": [{\"type\": \"debounce\", \"name\": \"door\", \"pin\": 12}]}", door);
        assertTrue(launch.start(MOCK));
        launch.finish();
        assertEquals(List.of("door app.door true 12"), seen, "a provider in module app logs as app.<task>");
    }

    @Test
    void theLedATaskLeavesIsReportedAtShutdownBeforePi4jCloses() {
        Launch launch = launch("{\"tasks\": [{\"type\": \"heartbeat\", \"name\": \"status\", \"pin\": 17}]}", blink);
        assertTrue(launch.start(MOCK));
        scheduler.run(Duration.ofMillis(1020)); // the LED is on at this instant
        scheduler.shutdown();
        scheduler.run(Duration.ofSeconds(1));
        launch.finish();
        assertTrue(log.lines().contains("INFO [app] gpio 17 (status-led) left LOW (off)"), log.lines().toString());
    }

    @Test
    void aProviderRejectingItsSettingsWhenCreatingTheTaskIsAConfigErrorAtThatField() {
        TaskProvider<Configs.Door> strict = new FakeProvider<>("debounce", Configs.Door.class, (c, env) -> {
            if (c.pin() == 12) {
                throw new IllegalArgumentException("pin: 12 is already used by task 'door'");
            }
            return s -> seen.add("ran " + env.taskName());
        });
        Launch launch = launch("""
                {
                  "tasks": [
                    { "type": "debounce", "name": "door", "pin": 1 },
                    { "type": "debounce", "name": "bell", "pin": 12 }
                  ]
                }
                """, strict);
        ConfigException e = assertThrows(ConfigException.class, () -> launch.start(MOCK));
        assertEquals(List.of("p.json:4:43: $.tasks[1].pin: 12 is already used by task 'door'"),
                e.problems().stream().map(ConfigProblem::toString).toList());
        scheduler.run(Duration.ofSeconds(1));
        assertEquals(List.of(), seen, "nothing starts");
    }

    @Test
    void theCheckCreatesEveryTaskWithoutRunningOneAndReportsWhatTheProvidersReject() {
        TaskProvider<Configs.Door> strict = new FakeProvider<>("debounce", Configs.Door.class, (c, env) -> {
            seen.add("created " + env.taskName() + " with pins " + env.service(Context.class).isPresent());
            if (c.pin() == 12) {
                throw new IllegalArgumentException("pin: 12 is already used by task 'door'");
            }
            return s -> seen.add("ran " + env.taskName());
        });
        Plan plan = ConfigReader.read(ConfigSource.parse("p.json", """
                { "tasks": [ { "type": "debounce", "name": "door", "pin": 1 },
                             { "type": "debounce", "name": "bell", "pin": 12 } ] }
                """), ProviderRegistry.of(List.of(strict)));
        ConfigException e = assertThrows(ConfigException.class, () -> Launch.createWithoutRunning(plan));
        assertEquals(List.of("p.json:2:52: $.tasks[1].pin: 12 is already used by task 'door'"),
                e.problems().stream().map(ConfigProblem::toString).toList());
        assertEquals(List.of("created door with pins true", "created bell with pins true"), seen, "nothing ran");
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
    void theCheckCountsTheTasksThatCouldNotBeCreated() {
        Plan plan = ConfigReader.read(ConfigSource.parse("p.json", BUS_AND_DOOR),
                ProviderRegistry.of(List.of(brokenBus(), door())));
        assertEquals(1, Launch.createWithoutRunning(plan));
        assertEquals(List.of(), seen, "nothing ran");
    }

    @Test
    void aProviderThatFailsToCreateItsTaskIsLeftOutAndTheOthersRun() {
        Launch launch = launch(BUS_AND_DOOR, brokenBus(), door());
        assertTrue(launch.start(MOCK));
        scheduler.run(Duration.ofSeconds(1));
        launch.finish();
        assertEquals(List.of("ran door"), seen);
        assertTrue(log.lines().contains("ERROR [app] task 'bus' (type broken) could not be created and is left out:"
                + " java.lang.IllegalStateException: no such bus"), log.lines().toString());
    }

    @Test
    void whenEveryTaskHasEndedTheRunStopsWithExitCodeOneIfOneFailedForGood() {
        TaskProvider<Configs.Empty> failing = new FakeProvider<>("job", Configs.Empty.class, (c, env) -> s -> {
            throw new IllegalStateException("broken");
        });
        Launch launch = launch("{\"tasks\": [{\"type\": \"job\", \"name\": \"once\", \"restart\": \"never\"}]}", failing);
        assertTrue(launch.start(MOCK));
        assertTimeoutPreemptively(Duration.ofSeconds(10), launch::runLoop);
        launch.finish();
        assertEquals(1, launch.exitCode());
        assertTrue(log.lines().contains("WARN [app] every configured task has ended; stopping"), log.lines().toString());
    }

    @Test
    void aRequestedStopEndsTheRunWithExitCodeZero() {
        Launch launch = launch("{\"tasks\": [{\"type\": \"heartbeat\", \"pin\": 17}]}", blink);
        assertTrue(launch.start(MOCK));
        scheduler.run(Duration.ofMillis(10)); // the LED is on
        launch.stop("SIGTERM: stopping every task");
        assertTimeoutPreemptively(Duration.ofSeconds(10), launch::runLoop);
        launch.finish();
        assertEquals(0, launch.exitCode());
        assertEquals(List.of("INFO [app] gpio: using Pi4J plugin mock: tests", "INFO [app] started 1 task from p.json;"
                + " stop with Ctrl-C or SIGTERM", "INFO [app] SIGTERM: stopping every task",
                "INFO [app] gpio 17 (heartbeat-0-led) left LOW (off)"),
                log.lines().stream().filter(l -> l.contains("[app]")).toList());
    }

    @Test
    void withEveryTaskSkippedThereIsNothingToRun() {
        Launch launch = launch("{\"tasks\": [{\"type\": \"weather\"}]}");
        assertEquals(false, launch.start(MOCK));
        launch.finish();
        assertEquals(List.of("ERROR [app] nothing to run: no task in p.json could be started"),
                log.lines().stream().filter(l -> l.contains("[app]")).toList(), "and no GPIO opened for nothing");
    }
}
