package org.perthensis.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.WallClock;
import org.perthensis.testing.RecordingLogger;

/** The README's library example, against an in-process server instead of pool.ntp.org, on the real clock. */
@Timeout(60)
class LibraryUseTest {

    @Test
    void readmeLibraryExampleWaitsForTheTimeThenReadsTheLastSync() throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        try (FakeNtpServer server = new FakeNtpServer().ahead(Duration.ofHours(1))) {
            Scheduler scheduler = Scheduler.create();
            Map<Class<?>, Object> services = new HashMap<>();
            TaskEnvironment env = TaskEnvironment.of("clock", scheduler, new RecordingLogger(System.Logger.Level.INFO), services);
            NtpProvider.Config config = new NtpProvider.Config(List.of(server.address()), 1, null, null, null, null);
            scheduler.spawn("clock", new NtpProvider().create(config, env));

            NtpClock clock = (NtpClock) env.requireService(WallClock.class);
            scheduler.events().subscribe("ntp.synced", e -> out.add("offset " + Math.round((Double) e.get("offset") / 1000) + " s"));
            scheduler.spawn("stamper", s -> {
                while (!clock.hasTime()) {
                    s.events().await("ntp.synced", Duration.ofMinutes(1));
                }
                SyncResult last = clock.lastSync().orElseThrow();
                out.add("time from " + last.server() + ", " + Duration.between(s.clock().wallTime(), clock.now())
                        .plusMillis(500).toSeconds() + " s ahead");
                s.shutdown();
            });
            scheduler.runForever();
            assertEquals(List.of("offset 3600 s", "time from " + server.address() + ", 3600 s ahead"), out);
            assertTrue(clock.hasTime());
        }
    }
}
