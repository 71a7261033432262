package org.perthensis.net;

import java.time.Duration;
import java.util.Optional;
import org.perthensis.api.Backoff;
import org.perthensis.api.Checks;
import org.perthensis.api.FieldException;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;

/** Task type {@code connection}: a kept-alive TCP connection carrying newline-delimited text lines. */
public final class ConnectionProvider implements TaskProvider<ConnectionProvider.Config> {

    /**
     * The {@code connection} task's configuration. Missing ({@code null}) fields get their
     * defaults; bad values are rejected with a {@link org.perthensis.api.FieldException} naming the field.
     *
     * @param host the server's host name or address; required
     * @param port the server's TCP port, 1 to 65535; required
     * @param reconnect the waits between connection attempts: {@code initial}, doubling after each
     *        failed attempt up to {@code max}, back to {@code initial} once a connection is up, each
     *        shortened by a random part of up to {@code jitter} (default: 1s doubling up to 60s, 20% jitter)
     * @param connectTimeout time allowed to resolve the host and connect (default: 10s)
     * @param keepAlive idle time after which {@code ping} is sent: time since the last line
     *        written (default: none, no pings)
     * @param ping the line sent after {@code keepAlive} of idleness (default: an empty line with
     *        {@code keepAlive}, else {@code null})
     * @param readTimeout with no data from the server for this long the connection is taken for
     *        dead and reconnected; longer than {@code keepAlive} (default: none, wait forever)
     * @param maxLineLength incoming lines longer than this many bytes are dropped, counted and
     *        logged (default: 8192)
     * @param queue outgoing lines held while disconnected or while the socket is busy (default: 1000)
     * @param overflow what a full queue drops: {@code drop-oldest} or {@code drop-newest}
     *        (default: drop-oldest)
     */
    public record Config(String host, Integer port, Backoff.Config reconnect, Duration connectTimeout,
            Duration keepAlive, String ping, Duration readTimeout, Integer maxLineLength, Integer queue,
            String overflow) {

        /**
         * Supplies defaults and checks every field.
         *
         * @throws org.perthensis.api.FieldException for a bad value, naming the field
         */
        public Config {
            host = Checks.notBlank("host", host, "the server's host name or address, such as \"192.0.2.10\""
                    + " or \"example.org\"");
            port = Checks.between("port", Checks.required("port", port, "a TCP port from 1 to 65535"), 1, 65535, 0);
            reconnect = reconnect == null ? new Backoff.Config(null, null, null) : reconnect;
            connectTimeout = Checks.positive("connectTimeout", connectTimeout, Duration.ofSeconds(10));
            keepAlive = Checks.positive("keepAlive", keepAlive, null);
            if (keepAlive != null) {
                ping = ping == null ? "" : ping;
                if (ping.indexOf('\n') >= 0 || ping.indexOf('\r') >= 0) {
                    throw Checks.invalid("ping", "must be one line, without line breaks");
                }
            } else if (ping != null) {
                throw Checks.invalid("ping", "has no effect without keepAlive; add keepAlive, such as \"30s\"");
            }
            readTimeout = Checks.positive("readTimeout", readTimeout, null);
            if (readTimeout != null && keepAlive != null) {
                try {
                    Checks.longerThan("readTimeout", readTimeout, "keepAlive", keepAlive);
                } catch (FieldException e) {
                    throw Checks.invalid(e.field(), e.problem() + "; otherwise the connection is dropped before"
                            + " a ping can be answered");
                }
            }
            maxLineLength = Checks.atLeast("maxLineLength", maxLineLength, 1, 8192);
            queue = Checks.atLeast("queue", queue, 1, 1000);
            overflow = Checks.oneOf("overflow", overflow, Overflow.DROP_OLDEST.text(), Overflow.TEXTS);
        }

        /**
         * A configuration for {@code host:port} with every default.
         *
         * @param host the server's host name or address
         * @param port the server's TCP port
         * @return the configuration
         */
        public static Config of(String host, int port) {
            return new Config(host, port, null, null, null, null, null, null, null, null);
        }
    }

    /** Creates the provider; the runtime finds it through {@link java.util.ServiceLoader}. */
    public ConnectionProvider() {
    }

    @Override
    public String type() {
        return "connection";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Task create(Config config, TaskEnvironment environment) {
        return Connection.of(config, environment);
    }

    @Override
    public Optional<String> description() {
        return Optional.of("keeps a line-based TCP connection up; publishes connection.<name>.up/.down/.line");
    }
}
