package org.perthensis.net;

import java.time.Duration;
import java.util.Optional;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;

/** Task type {@code connection}: a kept-alive TCP connection carrying newline-delimited text lines. */
public final class ConnectionProvider implements TaskProvider<ConnectionProvider.Config> {

    /**
     * The {@code connection} task's configuration. Missing ({@code null}) fields get their
     * defaults; bad values are rejected with an {@link IllegalArgumentException} naming the field.
     *
     * @param host the server's host name or address; required
     * @param port the server's TCP port, 1 to 65535; required
     * @param reconnect the backoff between connection attempts (default: 1s doubling up to 60s, 20% jitter)
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
    public record Config(String host, Integer port, Reconnect reconnect, Duration connectTimeout,
            Duration keepAlive, String ping, Duration readTimeout, Integer maxLineLength, Integer queue,
            String overflow) {

        /**
         * Supplies defaults and checks every field.
         *
         * @throws IllegalArgumentException for a bad value; the message starts with the field name
         */
        public Config {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host: is required, such as \"192.0.2.10\" or \"example.org\"");
            }
            if (port == null) {
                throw new IllegalArgumentException("port: is required, a TCP port from 1 to 65535");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port: must be from 1 to 65535, was " + port);
            }
            reconnect = reconnect == null ? new Reconnect(null, null, null) : reconnect;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(10)
                    : Text.positive("connectTimeout", connectTimeout);
            if (keepAlive != null) {
                Text.positive("keepAlive", keepAlive);
                ping = ping == null ? "" : ping;
                if (ping.indexOf('\n') >= 0 || ping.indexOf('\r') >= 0) {
                    throw new IllegalArgumentException("ping: must be one line, without line breaks");
                }
            } else if (ping != null) {
                throw new IllegalArgumentException("ping: has no effect without keepAlive; add keepAlive, such as \"30s\"");
            }
            if (readTimeout != null && Text.positive("readTimeout", readTimeout).compareTo(
                    keepAlive == null ? Duration.ZERO : keepAlive) <= 0) {
                throw new IllegalArgumentException("readTimeout: must be longer than keepAlive (" + Text.of(keepAlive)
                        + "), was " + Text.of(readTimeout) + "; otherwise the connection is dropped before a ping"
                        + " can be answered");
            }
            maxLineLength = Text.atLeast("maxLineLength", 1, maxLineLength, 8192);
            queue = Text.atLeast("queue", 1, queue, 1000);
            overflow = overflow == null ? Overflow.DROP_OLDEST.text() : Overflow.parse(overflow).text();
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

    /**
     * The wait between connection attempts: {@code initial}, doubling after each failed attempt
     * up to {@code max}, back to {@code initial} once a connection is up. Each wait is shortened
     * by a random part of up to {@code jitter}, so that many devices do not reconnect in step.
     *
     * @param initial the first wait (default: 1s)
     * @param max the longest wait, at least {@code initial} (default: 60s, or {@code initial} if longer)
     * @param jitter the largest random part taken off a wait, from 0 (none) to below 1 (default: 0.2)
     */
    public record Reconnect(Duration initial, Duration max, Double jitter) {

        /**
         * Supplies defaults and checks every field.
         *
         * @throws IllegalArgumentException for a bad value; the message starts with the field name
         */
        public Reconnect {
            initial = initial == null ? Duration.ofSeconds(1) : Text.positive("initial", initial);
            if (max == null) {
                max = initial.compareTo(Duration.ofSeconds(60)) > 0 ? initial : Duration.ofSeconds(60);
            } else if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max: must not be shorter than initial (" + Text.of(initial)
                        + "), was " + Text.of(max));
            }
            jitter = jitter == null ? 0.2 : jitter;
            if (!(jitter >= 0 && jitter < 1)) {
                throw new IllegalArgumentException("jitter: must be from 0 (none) to below 1, was " + jitter);
            }
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
