package org.perthensis.net;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.perthensis.api.Backoff;
import org.perthensis.api.Checks;
import org.perthensis.api.FieldException;
import org.perthensis.api.JournalConfig;
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
     * @param journal keeps outgoing lines on disk until the operating system took them, so that
     *        they survive a restart or a power cut (default: none, the queue in memory; with a
     *        journal, {@code queue} and {@code overflow} bound only the lines sent while it is not
     *        open, before the task first runs or while it restarts)
     * @param forward events whose topic matches one of these patterns (such as {@code "net.*"})
     *        are sent, one JSON object per line (default: none)
     * @param stableAfter how long a connection must stay up (and, with {@code readTimeout}, have
     *        received data) before the waits between attempts start again at {@code initial}
     *        (default: 10s)
     */
    public record Config(String host, Integer port, Backoff.Config reconnect, Duration connectTimeout,
            Duration keepAlive, String ping, Duration readTimeout, Integer maxLineLength, Integer queue,
            String overflow, JournalConfig journal, List<String> forward, Duration stableAfter) {

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
            forward = Checks.eventPatterns("forward", forward, List.of());
            stableAfter = Checks.positive("stableAfter", stableAfter, DEFAULT_STABLE_AFTER);
        }

        /** How long a connection must last to count as stable unless configured: 10 s. */
        public static final Duration DEFAULT_STABLE_AFTER = Duration.ofSeconds(10);

        /**
         * A configuration for {@code host:port} with every default.
         *
         * @param host the server's host name or address
         * @param port the server's TCP port
         * @return the configuration
         */
        public static Config of(String host, int port) {
            return new Config(host, port, null, null, null, null, null, null, null, null, null, null, null);
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

    /** Two tasks writing one journal would corrupt it: claimed here, a clash is found by {@code --check}. */
    @Override
    public Task create(Config config, TaskEnvironment environment) {
        if (config.journal() != null) {
            Path dir = Path.of(config.journal().dir()).toAbsolutePath().normalize();
            environment.claim("journal:" + dir).ifPresent(holder -> {
                throw Checks.invalid("journal.dir", "the journal " + dir + " is already used by task '" + holder
                        + "'; give each task a directory of its own");
            });
        }
        return Connection.of(config, environment);
    }

    @Override
    public Optional<String> description() {
        return Optional.of("keeps a line-based TCP connection up, optionally with a journal on disk; forwards events;"
                + " publishes connection.<name>.up/.down/.line");
    }
}
