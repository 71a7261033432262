package org.perthensis.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Periodic;
import org.perthensis.api.Scheduler;

class VirtualTimeTest {

    @Test
    void aDayOfAOneHertzTaskAndSleepersRunsInWellUnderASecondWithExactTimestamps() {
        Scheduler s = Scheduler.builder().virtualTime().build();
        long[] last = {-1};
        long[] wrong = {0};
        Periodic second = s.every(Duration.ofSeconds(1), sch -> {
            long now = sch.clock().nanos();
            if (last[0] >= 0 && now - last[0] != 1_000_000_000L) {
                wrong[0]++;
            }
            last[0] = now;
        });
        List<Long> hourly = new ArrayList<>();
        s.spawn("hourly", sch -> {
            while (true) {
                sch.sleep(Duration.ofHours(1));
                hourly.add(sch.clock().elapsed().toHours());
            }
        });
        List<Long> odd = new ArrayList<>();
        s.spawn("odd", sch -> {
            while (true) {
                sch.sleep(Duration.ofMillis(7919));
                odd.add(sch.clock().millis());
            }
        });
        long started = System.nanoTime();
        s.run(Duration.ofHours(24));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(86_401, second.runs(), "runs at 0 s through 86,400 s inclusive");
        assertEquals(0, wrong[0], "every run exactly one second after the previous one");
        assertEquals(24, hourly.size());
        assertEquals(24L, hourly.get(23));
        assertEquals(86_400_000L / 7919, odd.size());
        assertEquals(7919L * odd.size(), odd.get(odd.size() - 1));
        assertEquals(Duration.ofHours(24), s.clock().elapsed());
        // Well under a second on a quiet machine; the bound only has to be far from the 24 hours of a real clock.
        assertTrue(tookMillis < 60_000, "should take well under a second; took " + tookMillis + " ms");
    }

    @Test
    void virtualWallTimeStartsWhereToldAndFollowsVirtualTime() {
        Instant start = Instant.parse("2026-03-01T06:00:00Z");
        Scheduler s = Scheduler.builder().virtualTime(start).build();
        assertTrue(s.clock().isVirtual());
        s.run(Duration.ofMinutes(90));
        assertEquals(Instant.parse("2026-03-01T07:30:00Z"), s.clock().wallTime());
    }

    @Test
    void timeStandsStillWhileABlockingCallRunsInRealTime() {
        Scheduler s = Scheduler.builder().virtualTime().build();
        List<String> log = new ArrayList<>();
        s.spawn("io", sch -> {
            String got = sch.blocking(() -> {
                Thread.sleep(150); // real time passes; virtual time must not jump past the sleeper's timer meanwhile
                return "data";
            });
            log.add(sch.clock().millis() + " " + got);
        });
        s.spawn("sleeper", sch -> {
            sch.sleep(10);
            log.add(sch.clock().millis() + " sleeper");
        });
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("0 data", "10 sleeper"), log);
    }

    /**
     * The seed README's example: a heartbeat blinking two short beats a second and a counter
     * printing 1, 2, 3, ... once a second, on one scheduler.
     */
    @Test
    void seedReadmeHeartbeatAndCounterFollowTheirExactTimeline() {
        Scheduler s = Scheduler.builder().virtualTime().build();
        List<String> edges = new ArrayList<>();
        List<String> printed = new ArrayList<>();
        int[] pattern = {50, 100, 100, 750};
        s.spawn("heartbeat", sch -> {
            try {
                while (true) {
                    for (int i = 0; i < pattern.length; i++) {
                        edges.add(sch.clock().millis() + (i % 2 == 0 ? " on" : " off"));
                        sch.sleep(pattern[i]);
                    }
                }
            } finally {
                edges.add(sch.clock().millis() + " off (cancelled)");
            }
        });
        s.spawn("counter", sch -> {
            for (int x = 1; ; x++) {
                printed.add(sch.clock().millis() + " " + x);
                sch.sleep(Duration.ofSeconds(1));
            }
        });
        s.spawn("end", sch -> {
            sch.sleep(2100);
            sch.shutdown();
        });
        s.runForever();

        assertEquals(List.of(
                "0 on", "50 off", "150 on", "250 off",
                "1000 on", "1050 off", "1150 on", "1250 off",
                "2000 on", "2050 off", "2100 off (cancelled)"), edges);
        assertEquals(List.of("0 1", "1000 2", "2000 3"), printed);
    }
}
