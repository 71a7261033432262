package org.perthensis.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

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
        assertEquals("probes[0]: 'udp://x:1' is not a probe; expected tcp://host:port, dns://name or iface://name",
                error(() -> net(null, List.of("udp://x:1"), null, null, null)));
        assertEquals("every: must be positive, was 0ms", error(() -> net(Duration.ZERO, List.of("dns://x"), null, null, null)));
        assertEquals("timeout: must not be longer than every (5s), was 10s",
                error(() -> net(null, List.of("dns://x"), Duration.ofSeconds(10), null, null)));
        assertEquals("recover: is empty; give a shell command, such as \"nmcli radio wifi off && nmcli radio wifi on\","
                + " or leave the field out", error(() -> net(null, List.of("dns://x"), null, " ", null)));
        assertEquals("recoverAfter: has no effect without recover; add a recover command or leave the field out",
                error(() -> net(null, List.of("dns://x"), null, null, 5)));
        assertEquals("recoverAfter: must be at least 1, was 0", error(() -> net(null, List.of("dns://x"), null, "true", 0)));
        assertEquals("downAfter: must be at least 1, was 0", error(() -> new NetProvider.Config(null, List.of("dns://x"),
                null, null, 0, null, null, null, null)));
    }

    private static ConnectionProvider.Config connection(String host, Integer port, Duration keepAlive, String ping,
            Duration readTimeout) {
        return new ConnectionProvider.Config(host, port, null, null, keepAlive, ping, readTimeout, null, null, null);
    }

    @Test
    void connectionDefaults() {
        ConnectionProvider.Config c = ConnectionProvider.Config.of("192.0.2.10", 7000);
        assertEquals(new ConnectionProvider.Config("192.0.2.10", 7000,
                new ConnectionProvider.Reconnect(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2),
                Duration.ofSeconds(10), null, null, null, 8192, 1000, "drop-oldest"), c);
        assertEquals("", connection("h", 1, Duration.ofSeconds(30), null, null).ping());
    }

    @Test
    void connectionRejectsBadValuesNamingTheField() {
        assertEquals("host: is required, such as \"192.0.2.10\" or \"example.org\"",
                error(() -> connection(null, 1, null, null, null)));
        assertEquals("port: is required, a TCP port from 1 to 65535", error(() -> connection("h", null, null, null, null)));
        assertEquals("port: must be from 1 to 65535, was 70000", error(() -> connection("h", 70000, null, null, null)));
        assertEquals("ping: has no effect without keepAlive; add keepAlive, such as \"30s\"",
                error(() -> connection("h", 1, null, "PING", null)));
        assertEquals("ping: must be one line, without line breaks",
                error(() -> connection("h", 1, Duration.ofSeconds(30), "PI\nNG", null)));
        assertEquals("readTimeout: must be longer than keepAlive (30s), was 30s; otherwise the connection is dropped"
                + " before a ping can be answered",
                error(() -> connection("h", 1, Duration.ofSeconds(30), null, Duration.ofSeconds(30))));
        assertEquals("keepAlive: must be positive, was -1s", error(() -> connection("h", 1, Duration.ofSeconds(-1), null, null)));
        assertEquals("overflow: expected drop-oldest or drop-newest, was 'drop-all'", error(() -> new ConnectionProvider.Config(
                "h", 1, null, null, null, null, null, null, null, "drop-all")));
        assertEquals("queue: must be at least 1, was 0", error(() -> new ConnectionProvider.Config(
                "h", 1, null, null, null, null, null, null, 0, null)));
        assertEquals("maxLineLength: must be at least 1, was 0", error(() -> new ConnectionProvider.Config(
                "h", 1, null, null, null, null, null, 0, null, null)));
    }

    @Test
    void reconnectDefaultsAndLimits() {
        assertEquals(new ConnectionProvider.Reconnect(Duration.ofMinutes(2), Duration.ofMinutes(2), 0.2),
                new ConnectionProvider.Reconnect(Duration.ofMinutes(2), null, null));
        assertEquals("max: must not be shorter than initial (5s), was 1s",
                error(() -> new ConnectionProvider.Reconnect(Duration.ofSeconds(5), Duration.ofSeconds(1), null)));
        assertEquals("jitter: must be from 0 (none) to below 1, was 1.0",
                error(() -> new ConnectionProvider.Reconnect(null, null, 1.0)));
        assertEquals("initial: must be positive, was 0ms", error(() -> new ConnectionProvider.Reconnect(Duration.ZERO, null, null)));
    }

    @Test
    void durationsReadAsTheConfigurationWritesThem() {
        assertEquals("250ms", Text.of(Duration.ofMillis(250)));
        assertEquals("1.5s", Text.of(Duration.ofMillis(1500)));
        assertEquals("90s", Text.of(Duration.ofSeconds(90)));
        assertEquals("5min", Text.of(Duration.ofMinutes(5)));
        assertEquals("6h", Text.of(Duration.ofHours(6)));
    }
}
