package org.perthensis.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskHandle;
import org.perthensis.testing.RecordingLogger;

class HeartbeatTest {
    private static final Alert NET_DOWN = new Alert("net.down", "net.up", List.of(100, 100));
    private static final Alert NTP_FAILED = new Alert("ntp.failed", "ntp.synced", List.of(500, 500));

    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final Timeline led = new Timeline(s);
    private final RecordingLogger log = new RecordingLogger();

    private Heartbeat heartbeat(List<Integer> pattern, Duration resetHold, Alert... alerts) {
        return new Heartbeat(led, pattern, resetHold, List.of(alerts), "status", log);
    }

    /** Publishes {@code topic} at {@code millis} on the virtual clock. */
    private void publishAt(long millis, String topic) {
        s.after(Duration.ofMillis(millis), sch -> sch.events().publish(topic));
    }

    @Test
    void defaultPatternHoldsTheLedOnForTwoSecondsThenBeatsTwiceASecond() {
        s.spawn("status", new Heartbeat(led)::beat);
        s.run(Duration.ofMillis(4999));
        assertEquals(List.of("0 on", "2050 off", "2150 on", "2250 off",
                "3000 on", "3050 off", "3150 on", "3250 off",
                "4000 on", "4050 off", "4150 on", "4250 off"), led.edges);
    }

    @Test
    void customPatternOfAnyEvenLengthRepeats() {
        s.spawn("status", heartbeat(List.of(200, 300, 400, 100, 50, 950), Duration.ZERO)::beat);
        s.run(Duration.ofMillis(4100));
        assertEquals(List.of("0 on", "200 off", "500 on", "900 off", "1000 on", "1050 off",
                "2000 on", "2200 off", "2500 on", "2900 off", "3000 on", "3050 off",
                "4000 on"), led.edges);
    }

    @Test
    void resetHoldKeepsTheLedOnThroughTheFirstOnStep() {
        s.spawn("status", heartbeat(List.of(100, 100), Duration.ofSeconds(5))::beat);
        s.run(Duration.ofMillis(5399));
        assertEquals(List.of("0 on", "5100 off", "5200 on", "5300 off"), led.edges);
    }

    @Test
    void zeroResetHoldStartsThePatternAtOnce() {
        s.spawn("status", heartbeat(Heartbeat.DEFAULT_PATTERN, Duration.ZERO)::beat);
        s.run(Duration.ofMillis(1999));
        assertEquals(List.of("0 on", "50 off", "150 on", "250 off", "1000 on", "1050 off", "1150 on", "1250 off"),
                led.edges);
    }

    @Test
    void cancellingTheTaskLeavesTheLedOff() {
        TaskHandle task = s.spawn("status", heartbeat(List.of(100, 100), Duration.ZERO)::beat);
        s.run(Duration.ofMillis(250));
        task.cancel();
        s.run(Duration.ofMillis(10));
        assertEquals(List.of("0 on", "100 off", "200 on", "250 off"), led.edges);
        assertEquals(TaskHandle.State.CANCELLED, task.state());
    }

    @Test
    void cancellingWhileTheLedIsOffWritesNothingMore() {
        TaskHandle task = s.spawn("status", heartbeat(List.of(100, 100), Duration.ZERO)::beat);
        s.run(Duration.ofMillis(150));
        task.cancel();
        s.run(Duration.ofMillis(10));
        assertEquals(List.of("0 on", "100 off"), led.edges);
        assertEquals(TaskHandle.State.CANCELLED, task.state());
    }

    @Test
    void shutdownDuringTheResetHoldLeavesTheLedOff() {
        s.spawn("status", new Heartbeat(led)::beat);
        s.run(Duration.ofMillis(700));
        s.shutdown();
        s.run(Duration.ofMillis(10));
        assertEquals(List.of("0 on", "700 off"), led.edges);
    }

