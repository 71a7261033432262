package org.perthensis.ntp;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.perthensis.api.Checks;
import org.perthensis.api.Durations;
import org.perthensis.api.Metrics;
import org.perthensis.api.Entities;
import org.perthensis.api.Entity;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;
import org.perthensis.api.WallClock;

/**
 * Task type {@code ntp}: keeps the device's idea of time right with SNTP and offers the
 * corrected time to other tasks as a {@link WallClock} service.
 */
public final class NtpProvider implements TaskProvider<NtpProvider.Config> {

    /** The most requests per server and sync: more would only annoy public servers. */
    static final int MAX_SAMPLES = 8;
    /** The longest of the durations: a longer one is a slip of the unit, not a plan. */
    static final Duration YEAR = Duration.ofDays(365);

    /**
     * The configuration of one {@code ntp} task. A {@code null} field takes its default.
     *
     * @param servers the servers to ask, in order, each {@code host} or {@code host:port}
     *        (IPv6 as {@code [::1]:123}) (default: {@code ["pool.ntp.org"]})
     * @param samples requests per sync to one server; the answer with the lowest round-trip
     *        delay counts (default: 4, at most 8)
     * @param timeout how long to wait for each answer (default: 2s)
     * @param retry the time between syncs while the time is not known (default: 30min)
     * @param refresh the time between syncs once it is known (default: 6h)
     * @param setSystemClock whether to step the system clock when it is off by more than
     *        128 ms; needs root or {@code CAP_SYS_TIME} (default: false)
     */
    public record Config(List<String> servers, Integer samples, Duration timeout, Duration retry, Duration refresh,
            Boolean setSystemClock) {

        /**
         * Supplies defaults and checks the values.
         *
         * @param servers the servers, not empty
         * @param samples requests per sync, 1 to 8
         * @param timeout the wait for each answer, positive
         * @param retry the time between syncs without the time, positive
         * @param refresh the time between syncs with the time, positive
         * @param setSystemClock whether to step the system clock
         * @throws org.perthensis.api.FieldException naming the field and what is wrong with it,
         *     such as {@code servers[1]} for the second server
         */
        public Config {
            servers = servers == null ? List.of("pool.ntp.org") : checkServers(servers);
            samples = Checks.between("samples", samples, 1, MAX_SAMPLES, 4);
            timeout = upToAYear("timeout", timeout, Duration.ofSeconds(2));
            retry = upToAYear("retry", retry, Duration.ofMinutes(30));
            refresh = upToAYear("refresh", refresh, Duration.ofHours(6));
            setSystemClock = setSystemClock != null && setSystemClock;
        }

        List<Server> serverList() {
            return servers.stream().map(Server::parse).toList();
        }

        private static List<String> checkServers(List<String> servers) {
            if (servers.isEmpty()) {
                throw Checks.invalid("servers", "needs at least one server, such as \"pool.ntp.org\"");
            }
            List<String> checked = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) {
                try {
                    Server.parse(servers.get(i));
                } catch (IllegalArgumentException e) {
                    throw Checks.invalid("[" + i + "]", e.getMessage()).within("servers");
                }
                checked.add(servers.get(i).strip());
            }
            return List.copyOf(checked);
        }

        private static Duration upToAYear(String field, Duration value, Duration fallback) {
            return Checks.atMost(field, Checks.positive(field, value, fallback), "a year", YEAR);
        }
    }

    /** Creates the provider; the runtime finds it with {@link java.util.ServiceLoader}. */
    public NtpProvider() {
    }

    @Override
    public String type() {
        return "ntp";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    /**
     * Registers the corrected clock as the environment's {@link WallClock} service at once (it
     * answers {@code hasTime() == false} until the first sync), offers whether it has synced and
     * the last offset as metrics, and returns the task that keeps it.
     */
    @Override
    public Task create(Config config, TaskEnvironment environment) {
        NtpClock clock = new NtpClock(environment.clock());
        environment.provide(WallClock.class, clock);
        environment.service(Metrics.class).ifPresent(m -> {
            Map<String, String> labels = Map.of("task", environment.taskName());
            m.gauge("perthensis_ntp_synced", "1 once the time is known from a server, 0 before", labels,
                    () -> clock.hasTime() ? 1 : 0);
            m.gauge("perthensis_ntp_offset_seconds", "How far the system clock was behind the server at the last"
                    + " sync (NaN before the first)", labels,
                    () -> clock.lastSync().map(r -> r.offset().toNanos() / 1e9).orElse(Double.NaN));
        });
        Entities.of(environment).add(Entity.sensor(environment.taskName(), environment.taskName() + " offset",
                "ntp.synced", e -> e.get("offset")).withId("offset").withDeviceClass("duration").withUnit("ms")
                .asDiagnostic());
        NtpTask task = new NtpTask(config, clock, new UdpNetwork(InstantSource.system()), new DateCommand(),
                NtpTask.SAMPLE_SPACING, environment.logger());
        String starting = "syncing with " + String.join(", ", config.servers()) + " every "
                + Durations.format(config.retry()) + " until it has the time, then every "
                + Durations.format(config.refresh());
        return scheduler -> {
            // A first sync can take a while (timeouts, samples 2 s apart): say at once what is going on.
            environment.logger().log(System.Logger.Level.INFO, starting);
            task.run(scheduler);
        };
    }

    @Override
    public Optional<String> description() {
        return Optional.of("SNTP client: a corrected WallClock for other tasks, events ntp.synced and ntp.failed");
    }
}
