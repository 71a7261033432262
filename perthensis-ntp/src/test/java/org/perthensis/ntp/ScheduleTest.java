package org.perthensis.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.perthensis.ntp.FakeNetwork.NO_ANSWER;
import static org.perthensis.ntp.FakeNetwork.sample;

import java.io.IOException;
import java.net.NoRouteToHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskHandle;
import org.perthensis.testing.RecordingLogger;

/** The sync schedule under virtual time, with scripted servers: exact times, no sockets. */
class ScheduleTest {
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final RecordingLogger log = new RecordingLogger(System.Logger.Level.INFO);
    private final FakeNetwork net = new FakeNetwork(s);
    private final NtpClock clock = new NtpClock(s.clock());
    private final List<String> events = new ArrayList<>();
    private final List<Duration> stepped = new ArrayList<>();
    private SystemClockSetter setter = stepped::add;

    @BeforeEach
    void recordEvents() {
        s.events().subscribe("ntp.*", e -> events.add(Durations.format(s.clock().elapsed()) + " " + e.topic()
                + " " + e.payload()));
    }

    private NtpTask task(int samples, Boolean setSystemClock, String... servers) {
        NtpProvider.Config config = new NtpProvider.Config(List.of(servers), samples, null, null, null, setSystemClock);
        return new NtpTask(config, clock, net, offset -> setter.step(offset), NtpTask.SAMPLE_SPACING, log);
    }

    private TaskHandle start(String... servers) {
        return s.spawn("ntp", task(1, null, servers));
    }

    private void netUpAt(Duration when) {
        s.after(when, sch -> sch.events().publish("net.up", Map.of("probe", "tcp://192.0.2.1:53")));
    }

    @Test
    void retriesEvery30MinutesUntilTheTimeIsKnownThenRefreshesEvery6Hours() {
        net.script("a", NO_ANSWER, NO_ANSWER, sample(5, 10));
        start("a");
        s.run(Duration.ofHours(13).plusSeconds(1));
        assertEquals(List.of("0s a", "30min a", "1h a", "7h a", "13h a"), net.calls);
        assertEquals(List.of(
                "0s ntp.failed {reason=a:123: no answer within 2s}",
                "30min ntp.failed {reason=a:123: no answer within 2s}",
                "1h ntp.synced {server=a:123, offset=5.0, delay=10.0, stratum=2}",
                "7h ntp.synced {server=a:123, offset=5.0, delay=10.0, stratum=2}",
                "13h ntp.synced {server=a:123, offset=5.0, delay=10.0, stratum=2}"), events);
        assertEquals(List.of(
                "WARNING a:123: no answer within 2s",
                "WARNING sync failed: a:123: no answer within 2s; the time is not known yet, next try in 30min",
                "WARNING a:123: no answer within 2s",
                "WARNING sync failed: a:123: no answer within 2s; the time is not known yet, next try in 30min",
                "INFO synced with a:123 (stratum 2): offset +5ms, delay 10ms; next sync in 6h",
                "INFO synced with a:123 (stratum 2): offset +5ms, delay 10ms; next sync in 6h",
                "INFO synced with a:123 (stratum 2): offset +5ms, delay 10ms; next sync in 6h"), log.lines());
        assertTrue(clock.hasTime());
    }

    @Test
    void failedRefreshKeepsTheTimeAndWaitsTheRefreshInterval() {
        net.script("a", sample(5, 10), NO_ANSWER);
        start("a");
        s.run(Duration.ofHours(12).plusMinutes(1));
        assertEquals(List.of("0s a", "6h a", "12h a"), net.calls);
        assertEquals("WARNING sync failed: a:123: no answer within 2s; keeping the corrected time, next try in 6h",
                log.lines().get(2));
        assertTrue(clock.hasTime());
    }

    @Test
    void configuredIntervalsAreUsed() {
        net.script("a", NO_ANSWER, sample(5, 10));
        NtpProvider.Config config = new NtpProvider.Config(List.of("a"), 1, null, Duration.ofMinutes(5),
                Duration.ofHours(1), null);
        s.spawn("ntp", new NtpTask(config, clock, net, stepped::add, NtpTask.SAMPLE_SPACING, log));
        s.run(Duration.ofMinutes(126));
        assertEquals(List.of("0s a", "5min a", "1h5min a", "2h5min a"), net.calls);
    }

    @Test
    void netUpWhileTheTimeIsNotKnownSyncsAtOnce() {
        net.script("a", NO_ANSWER, sample(5, 10));
        start("a");
        netUpAt(Duration.ofMinutes(10));
        s.run(Duration.ofHours(7));
        assertEquals(List.of("0s a", "10min a", "6h10min a"), net.calls);
        assertTrue(log.lines().contains(
                "INFO the network is up (net.up) and the time is not known yet: syncing now"), log.lines()::toString);
    }