    @Test
    void aFailingOutputEndsTheTaskAndIsStillTurnedOff() {
        List<String> writes = new ArrayList<>();
        IllegalStateException broken = new IllegalStateException("gpio gone");
        LedOutput flaky = on -> {
            writes.add(s.clock().millis() + (on ? " on" : " off"));
            if (writes.size() == 3) {
                throw broken;
            }
        };
        TaskHandle task = s.spawn("status", new Heartbeat(flaky, List.of(50, 100), Duration.ZERO, List.of())::beat);
        s.run(Duration.ofSeconds(1));
        assertEquals(TaskHandle.State.FAILED, task.state());
        assertSame(broken, task.failure().orElseThrow());
        assertEquals(List.of("0 on", "50 off", "150 on", "150 off"), writes);
    }

    @Test
    void alertSwitchesInAtOnceMidStepAndBackWhenItEnds() {
        s.spawn("status", heartbeat(Heartbeat.DEFAULT_PATTERN, Duration.ZERO, NET_DOWN)::beat);
        publishAt(1120, "net.down");  // the LED is off, between the two beats
        publishAt(1570, "net.up");    // the LED is on, in the alert's third on-time
        s.run(Duration.ofMillis(2999));
        assertEquals(List.of("0 on", "50 off", "150 on", "250 off", "1000 on", "1050 off",
                "1120 on", "1220 off", "1320 on", "1420 off", "1520 on",
                "1620 off", "1720 on", "1820 off", "2570 on", "2620 off", "2720 on", "2820 off"), led.edges);
        assertEquals(List.of("INFO heartbeat 'status' shows alert net.down (until net.up): pattern [100, 100] ms",
                "INFO heartbeat 'status' back to its pattern [50, 100, 100, 750] ms"), log.visible());
    }

    @Test
    void latestOfTwoOverlappingAlertsWinsAndTheEarlierReturnsWhenItEnds() {
        s.spawn("status", heartbeat(Heartbeat.DEFAULT_PATTERN, Duration.ZERO, NET_DOWN, NTP_FAILED)::beat);
        publishAt(100, "net.down");
        publishAt(350, "ntp.failed");
        publishAt(600, "net.down");   // already active: changes nothing
        publishAt(1000, "ntp.synced");
        publishAt(1230, "net.up");
        s.run(Duration.ofMillis(2299));
        assertEquals(List.of("0 on", "50 off",
                "100 on", "200 off", "300 on",        // net.down
                "850 off",                            // ntp.failed from 350: on 500 ms, off 500 ms
                "1000 on", "1100 off", "1200 on",     // ntp.synced: net.down again, from its first step
                "1280 off", "1380 on", "1480 off",    // net.up: the normal pattern, from its first step
                "2230 on", "2280 off"), led.edges);
        assertEquals(List.of("INFO heartbeat 'status' shows alert net.down (until net.up): pattern [100, 100] ms",
                "INFO heartbeat 'status' shows alert ntp.failed (until ntp.synced): pattern [500, 500] ms",
                "INFO heartbeat 'status' shows alert net.down (until net.up): pattern [100, 100] ms",
                "INFO heartbeat 'status' back to its pattern [50, 100, 100, 750] ms"), log.visible());
    }

    @Test
    void switchingToAnAlertWithTheSamePatternStartsItFromItsFirstStep() {
        Alert mqttLost = new Alert("mqtt.lost", "mqtt.back", List.of(100, 100));
        s.spawn("status", heartbeat(List.of(1000, 1000), Duration.ZERO, NET_DOWN, mqttLost)::beat);
        publishAt(100, "net.down");
        publishAt(250, "mqtt.lost"); // mid off-step of the same [100, 100]: begun again, on at once
        s.run(Duration.ofMillis(499));
        assertEquals(List.of("0 on", "200 off", "250 on", "350 off", "450 on"), led.edges);
    }

    @Test
    void anAlertEndingBehindTheShownOneChangesNothing() {
        s.spawn("status", heartbeat(List.of(1000, 1000), Duration.ZERO, NET_DOWN, NTP_FAILED)::beat);
        publishAt(100, "net.down");
        publishAt(250, "ntp.failed");
        publishAt(500, "net.up");
        s.run(Duration.ofMillis(1999));
        assertEquals(List.of("0 on", "200 off", "250 on", "750 off", "1250 on", "1750 off"), led.edges);
    }

