package org.perthensis.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.perthensis.api.FieldException;
import org.perthensis.api.Metrics;
import org.perthensis.api.Entities;
import org.perthensis.api.Entity;
import org.perthensis.api.Event;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;
import org.perthensis.api.WallClock;
import org.perthensis.testing.RecordingLogger;

class NtpProviderTest {

    private static NtpProvider.Config servers(String... servers) {
        return new NtpProvider.Config(Arrays.asList(servers), null, null, null, null, null);
    }

    private static String rejection(Runnable makeConfig) {
        return assertThrows(FieldException.class, makeConfig::run).getMessage();
    }

    @Test
    void missingFieldsTakeTheDefaults() {
        NtpProvider.Config c = new NtpProvider.Config(null, null, null, null, null, null);
        assertEquals(new NtpProvider.Config(List.of("pool.ntp.org"), 4, Duration.ofSeconds(2), Duration.ofMinutes(30),
                Duration.ofHours(6), false), c);
    }

    @Test
    void serversAreReadAsHostOrHostAndPort() {
        assertEquals(List.of(new Server("pool.ntp.org", 123), new Server("127.0.0.1", 11123),
                new Server("::1", 123), new Server("::1", 1123), new Server("fe80::1", 123)),
                servers("pool.ntp.org", " 127.0.0.1:11123 ", "[::1]", "[::1]:1123", "fe80::1").serverList());
        assertEquals("[::1]:1123", new Server("::1", 1123).toString());
    }

    @Test
    void badValuesAreRejectedNamingTheField() {
        String forms = "expected host, host:port, [ipv6] or [ipv6]:port, got ";
        assertEquals("servers: needs at least one server, such as \"pool.ntp.org\"", rejection(() -> servers()));
        assertEquals("servers[0]: is empty; give a host name or address, such as \"pool.ntp.org\"",
                rejection(() -> servers(" ")));
        assertEquals("servers[1]: is empty; give a host name or address, such as \"pool.ntp.org\"",
                rejection(() -> servers("a", null)));
        assertEquals("servers[0]: the port must be from 1 to 65535; " + forms + "\"time:abc\"",
                rejection(() -> servers("time:abc")));
        assertEquals("servers[0]: the port must be from 1 to 65535; " + forms + "\"time:0\"",
                rejection(() -> servers("time:0")));
        assertEquals("servers[1]: the port must be from 1 to 65535; " + forms + "\"time:65536\"",
                rejection(() -> servers("pool.ntp.org", "time:65536")));
        assertEquals("servers[0]: the port must be from 1 to 65535; " + forms + "\"time:\"",
                rejection(() -> servers("time:")));
        assertEquals("servers[0]: the host is missing; " + forms + "\":123\"", rejection(() -> servers(":123")));
        assertEquals("servers[0]: the IPv6 address has no closing ']'; " + forms + "\"[::1\"",
                rejection(() -> servers("[::1")));
        assertEquals("servers[0]: only :port may follow ']'; " + forms + "\"[::1]123\"",
                rejection(() -> servers("[::1]123")));
        assertEquals("samples: must be from 1 to 8, got 0",
                rejection(() -> new NtpProvider.Config(null, 0, null, null, null, null)));
        assertEquals("samples: must be from 1 to 8, got 9",
                rejection(() -> new NtpProvider.Config(null, 9, null, null, null, null)));
        assertEquals("timeout: must be positive, got 0s",
                rejection(() -> new NtpProvider.Config(null, null, Duration.ZERO, null, null, null)));
        assertEquals("retry: must be positive, got -5min",
                rejection(() -> new NtpProvider.Config(null, null, null, Duration.ofMinutes(-5), null, null)));
        assertEquals("refresh: must be positive, got 0s",
                rejection(() -> new NtpProvider.Config(null, null, null, null, Duration.ZERO, null)));
        assertEquals("refresh: must be at most a year (365d), got 366d",
                rejection(() -> new NtpProvider.Config(null, null, null, null, Duration.ofDays(366), null)));
    }

    @Test
    void createRegistersTheWallClockBeforeTheLoopRuns() {
        Scheduler s = Scheduler.builder().virtualTime().build();
        Map<Class<?>, Object> services = new HashMap<>();
        TaskEnvironment env = TaskEnvironment.of("clock", s, new RecordingLogger(System.Logger.Level.INFO), services);
        new NtpProvider().create(servers("127.0.0.1:9"), env);
        WallClock clock = env.requireService(WallClock.class);
        assertInstanceOf(NtpClock.class, clock);
        assertFalse(clock.hasTime());
        assertEquals(s.clock().wallTime(), clock.now());
    }

    @Test
    void theSyncAndItsOffsetAreOfferedAsMetrics() {
        Scheduler s = Scheduler.builder().virtualTime().build();
        Metrics metrics = Metrics.create();
        Map<Class<?>, Object> services = new HashMap<>(Map.of(Metrics.class, metrics));
        TaskEnvironment env = TaskEnvironment.of("clock", s, new RecordingLogger(System.Logger.Level.INFO), services);
        new NtpProvider().create(servers("127.0.0.1:9"), env);
        assertEquals(Map.of("perthensis_ntp_synced", 0.0, "perthensis_ntp_offset_seconds", Double.NaN),
                values(metrics));
        ((NtpClock) env.requireService(WallClock.class)).update(new Server("127.0.0.1", 9),
                new Sample(Duration.ofMillis(-1250), Duration.ofMillis(12), 2));
        assertEquals(Map.of("perthensis_ntp_synced", 1.0, "perthensis_ntp_offset_seconds", -1.25), values(metrics));
    }

    /** The ntp task's metrics, each labelled with the task. */
    private static Map<String, Double> values(Metrics metrics) {
        return metrics.collect().stream().filter(m -> m.name().startsWith("perthensis_ntp_")).peek(m ->
                assertEquals(Map.of("task", "clock"), m.labels())).collect(Collectors.toMap(Metrics.Sample::name,
                Metrics.Sample::value));
    }

    @Test
    void createDescribesTheOffsetAsADiagnosticDurationSensorInMilliseconds() {
        Scheduler s = Scheduler.builder().virtualTime().build();
        TaskEnvironment env = TaskEnvironment.of("clock", s, new RecordingLogger(System.Logger.Level.INFO), new HashMap<>());
        new NtpProvider().create(servers("127.0.0.1:9"), env);
        Entity offset = Entities.of(env).all().getFirst();
        assertEquals("clock_offset", offset.objectId());
        assertEquals("clock offset", offset.name());
        assertEquals(Entity.Kind.SENSOR, offset.kind());
        assertEquals("duration", offset.deviceClass());
        assertEquals("ms", offset.unit());
        assertTrue(offset.diagnostic());
        assertEquals(-1.25, offset.state().apply(new Event("ntp.synced", Map.of("offset", -1.25), 0, 1)));
    }

    @Test
    void moduleProvidesTaskTypeNtp() {
        NtpProvider provider = new NtpProvider();
        assertEquals("ntp", provider.type());
        assertEquals(NtpProvider.Config.class, provider.configType());
        assertTrue(provider.description().isPresent());
        ModuleDescriptor module = NtpProvider.class.getModule().getDescriptor();
        assertEquals("org.perthensis.ntp", module.name());
        assertEquals(Set.of(TaskProvider.class.getName() + " with " + List.of(NtpProvider.class.getName())),
                module.provides().stream().map(p -> p.service() + " with " + p.providers()).collect(Collectors.toSet()));
        assertEquals(Set.of("org.perthensis.ntp"),
                module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    }
}
