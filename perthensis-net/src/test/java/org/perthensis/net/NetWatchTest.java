package org.perthensis.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Entities;
import org.perthensis.api.Entity;
import org.perthensis.api.Event;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.testing.RecordingLogger;

class NetWatchTest {
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final RecordingLogger logger = new RecordingLogger(s.clock());
    private final List<String> events = new ArrayList<>();

    NetWatchTest() {
        s.events().subscribe("net.*", e -> events.add(s.clock().millis() + " " + e.topic() + " " + e.payload()));
    }

    @AfterEach
    void shutDown() {
        s.shutdown();
        s.run(Duration.ofSeconds(1));
    }

    private ConnectivityWatch watch(NetProvider.Config config, ProbeRunner runner) {
        return new ConnectivityWatch(config, TaskEnvironment.of("net", s, logger, new HashMap<>()), runner);
    }

    /** One character per check: '+' passes, '-' fails with "scripted failure". */
    private static ProbeRunner script(String checks) {
        int[] next = {0};
        return (scheduler, probe, timeout) -> checks.charAt(next[0]++) == '+' ? null : "scripted failure";
    }

    private static NetProvider.Config config(int upAfter, int downAfter, String... probes) {
        return new NetProvider.Config(Duration.ofSeconds(5), List.of(probes), null, upAfter, downAfter,
                null, null, null, null);
    }

    @Test
    void upAndDownArePublishedOnlyAfterTheConfiguredRunsOfChecks() {
        ConnectivityWatch net = watch(config(2, 3, "tcp://192.0.2.1:53"), script("++--+----+++"));
        s.spawn("net", net);
        s.run(Duration.ofSeconds(57));
        assertEquals(List.of(
                "5000 net.up {since=2000-01-01T00:00:00Z, probes=[tcp://192.0.2.1:53]}",
                "35000 net.down {failed=tcp://192.0.2.1:53, reason=scripted failure, since=2000-01-01T00:00:25Z}",
                "50000 net.up {since=2000-01-01T00:00:45Z, probes=[tcp://192.0.2.1:53]}"), events);
        assertEquals(List.of(
                "0 INFO watching tcp://192.0.2.1:53 every 5s",
                "5000 INFO network up: tcp://192.0.2.1:53 passes",
                "35000 WARNING network down since 2000-01-01T00:00:25Z: tcp://192.0.2.1:53 failed: scripted failure",
                "50000 INFO network up: tcp://192.0.2.1:53 passes"), logger.visible());
        assertEquals(NetWatch.State.UP, net.state());
    }

    @Test
    void stateIsUnknownUntilEnoughChecksAgreeAndDownNeedsThreeFailuresByDefault() {
        ConnectivityWatch net = watch(NetProvider.Config.of("dns://example.org"), script("-".repeat(10)));
        s.spawn("net", net);
        s.run(Duration.ofSeconds(9));
        assertEquals(NetWatch.State.UNKNOWN, net.state());
        assertEquals(List.of(), events);
        s.run(Duration.ofSeconds(1));
        assertEquals(NetWatch.State.DOWN, net.state());
        assertEquals(List.of("10000 net.down {failed=dns://example.org, reason=scripted failure,"
                + " since=2000-01-01T00:00:00Z}"), events);
    }

    @Test
    void aCheckStopsAtTheFirstFailingProbeAndNamesIt() {
        List<String> tried = new ArrayList<>();
        ProbeRunner runner = (scheduler, probe, timeout) -> {
            tried.add(probe.text());
            return probe.text().startsWith("dns") ? "cannot resolve example.org" : null;
        };
        s.spawn("net", watch(config(1, 1, "iface://wlan0", "dns://example.org", "tcp://192.0.2.1:53"), runner));
        s.run(Duration.ZERO);
        assertEquals(List.of("iface://wlan0", "dns://example.org"), tried);
        assertEquals(List.of("0 net.down {failed=dns://example.org, reason=cannot resolve example.org,"
                + " since=2000-01-01T00:00:00Z}"), events);
    }

    @Test
    void checksRunAtAFixedRateAndASlowCheckDoesNotCauseABurst() {
        List<Long> at = new ArrayList<>();
        ProbeRunner slowThird = (scheduler, probe, timeout) -> {
            at.add(scheduler.clock().millis());
            // Each check takes 1s, which must not shift the next; the third is far slower than its period.
            scheduler.sleep(Duration.ofSeconds(at.size() == 3 ? 12 : 1));
            return null;
        };
        s.spawn("net", watch(config(1, 1, "tcp://192.0.2.1:53"), slowThird));
        s.run(Duration.ofSeconds(30));
        assertEquals(List.of(0L, 5000L, 10000L, 22000L, 27000L), at);
    }

    @Test
    void realProbesAgainstLoopbackPassAndFailWithTheReason() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int closed = LineServer.closedPort();
            ConnectivityWatch up = watch(config(1, 3, "tcp://127.0.0.1:" + listening.getLocalPort(), "dns://localhost"),
                    ProbeRunner.REAL);
            ConnectivityWatch down = watch(config(1, 3, "tcp://127.0.0.1:" + closed), ProbeRunner.REAL);
            s.spawn("up", up);
            s.spawn("down", down);
            s.run(Duration.ofMillis(10_001)); // a moment more: run(span) does not wait for a blocking call due at its end
            assertEquals(NetWatch.State.UP, up.state());
            assertEquals(NetWatch.State.DOWN, down.state());
            assertEquals(List.of(
                    "0 net.up {since=2000-01-01T00:00:00Z, probes=[tcp://127.0.0.1:" + listening.getLocalPort()
                            + ", dns://localhost]}",
                    "10000 net.down {failed=tcp://127.0.0.1:" + closed + ", reason=Connection refused,"
                            + " since=2000-01-01T00:00:00Z}"), events);
        }
    }

    @Test
    void theNetTaskIsCreatedByItsProviderFromTheConfig() {
        NetProvider provider = new NetProvider();
        assertEquals("net", provider.type());
        assertEquals(NetProvider.Config.class, provider.configType());
        NetWatch net = (NetWatch) provider.create(NetProvider.Config.of("dns://localhost"),
                TaskEnvironment.of("net", s, logger, new HashMap<>()));
        s.spawn("net", net);
        s.run(Duration.ofMillis(1));
        assertEquals(NetWatch.State.UP, net.state());
        assertEquals(List.of("0 INFO watching dns://localhost every 5s", "0 INFO network up: dns://localhost passes"),
                logger.visible());
    }

    @Test
    void theNetTaskDescribesAConnectivitySensorOnNetUpAndNetDown() {
        TaskEnvironment env = TaskEnvironment.of("network", s, logger, new HashMap<>());
        new NetProvider().create(NetProvider.Config.of("dns://localhost"), env);
        Entity network = Entities.of(env).all().getFirst();
        assertEquals("network", network.objectId());
        assertEquals(Entity.Kind.BINARY_SENSOR, network.kind());
        assertEquals("connectivity", network.deviceClass());
        assertEquals("net.*", network.pattern());
        assertEquals(Boolean.TRUE, network.state().apply(new Event("net.up", null, 0, 1)));
        assertEquals(Boolean.FALSE, network.state().apply(new Event("net.down", null, 0, 2)));
        assertEquals(null, network.state().apply(new Event("net.recover", null, 0, 3)));
    }
}