    @Test
    void alertAlreadyActiveAtStartIsShownAfterTheResetHold() {
        publishAt(0, "net.down");
        s.after(Duration.ofMillis(10), new Heartbeat(led, Heartbeat.DEFAULT_PATTERN, Duration.ofSeconds(2),
                List.of(NET_DOWN), "status", log)::beat);
        s.run(Duration.ofMillis(2399));
        assertEquals(List.of("10 on", "2110 off", "2210 on", "2310 off"), led.edges);
        assertEquals(List.of("INFO heartbeat 'status' shows alert net.down (until net.up): pattern [100, 100] ms"),
                log.visible());
    }

    @Test
    void alertWhoseEndWasAlsoPublishedBeforeStartIsNotShown() {
        publishAt(0, "net.down");
        publishAt(5, "net.up");
        s.after(Duration.ofMillis(10), heartbeat(Heartbeat.DEFAULT_PATTERN, Duration.ZERO, NET_DOWN)::beat);
        s.run(Duration.ofMillis(300));
        assertEquals(List.of("10 on", "60 off", "160 on", "260 off"), led.edges);
    }

    @Test
    void alertStartedAgainAfterItsEndBeforeStartIsShown() {
        publishAt(0, "net.down");
        publishAt(5, "net.up");
        publishAt(8, "net.down"); // a flap: the heartbeat, started later, must see the network down
        s.after(Duration.ofMillis(10), heartbeat(Heartbeat.DEFAULT_PATTERN, Duration.ZERO, NET_DOWN)::beat);
        s.run(Duration.ofMillis(300));
        assertEquals(List.of("10 on", "110 off", "210 on"), led.edges);
    }

    @Test
    void alertStartingDuringTheResetHoldIsShownWhenTheHoldEnds() {
        s.spawn("status", heartbeat(Heartbeat.DEFAULT_PATTERN, Duration.ofSeconds(2), NET_DOWN)::beat);
        publishAt(500, "net.down");
        s.run(Duration.ofMillis(2299));
        assertEquals(List.of("0 on", "2100 off", "2200 on"), led.edges);
    }

    @Test
    void prefixPatternsMatchAndAnEventMatchingBothOnAndUntilEndsTheAlert() {
        Alert anyNet = new Alert("net.*", "net.up", List.of(100, 100));
        s.spawn("status", heartbeat(List.of(1000, 1000), Duration.ZERO, anyNet)::beat);
        publishAt(1200, "net.flaky");
        publishAt(1450, "net.up");
        s.run(Duration.ofMillis(2999));
        assertEquals(List.of("0 on", "1000 off", "1200 on", "1300 off", "1400 on", "2450 off"), led.edges);
    }

    @Test
    void otherEventsDoNotDisturbTheRhythm() {
        s.spawn("status", heartbeat(Heartbeat.DEFAULT_PATTERN, Duration.ZERO, NET_DOWN)::beat);
        publishAt(20, "net.probe");
        publishAt(700, "net.probe");
        publishAt(1120, "ntp.synced");
        s.run(Duration.ofMillis(1999));
        assertEquals(List.of("0 on", "50 off", "150 on", "250 off", "1000 on", "1050 off", "1150 on", "1250 off"),
                led.edges);
    }

    @Test
    void aHoldUpWithinAStepKeepsTheRhythm() {
        LedOutput slow = on -> {
            led.set(on);
            if (s.clock().millis() == 200) {
                s.sleep(30); // a write that holds the task, ending before the step does
            }
        };
        s.spawn("status", new Heartbeat(slow, List.of(100, 100), Duration.ZERO, List.of(), "status", log)::beat);
        s.run(Duration.ofMillis(499));
        assertEquals(List.of("0 on", "100 off", "200 on", "300 off", "400 on"), led.edges);
    }

    @Test
    void aStallPastTheEndOfAStepBeginsTheNextAtOnceAndTheRhythmGoesOnFromThereWithoutCatchingUp() {
        LedOutput stalling = on -> {
            led.set(on);
            if (s.clock().millis() == 200) {
                s.sleep(350); // the step begun at 200 was to end at 300; the steps due at 300, 400 and 500 are missed
            }
        };
        s.spawn("status", new Heartbeat(stalling, List.of(100, 100), Duration.ZERO, List.of(), "status", log)::beat);
        s.run(Duration.ofMillis(899));
        assertEquals(List.of("0 on", "100 off", "200 on", "550 off", "650 on", "750 off", "850 on"), led.edges);
    }

