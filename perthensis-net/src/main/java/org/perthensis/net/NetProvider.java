package org.perthensis.net;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.perthensis.api.Checks;
import org.perthensis.api.Entities;
import org.perthensis.api.Entity;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;

/** Task type {@code net}: watches connectivity and publishes {@code net.up} / {@code net.down}. */
public final class NetProvider implements TaskProvider<NetProvider.Config> {

    /**
     * The {@code net} task's configuration. Missing ({@code null}) fields get their defaults;
     * bad values are rejected with a {@link org.perthensis.api.FieldException} naming the field.
     *
     * @param every time between checks (default: 5s)
     * @param probes what a check tries, in order: {@code tcp://host:port} (a connection opens),
     *        {@code dns://name} (the name resolves), {@code iface://wlan0} (the interface is up
     *        with an address other than loopback and link-local); at least one
     * @param timeout time allowed per probe, at most {@code every} (default: 2s, or half of
     *        {@code every} if that is shorter)
     * @param upAfter passing checks in a row before the network counts as up (default: 1)
     * @param downAfter failing checks in a row before it counts as down (default: 3)
     * @param recover a shell command run with {@code /bin/sh -c} when the network stays down
     *        (default: none)
     * @param recoverAfter failing checks in a row before {@code recover} runs (default: 3 with
     *        {@code recover}, else {@code null})
     * @param recoverEvery least time between two runs of {@code recover} (default: 5min with
     *        {@code recover}, else {@code null})
     * @param recoverTimeout time after which a {@code recover} command still running is killed
     *        (default: 60s with {@code recover}, else {@code null})
     * @param recovery the recovery ladder: steps due at their own time after the network went
     *        down, up to a runtime restart and a reboot (default: none); not together with
     *        {@code recover}, the one-step form
     */
    public record Config(Duration every, List<String> probes, Duration timeout, Integer upAfter,
            Integer downAfter, String recover, Integer recoverAfter, Duration recoverEvery,
            Duration recoverTimeout, Recovery recovery) {

        /**
         * Supplies defaults and checks every field.
         *
         * @throws org.perthensis.api.FieldException for a bad value, naming the field, such as
         *     {@code probes[1]} for the second probe
         */
        public Config {
            every = Checks.positive("every", every, Duration.ofSeconds(5));
            if (probes == null || probes.isEmpty()) {
                throw Checks.invalid("probes", "needs at least one probe, such as"
                        + " [\"tcp://192.0.2.1:53\", \"dns://example.org\"]; " + Probe.FORMS);
            }
            probes = List.copyOf(probes.stream().map(p -> p == null ? "" : p).toList());
            Probe.parseAll("probes", probes);
            if (timeout == null) {
                Duration half = every.dividedBy(2);
                timeout = half.compareTo(Duration.ofSeconds(2)) < 0 ? half : Duration.ofSeconds(2);
            } else {
                Checks.atMost("timeout", Checks.positive("timeout", timeout, null), "every", every);
            }
            upAfter = Checks.atLeast("upAfter", upAfter, 1, 1);
            downAfter = Checks.atLeast("downAfter", downAfter, 1, 3);
            if (recover != null && recover.isBlank()) {
                throw Checks.invalid("recover", "is empty; give a shell command,"
                        + " such as \"nmcli radio wifi off && nmcli radio wifi on\", or leave the field out");
            }
            if (recover == null) {
                // Unused without recover, so they stay null: rebuilding a record from its own values still works.
                String orphan = recoverAfter != null ? "recoverAfter" : recoverEvery != null ? "recoverEvery"
                        : recoverTimeout != null ? "recoverTimeout" : null;
                if (orphan != null) {
                    throw Checks.invalid(orphan, "has no effect without recover; add a recover command"
                            + " or leave the field out");
                }
            } else {
                recoverAfter = Checks.atLeast("recoverAfter", recoverAfter, 1, 3);
                recoverEvery = Checks.positive("recoverEvery", recoverEvery, Duration.ofMinutes(5));
                recoverTimeout = Checks.positive("recoverTimeout", recoverTimeout, Duration.ofSeconds(60));
            }
            if (recover != null && recovery != null) {
                throw Checks.invalid("recovery", "cannot be combined with recover, its one-step form; move the"
                        + " command into recovery.reconnect (\"run\") or leave recover out");
            }
        }

        /**
         * The configuration without a recovery ladder: the one-step {@code recover} form or none.
         *
         * @param every time between checks
         * @param probes what a check tries
         * @param timeout time allowed per probe
         * @param upAfter passing checks before up
         * @param downAfter failing checks before down
         * @param recover the one-step recover command, or null
         * @param recoverAfter failing checks before it runs
         * @param recoverEvery least time between its runs
         * @param recoverTimeout time after which it is killed
         */
        public Config(Duration every, List<String> probes, Duration timeout, Integer upAfter, Integer downAfter,
                String recover, Integer recoverAfter, Duration recoverEvery, Duration recoverTimeout) {
            this(every, probes, timeout, upAfter, downAfter, recover, recoverAfter, recoverEvery, recoverTimeout, null);
        }

        /**
         * A configuration with these probes and every default.
         *
         * @param probes such as {@code "tcp://192.0.2.1:53"}, {@code "dns://example.org"}, {@code "iface://wlan0"}
         * @return the configuration
         */
        public static Config of(String... probes) {
            return new Config(null, List.of(probes), null, null, null, null, null, null, null, null);
        }
    }

    /** Creates the provider; the runtime finds it through {@link java.util.ServiceLoader}. */
    public NetProvider() {
    }

    @Override
    public String type() {
        return "net";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Task create(Config config, TaskEnvironment environment) {
        Entities.of(environment).add(Entity.binarySensor(environment.taskName(), environment.taskName(), "net.*",
                e -> e.topic().equals("net.up") ? Boolean.TRUE : e.topic().equals("net.down") ? Boolean.FALSE : null)
                .withDeviceClass("connectivity"));
        return NetWatch.of(config, environment);
    }

    @Override
    public Optional<String> description() {
        return Optional.of("watches connectivity with tcp/dns/iface probes; publishes net.up and net.down");
    }
}
