package org.perthensis.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.perthensis.api.Backoff;
import org.perthensis.api.FieldException;

class ConfigTest {

    private static String error(Executable build) {
        return assertThrows(IllegalArgumentException.class, build).getMessage();
    }

    private static NetProvider.Config net(Duration every, List<String> probes, Duration timeout, String recover,
            Integer recoverAfter) {
        return new NetProvider.Config(every, probes, timeout, null, null, recover, recoverAfter, null, null);
    }

    @Test
    void netDefaults() {
        NetProvider.Config c = NetProvider.Config.of("tcp://192.0.2.1:53");
        assertEquals(new NetProvider.Config(Duration.ofSeconds(5), List.of("tcp://192.0.2.1:53"), Duration.ofSeconds(2),
                1, 3, null, null, null, null), c);
        NetProvider.Config recovering = new NetProvider.Config(null, List.of("dns://x"), null, null, null, "true",
                null, null, null);
        assertEquals(List.of(3, Duration.ofMinutes(5), Duration.ofSeconds(60)),
                List.of(recovering.recoverAfter(), recovering.recoverEvery(), recovering.recoverTimeout()));
    }

    @Test
    void netTimeoutDefaultsToHalfOfAShortPeriod() {
        assertEquals(Duration.ofMillis(500), net(Duration.ofSeconds(1), List.of("dns://x"), null, null, null).timeout());
    }

    @Test
    void netRejectsBadValuesNamingTheField() {
        assertEquals("probes: needs at least one probe, such as [\"tcp://192.0.2.1:53\", \"dns://example.org\"];"
                + " expected tcp://host:port, dns://name or iface://name", error(() -> net(null, List.of(), null, null, null)));
        assertEquals("probes: needs at least one probe, such as [\"tcp://192.0.2.1:53\", \"dns://example.org\"];"
                + " expected tcp://host:port, dns://name or iface://name", error(() -> net(null, null, null, null, null)));
        assertEquals("probes[1]: is empty; expected tcp://host:port, dns://name or iface://name",
                error(() -> net(null, Arrays.asList("dns://x", null), null, null, null)));
        assertEquals("probes[0]: expected tcp://host:port, dns://name or iface://name, got \"udp://x:1\"",
                error(() -> net(null, List.of("udp://x:1"), null, null, null)));
        assertEquals("every: must be positive, got 0s", error(() -> net(Duration.ZERO, List.of("dns://x"), null, null, null)));
        assertEquals("timeout: must be at most every (5s), got 10s",
                error(() -> net(null, List.of("dns://x"), Duration.ofSeconds(10), null, null)));
        assertEquals("recover: is empty; give a shell command, such as \"nmcli radio wifi off && nmcli radio wifi on\","
                + " or leave the field out", error(() -> net(null, List.of("dns://x"), null, " ", null)));
        assertEquals("recoverAfter: has no effect without recover; add a recover command or leave the field out",
                error(() -> net(null, List.of("dns://x"), null, null, 5)));
        assertEquals("recoverAfter: must be at least 1, got 0", error(() -> net(null, List.of("dns://x"), null, "true", 0)));
        assertEquals("downAfter: must be at least 1, got 0", error(() -> new NetProvider.Config(null, List.of("dns://x"),
                null, null, 0, null, null, null, null)));
    }

    private static ConnectionProvider.Config connection(String host, Integer port, Duration keepAlive, String ping,
            Duration readTimeout) {
        return new ConnectionProvider.Config(host, port, null, null, keepAlive, ping, readTimeout, null, null, null, null, null, null);
    }

    @Test
    void connectionDefaults() {
        ConnectionProvider.Config c = ConnectionProvider.Config.of("192.0.2.10", 7000);
        assertEquals(new ConnectionProvider.Config("192.0.2.10", 7000,
                new Backoff.Config(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2),
                Duration.ofSeconds(10), null, null, null, 8192, 1000, "drop-oldest", null, null, null), c);
        assertEquals("", connection("h", 1, Duration.ofSeconds(30), null, null).ping());
    }

    @Test
    void connectionRejectsBadValuesNamingTheField() {
        assertEquals("host: is required; give the server's host name or address, such as \"192.0.2.10\" or"
                + " \"example.org\"", error(() -> connection(null, 1, null, null, null)));
        assertEquals("host: is empty; give the server's host name or address, such as \"192.0.2.10\" or"
                + " \"example.org\"", error(() -> connection(" ", 1, null, null, null)));
        assertEquals("port: is required; give a TCP port from 1 to 65535", error(() -> connection("h", null, null, null, null)));
        assertEquals("port: must be from 1 to 65535, got 70000", error(() -> connection("h", 70000, null, null, null)));
        assertEquals("ping: has no effect without keepAlive; add keepAlive, such as \"30s\"",
                error(() -> connection("h", 1, null, "PING", null)));
        assertEquals("ping: must be one line, without line breaks",
                error(() -> connection("h", 1, Duration.ofSeconds(30), "PI\nNG", null)));
        assertEquals("readTimeout: must be longer than keepAlive (30s), got 30s; otherwise the connection is dropped"
                + " before a ping can be answered",
                error(() -> connection("h", 1, Duration.ofSeconds(30), null, Duration.ofSeconds(30))));
        assertEquals("keepAlive: must be positive, got -1s", error(() -> connection("h", 1, Duration.ofSeconds(-1), null, null)));
        assertEquals("overflow: must be one of \"drop-oldest\", \"drop-newest\", got \"drop-all\"", error(() -> new ConnectionProvider.Config(
                "h", 1, null, null, null, null, null, null, null, "drop-all", null, null, null)));
        assertEquals("queue: must be at least 1, got 0", error(() -> new ConnectionProvider.Config(
                "h", 1, null, null, null, null, null, null, 0, null, null, null, null)));
        assertEquals("maxLineLength: must be at least 1, got 0", error(() -> new ConnectionProvider.Config(
                "h", 1, null, null, null, null, null, 0, null, null, null, null, null)));
    }

    @Test
    void reconnectIsTheBackoffOfTheApiWithItsChecks() {
        assertEquals(new Backoff.Config(Duration.ofMinutes(2), Duration.ofMinutes(2), 0.2),
                new ConnectionProvider.Config("h", 1, new Backoff.Config(Duration.ofMinutes(2), null, null), null, null,
                        null, null, null, null, null, null, null, null).reconnect());
        assertEquals("max: must be at least initial (5s), got 1s",
                error(() -> new Backoff.Config(Duration.ofSeconds(5), Duration.ofSeconds(1), null)));
    }

    @Test
    void aBadProbeIsAFieldErrorAtItsIndex() {
        FieldException e = assertThrows(FieldException.class,
                () -> net(null, List.of("dns://x", "tcp://x:1", "dns://x:53"), null, null, null));
        assertEquals("probes[2]", e.field());
        assertEquals("a dns probe takes a name without a port; expected tcp://host:port, dns://name or iface://name,"
                + " got \"dns://x:53\"", e.problem());
    }
}
