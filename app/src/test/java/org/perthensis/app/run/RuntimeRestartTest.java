package org.perthensis.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perthensis.api.RuntimeControl;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskProvider;
import org.perthensis.app.config.ConfigSource;
import org.perthensis.app.fakes.Configs;
import org.perthensis.app.fakes.FakeProvider;
import org.perthensis.app.fakes.LogCapture;
import org.perthensis.app.gpio.Machine;
import org.perthensis.app.providers.ProviderRegistry;

/** A task asks the runtime, through the API's service, to restart: every task stops, and the exit code is 3. */
class RuntimeRestartTest {

    private final Scheduler scheduler = Scheduler.builder().virtualTime().build();
    private final LogCapture log = new LogCapture();

    @AfterEach
    void detachLog() {
        log.close();
    }

    private Launch launch(TaskProvider<?> provider) {
        Prepared prepared = Preparation.prepare(ConfigSource.parse("p.json", "{\"tasks\": [{\"type\": \"job\", \"name\": \"wan\"}]}"),
                ProviderRegistry.of(List.of(provider)), Preparation.Mode.RUN, new Machine(null, List.of(), false),
                Set.of("mock"), () -> scheduler);
        return new Launch(prepared, List.of());
    }

    @Test
    void aRestartRequestStopsEveryTaskAndExitsWithThree() {
        TaskProvider<Configs.Empty> job = new FakeProvider<>("job", Configs.Empty.class, (c, env) -> {
            RuntimeControl runtime = env.requireService(RuntimeControl.class);
            return s -> {
                s.sleep(Duration.ofMinutes(15));
                runtime.restart("task 'wan': network down for 15min");
                runtime.restart("a second request changes nothing");
                s.sleep(Duration.ofHours(1));
            };
        });
        Launch launch = launch(job);
        launch.start();
        assertTimeoutPreemptively(Duration.ofSeconds(10), launch::runLoop);
        launch.finish();
        assertEquals(RuntimeControl.RESTART_EXIT_CODE, launch.exitCode());
        assertEquals(List.of("INFO [app] started 1 task from p.json; stop with Ctrl-C or SIGTERM",
                "WARN [app] restart requested (task 'wan': network down for 15min): stopping every task, then exiting"
                        + " with 3 for systemd to start the runtime again"), log.of("app"));
    }

    @Test
    void aSignalBeforeTheRequestKeepsExitCodeZero() {
        TaskProvider<Configs.Empty> job = new FakeProvider<>("job", Configs.Empty.class, (c, env) -> {
            RuntimeControl runtime = env.requireService(RuntimeControl.class);
            return s -> {
                try {
                    s.sleep(Duration.ofHours(1));
                } finally {
                    runtime.restart("too late: the runtime is stopping");
                }
            };
        });
        Launch launch = launch(job);
        launch.start();
        scheduler.run(Duration.ofSeconds(1));
        launch.stop("SIGTERM: stopping every task");
        assertTimeoutPreemptively(Duration.ofSeconds(10), launch::runLoop);
        launch.finish();
        assertEquals(0, launch.exitCode());
    }
}
