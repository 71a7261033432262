package org.perthensis.bench;

import java.time.Duration;
import java.util.Optional;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;

/**
 * Task type {@code bench-probe}: prints {@link #MARKER} the moment its body runs, so that the
 * startup benchmark can time a real launch of the distribution up to its first task body.
 *
 * <pre>{@code
 * { "tasks": [ { "type": "bench-probe" } ] }
 * }</pre>
 */
public final class FirstTaskProbe implements TaskProvider<FirstTaskProbe.Config> {

    /** The line printed on standard output when the body runs. */
    public static final String MARKER = "bench-probe: first task body ran";

    /** The probe has nothing to configure. */
    public record Config() {
    }

    /** Used by {@link java.util.ServiceLoader}. */
    public FirstTaskProbe() {
    }

    @Override
    public String type() {
        return "bench-probe";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Task create(Config config, TaskEnvironment environment) {
        return s -> {
            System.out.println(MARKER);
            System.out.flush();
            s.sleep(Duration.ofDays(1)); // the benchmark ends the process once it has seen the line
        };
    }

    @Override
    public Optional<String> description() {
        return Optional.of("prints one line when its body runs (the startup benchmark's probe)");
    }
}
