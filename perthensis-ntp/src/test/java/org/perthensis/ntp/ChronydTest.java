package org.perthensis.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.api.Durations;
import org.perthensis.api.Event;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.WallClock;
import org.perthensis.testing.RecordingLogger;

/**
 * The real thing: the task, built by its provider as the runtime builds it, syncs with Debian's
 * chronyd on loopback. chronyd serves this machine's own clock, so the offset must come out
 * as (nearly) zero. Real clock, generous bounds.
 */
@Timeout(120)
class ChronydTest {
    @TempDir
    static Path dir;
    private static Chronyd chronyd;
    /** Why chronyd is not there, so that each test reports it (skipped or failed) rather than the class alone. */
    private static Throwable unavailable;

    private final RecordingLogger log = new RecordingLogger(System.Logger.Level.INFO);
    private final Map<Class<?>, Object> services = new HashMap<>();

    @BeforeEach
    void chronydRuns() throws Throwable {
        if (chronyd == null && unavailable == null) {
            try {
                chronyd = Chronyd.startIn(dir);
            } catch (Throwable e) {
                unavailable = e;
            }
        }
        if (unavailable != null) {
            throw unavailable;
        }
    }

    @AfterAll
    static void stopChronyd() throws Exception {
        if (chronyd != null) {
            chronyd.close();
        }
    }

    /** Runs an ntp task on the real clock until its first {@code ntp.synced} or {@code ntp.failed}. */
    private Event firstOutcome(NtpProvider.Config config) {
        Scheduler s = Scheduler.create();
        TaskEnvironment env = TaskEnvironment.of("clock", s, log, services);
        AtomicReference<Event> outcome = new AtomicReference<>();
        s.spawn("watch", sch -> {
            Optional<Event> e = sch.events().await("ntp.*", Duration.ofSeconds(60));
            outcome.set(e.orElse(null));
            sch.shutdown();
        });
        s.spawn("clock", new NtpProvider().create(config, env));
        s.runForever();
        assertTrue(outcome.get() != null, "no ntp event within 60 s; log: " + log.lines());
        return outcome.get();
    }

    @Test
    void syncsWithChronydAndAgreesWithTheSystemClock() {
        Event synced = firstOutcome(new NtpProvider.Config(List.of(chronyd.address()), null, null, null, null, null));
        assertEquals("ntp.synced", synced.topic(), () -> "log: " + log.lines());
        assertEquals(chronyd.address(), synced.get("server"));
        assertEquals(8, synced.get("stratum"));
        double offset = (Double) synced.get("offset");
        double delay = (Double) synced.get("delay");
        // Same clock on both ends: the offset is zero but for the asymmetry of the round trip.
        assertTrue(Math.abs(offset) < 5, "offset " + offset + " ms");
        assertTrue(delay >= 0 && Math.abs(offset) <= delay / 2 + 1, "offset " + offset + " ms, delay " + delay + " ms");
        assertEquals("INFO syncing with " + chronyd.address() + " every 30min until it has the time, then every 6h",
                log.lines().getFirst());
        String line = log.lines().get(1);
        Matcher logged = Pattern.compile("INFO synced with " + Pattern.quote(chronyd.address())
                + " \\(stratum 8\\): offset ([+-])(\\S+), delay (\\S+); next sync in 6h").matcher(line);
        assertTrue(logged.matches(), line);
        // The log line says what the event says, to the microsecond, in the notation the config parser reads.
        double loggedOffset = (logged.group(1).equals("-") ? -1 : 1) * Durations.parse(logged.group(2)).toNanos() / 1e6;
        assertEquals(offset, loggedOffset, 0.0005001, line);
        assertEquals(delay, Durations.parse(logged.group(3)).toNanos() / 1e6, 0.0005001, line);

        WallClock clock = (WallClock) services.get(WallClock.class);
        assertTrue(clock.hasTime());
        Duration apart = Duration.between(Instant.now(), clock.now()).abs();
        assertTrue(apart.compareTo(Duration.ofMillis(10)) < 0, "corrected clock " + apart + " from the system's");
        SyncResult last = ((NtpClock) clock).lastSync().orElseThrow();
        assertEquals(chronyd.address(), last.server());
        assertEquals(8, last.stratum());
    }

    @Test
    void silentServerIsPassedOverForChronyd() throws Exception {
        String silent;
        try (DatagramSocket nobody = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            silent = "127.0.0.1:" + nobody.getLocalPort(); // bound and never read: requests go unanswered
            Event synced = firstOutcome(new NtpProvider.Config(List.of(silent, chronyd.address()), 1,
                    Duration.ofMillis(500), null, null, null));
            assertEquals("ntp.synced", synced.topic(), () -> "log: " + log.lines());
            assertEquals(chronyd.address(), synced.get("server"));
        }
        assertEquals("WARNING " + silent + ": no answer within 500ms", log.lines().get(1));
    }
}