    @Test
    void onlyAChangeOfTheAlertToShowWakesTheBeatingTask() {
        Alert mqttLost = new Alert("mqtt.lost", "mqtt.back", List.of(100, 100));
        Heartbeat beating = heartbeat(List.of(1000, 1000), Duration.ZERO, NET_DOWN, mqttLost);
        s.spawn("status", beating::beat);
        for (int i = 1; i <= 40; i++) {
            publishAt(i * 20, i % 2 == 0 ? "sensor.kitchen" : "net.probe"); // no alert's topic
        }
        publishAt(900, "net.up"); // an alert's topic, but the network was not down: nothing to show
        s.run(Duration.ofMillis(999));
        assertEquals(0, beating.wakeUps(), "asleep through every event until the step ends");

        publishAt(501, "net.down"); // at 1500
        s.run(Duration.ofMillis(550));
        assertEquals(2, beating.wakeUps(), "the step's end at 1000 and the switch at 1500");
        assertEquals(List.of("0 on", "1000 off", "1500 on"), led.edges);
    }

    @Test
    void aSwitchOfAlertIsPublishedAfterTheEventThatCausedIt() {
        List<String> seen = new ArrayList<>();
        s.spawn("status", heartbeat(List.of(1000, 1000), Duration.ZERO, NET_DOWN)::beat);
        s.run(Duration.ZERO);
        s.events().subscribe("*", e -> seen.add(s.clock().millis() + " " + e.topic() + " " + e.payload()));
        publishAt(100, "net.down");
        publishAt(300, "net.down"); // already shown: no switch
        publishAt(500, "net.up");
        s.run(Duration.ofMillis(999));
        assertEquals(List.of("100 net.down null", "100 heartbeat.status {alert=net.down, until=net.up}",
                "300 net.down null", "500 net.up null", "500 heartbeat.status {alert=null, until=null}"), seen);
    }

    @Test
    void beatsOnTheRealClockNeverEarly() {
        Scheduler real = Scheduler.create();
        List<long[]> edges = new ArrayList<>();
        LedOutput recording = on -> edges.add(new long[] {real.clock().millis(), on ? 1 : 0});
        real.spawn("status", new Heartbeat(recording, List.of(100, 100), Duration.ZERO, List.of())::beat);
        real.spawn("stop", sch -> {
            sch.sleep(1050);
            sch.shutdown();
        });
        real.runForever();
        // Ideally on at 0, 200, ... and off at 100, 300, ..., 1000, then off at shutdown; a loaded machine wakes late.
        assertTrue(edges.size() >= 6, () -> edges.size() + " edges");
        for (int i = 0; i < edges.size() - 1; i++) {
            long at = edges.get(i)[0];
            assertEquals(i % 2 == 0 ? 1 : 0, edges.get(i)[1], "edge " + i);
            assertTrue(at >= 100L * i, () -> "edge at " + at + " ms, early");
        }
        assertEquals(0, edges.getLast()[1], "left off");
    }

    @Test
    void edgesAreLoggedAtDebug() {
        s.spawn("status", heartbeat(List.of(100, 100), Duration.ZERO)::beat);
        s.run(Duration.ofMillis(100));
        assertEquals(List.of("DEBUG heartbeat 'status' on", "DEBUG heartbeat 'status' off"), log.lines());
    }

    @Test
    void libraryConstructorChecksLikeTheConfig() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Heartbeat(led,
                List.of(100, 100), Duration.ZERO, List.of(NET_DOWN, new Alert("a", "b", List.of(100)))));
        assertEquals("alerts[1].pattern: must have an even number of durations (on, off, on, off, ...), got 1: [100]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Heartbeat(led, List.of(100, 100), Duration.ofMillis(-5), List.of()));
        assertEquals("resetHold: must not be negative, got -5ms", e.getMessage());
    }
}