    @Test
    void netUpOnceTheTimeIsKnownChangesNothing() {
        net.script("a", sample(5, 10));
        start("a");
        netUpAt(Duration.ofMinutes(10));
        s.run(Duration.ofHours(7));
        assertEquals(List.of("0s a", "6h a"), net.calls);
    }

    @Test
    void netUpFromBeforeTheTaskStartedDoesNotTriggerASync() {
        s.events().publish("net.up", Map.of("probe", "tcp://192.0.2.1:53"));
        net.script("a", NO_ANSWER, sample(5, 10));
        start("a");
        s.run(Duration.ofMinutes(40));
        assertEquals(List.of("0s a", "30min a"), net.calls);
    }

    @Test
    void netUpDuringAFailingSyncStartsAnotherRightAfterIt() {
        net.script("a", NO_ANSWER, NO_ANSWER, NO_ANSWER, sample(5, 10));
        s.spawn("ntp", task(3, null, "a"));
        netUpAt(Duration.ofSeconds(1));
        s.run(Duration.ofHours(6).plusSeconds(5));
        assertEquals(List.of("0s a", "2s a", "4s a", "4s a", "6s a", "8s a", "6h4s a"), net.calls);
        assertEquals(List.of(
                "4s ntp.failed {reason=a:123: no answer within 2s (3 requests)}",
                "8s ntp.synced {server=a:123, offset=5.0, delay=10.0, stratum=2}"), events.subList(0, 2));
    }

    @Test
    void samplesAreTwoSecondsApartAndTheOneWithTheLowestDelayCounts() {
        net.script("a", sample(1, 30), sample(2, 10), NO_ANSWER, sample(4, 40));
        s.spawn("ntp", task(4, null, "a"));
        s.run(Duration.ofMinutes(1));
        assertEquals(List.of("0s a", "2s a", "4s a", "6s a"), net.calls);
        assertEquals(List.of("6s ntp.synced {server=a:123, offset=2.0, delay=10.0, stratum=2}"), events);
        assertEquals(Duration.ofMillis(2), clock.lastSync().orElseThrow().offset());
    }

    @Test
    void eachServerIsTriedInOrderAndTheFailureNamesEveryOne() {
        net.script("b", new NoRouteToHostException("No route to host"));
        net.script("c", NO_ANSWER, sample(-7, 3));
        start("a.invalid", "b:1234", "c");
        s.run(Duration.ofMinutes(31));
        assertEquals(List.of("0s b", "0s c", "30min b", "30min c"), net.calls);
        String reason = "a.invalid:123: unknown host; b:1234: cannot ask: No route to host; c:123: no answer within 2s";
        assertEquals(List.of("0s ntp.failed {reason=" + reason + "}",
                "30min ntp.synced {server=c:123, offset=-7.0, delay=3.0, stratum=2}"), events);
        assertEquals(List.of(
                "WARNING a.invalid:123: unknown host",
                "WARNING b:1234: cannot ask: No route to host",
                "WARNING c:123: no answer within 2s",
                "WARNING sync failed: " + reason + "; the time is not known yet, next try in 30min",
                "WARNING a.invalid:123: unknown host",
                "WARNING b:1234: cannot ask: No route to host",
                "INFO synced with c:123 (stratum 2): offset -7ms, delay 3ms; next sync in 6h"), log.lines());
    }

    @Test
    void rateKissOfDeathRestsTheServerForAnHourThenTwoHours() {
        net.script("a", BadAnswer.kissOfDeath("RATE"));
        start("a", "b");
        s.run(Duration.ofMinutes(151));
        assertEquals(List.of("0s a", "0s b", "30min b", "1h a", "1h b", "1h30min b", "2h b", "2h30min b"), net.calls);
        assertEquals("WARNING a:123: bad answer: kiss-o'-death RATE: asked to send less often;"
                + " not asking it again for 1h", log.lines().get(0));
        assertTrue(events.contains("30min ntp.failed {reason=a:123: resting for another 30min after a kiss-o'-death"
                + " RATE; b:123: no answer within 2s}"), events::toString);
        assertTrue(log.lines().contains("WARNING a:123: bad answer: kiss-o'-death RATE: asked to send less often;"
                + " not asking it again for 2h"), log.lines()::toString);
    }

    @Test
    void successiveRateAnswersRestTheServerTwiceAsLongEachTimeButNeverMoreThanADay() {
        net.script("a", BadAnswer.kissOfDeath("RATE"));
        start("a", "b");
        s.run(Duration.ofHours(79).plusMinutes(1));
        assertEquals(List.of("0s a", "1h a", "3h a", "7h a", "15h a", "1d7h a", "2d7h a", "3d7h a"),
                net.calls.stream().filter(call -> call.endsWith(" a")).toList());
        String rests = "WARNING a:123: bad answer: kiss-o'-death RATE: asked to send less often; not asking it again for ";
        assertEquals(List.of("1h", "2h", "4h", "8h", "16h", "1d", "1d", "1d"), log.lines().stream()
                .filter(l -> l.startsWith(rests)).map(l -> l.substring(rests.length())).toList());
    }

