package org.perthensis.web;

import java.util.Optional;
import org.perthensis.api.Checks;
import org.perthensis.api.Metrics;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskList;
import org.perthensis.api.TaskProvider;

/**
 * Task type {@code web}: the device's status page, live events, {@code /metrics} and
 * {@code /health} over HTTP.
 *
 * <pre>{@code
 * { "type": "web", "name": "status", "bind": "127.0.0.1", "port": 8080 }
 * }</pre>
 *
 * <p>It reads the runtime's {@link TaskList} and {@link Metrics} services when present, and
 * starts counting events (per topic family, and the last 100 for the page) when it is created,
 * so the page shows what happened before a browser connected.
 */
public final class WebProvider implements TaskProvider<WebProvider.Config> {

    /**
     * The settings of one {@code web} task.
     *
     * @param bind the address to listen on, an IP address (default {@code 127.0.0.1}); any but a
     *        loopback address needs {@code token} or {@code tokenFile}
     * @param port the TCP port, 0 for any free one (default 8080)
     * @param token the secret every request must carry, 16 characters or more (default: none)
     * @param tokenFile a file holding the token on its first line, read when the task is created
     */
    public record Config(String bind, Integer port, String token, String tokenFile) {

        /** The least length of a token: guessing one over HTTP is then hopeless. */
        static final int MIN_TOKEN = 16;

        /**
         * Supplies the defaults and checks the values.
         *
         * @param bind the address, or null for {@code 127.0.0.1}
         * @param port the port, or null for 8080
         * @param token the token, or null
         * @param tokenFile the token's file, or null
         */
        public Config {
            bind = bind == null ? "127.0.0.1" : bind;
            boolean loopback = Addresses.parse("bind", bind).isLoopbackAddress();
            port = Checks.between("port", port, 0, 65535, 8080);
            if (token != null && tokenFile != null) {
                throw Checks.invalid("tokenFile", "give token or tokenFile, not both");
            }
            String problem = token == null ? null : Token.problem(token);
            if (problem != null) {
                throw Checks.invalid("token", problem);
            }
            if (tokenFile != null) {
                Checks.notBlank("tokenFile", tokenFile, "the path of a file holding the token, such as"
                        + " \"/etc/perthensis/web.token\"");
            }
            if (!loopback && token == null && tokenFile == null) {
                throw Checks.invalid("bind", Checks.quote(bind) + " is reachable from other machines, so every request"
                        + " must carry a token; set \"token\" (" + MIN_TOKEN + " characters or more) or \"tokenFile\","
                        + " or bind \"127.0.0.1\"");
            }
        }
    }

    /** Used by {@link java.util.ServiceLoader}. */
    public WebProvider() {
    }

    @Override
    public String type() {
        return "web";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    /**
     * Creates the task, reading the token file if there is one, and starts keeping the last
     * events: call it on the loop, or before the loop runs, as the runtime does.
     */
    @Override
    public Task create(Config config, TaskEnvironment environment) {
        Token token = config.tokenFile() != null ? Token.fromFile("tokenFile", config.tokenFile())
                : config.token() != null ? Token.of(config.token()) : Token.NONE;
        Metrics metrics = environment.service(Metrics.class).orElseGet(Metrics::create);
        Optional<TaskList> tasks = environment.service(TaskList.class);
        Hub hub = new Hub(environment, tasks.orElse(null), metrics, Device.here());
        return new WebTask(config, token, environment, hub);
    }

    @Override
    public Optional<String> description() {
        return Optional.of("a status page with live events, Prometheus /metrics and /health over HTTP");
    }
}