    @Test
    void goodAnswerEndsTheRateBackOff() {
        net.script("a", BadAnswer.kissOfDeath("RATE"), sample(1, 1), BadAnswer.kissOfDeath("RATE"));
        start("a", "b");
        s.run(Duration.ofHours(8));
        // 0s RATE (rest 1h); 1h good; 7h RATE again, rests 1h rather than 2h
        assertEquals(List.of("0s a", "0s b", "30min b", "1h a", "7h a", "7h b"), net.calls);
        assertEquals("WARNING a:123: bad answer: kiss-o'-death RATE: asked to send less often;"
                + " not asking it again for 1h", log.lines().get(log.lines().size() - 3));
    }

    @Test
    void denyKissOfDeathDropsTheServerForGood() {
        net.script("a", BadAnswer.kissOfDeath("DENY"));
        net.script("b", sample(5, 10));
        start("a", "b");
        s.run(Duration.ofHours(12).plusMinutes(1));
        assertEquals(List.of("0s a", "0s b", "6h b", "12h b"), net.calls);
        assertEquals("WARNING a:123: bad answer: kiss-o'-death DENY: access denied; dropping this server for good",
                log.lines().get(0));
    }

    @Test
    void whenEveryServerRefusesServiceTheTaskStops() {
        net.script("a", BadAnswer.kissOfDeath("RSTR"));
        net.script("b", BadAnswer.kissOfDeath("DENY"));
        TaskHandle handle = start("a", "b");
        s.run(Duration.ofHours(12).plusMinutes(1));
        assertEquals(List.of("0s a", "0s b"), net.calls);
        assertEquals(TaskHandle.State.SUCCESS, handle.state());
        String reason = "a:123: bad answer: kiss-o'-death RSTR: access restricted; dropping this server for good;"
                + " b:123: bad answer: kiss-o'-death DENY: access denied; dropping this server for good;"
                + " no server left to ask";
        assertEquals(List.of("0s ntp.failed {reason=" + reason + "}"), events);
        assertEquals("ERROR sync failed: " + reason + ". Every server refused service (kiss-o'-death DENY or RSTR),"
                + " so the ntp task stops; configure other servers", log.lines().get(2));
    }

    @Test
    void restartedTaskKeepsTheClockAndTheServersVerdicts() {
        net.script("a", BadAnswer.kissOfDeath("DENY"));
        net.script("b", sample(5, 10));
        NtpTask task = task(1, null, "a", "b");
        TaskHandle first = s.spawn("ntp", task);
        s.run(Duration.ofMinutes(1));
        first.cancel();
        s.run(Duration.ofMinutes(1));
        assertTrue(first.isDone());
        s.spawn("ntp", task);
        s.run(Duration.ofMinutes(1));
        assertEquals(List.of("0s a", "0s b", "2min b"), net.calls);
        assertTrue(clock.hasTime());
    }

    @Test
    void setSystemClockStepsItOnlyWhenOffByMoreThan128Milliseconds() {
        net.script("a", sample(128, 10), sample(-129, 10));
        s.spawn("ntp", task(1, true, "a"));
        s.run(Duration.ofHours(6).plusMinutes(1));
        assertEquals(List.of(Duration.ofMillis(-129)), stepped);
        assertEquals("INFO stepped the system clock by -129ms", log.lines().getLast());
    }

    @Test
    void systemClockIsLeftAloneUnlessConfigured() {
        net.script("a", sample(3_600_000, 10));
        s.spawn("ntp", task(1, null, "a"));
        s.run(Duration.ofHours(6).plusMinutes(1));
        assertEquals(List.of(), stepped);
    }

    @Test
    void failureToSetTheSystemClockIsReportedAndTheTimeStillKept() {
        setter = offset -> {
            throw new IOException("date: cannot set date: Operation not permitted");
        };
        net.script("a", sample(3_600_000, 10));
        s.spawn("ntp", task(1, true, "a"));
        s.run(Duration.ofMinutes(1));
        assertEquals(List.of(
                "INFO synced with a:123 (stratum 2): offset +1h, delay 10ms; next sync in 6h",
                "WARNING could not set the system clock (setSystemClock needs root or the CAP_SYS_TIME capability):"
                        + " date: cannot set date: Operation not permitted"), log.lines());
        assertTrue(clock.hasTime());
        assertEquals(s.clock().wallTime().plus(Duration.ofHours(1)), clock.now());
    }

    @Test
    void wallClockHasNoTimeUntilTheFirstSync() {
        net.script("a", NO_ANSWER, sample(5, 10));
        start("a");
        s.run(Duration.ofMinutes(29));
        assertFalse(clock.hasTime());
        assertEquals(s.clock().wallTime(), clock.now());
        s.run(Duration.ofMinutes(2));
        assertTrue(clock.hasTime());
        assertEquals(s.clock().wallTime().plusMillis(5), clock.now());
    }
}
