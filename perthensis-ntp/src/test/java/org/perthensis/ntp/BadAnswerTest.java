package org.perthensis.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.perthensis.ntp.FakeNtpServer.code;
import static org.perthensis.ntp.FakeNtpServer.edit;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;
import org.perthensis.testing.RecordingLogger;

/**
 * Every kind of bad answer from a real UDP server on loopback: it is rejected with the reason
 * in the log and the next server is asked. The exchange is real; the schedule runs on virtual
 * time, which stands still while a socket call blocks.
 */
class BadAnswerTest {
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final RecordingLogger log = new RecordingLogger(System.Logger.Level.INFO);
    private final NtpClock clock = new NtpClock(s.clock());
    private final List<String> synced = new ArrayList<>();
    private final FakeNtpServer bad;
    private final FakeNtpServer good;

    BadAnswerTest() throws Exception {
        bad = new FakeNtpServer();
        good = new FakeNtpServer();
        s.events().subscribe("ntp.synced", e -> synced.add(Durations.format(s.clock().elapsed()) + " " + e.get("server")));
    }

    @AfterEach
    void stopServers() throws Exception {
        bad.close();
        good.close();
    }

    private void syncOnceAgainst(String... servers) {
        NtpProvider.Config config = new NtpProvider.Config(List.of(servers), 1, null, null, null, null);
        s.spawn("ntp", new NtpTask(config, clock, new UdpNetwork(InstantSource.system()), offset -> { },
                NtpTask.SAMPLE_SPACING, log));
        s.run(Duration.ofMinutes(1));
    }

    static Stream<Arguments> badAnswers() {
        return Stream.of(
                Arguments.of("too short", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, 40),
                        "wrong length: 40 bytes, expected 48 or more"),
                Arguments.of("client mode", edit(p -> new NtpPacket(p.leap(), p.version(), 3, p.stratum(),
                        p.referenceId(), p.origin(), p.receive(), p.transmit())), "wrong mode 3, expected 4 (server)"),
                Arguments.of("version 3", edit(p -> new NtpPacket(p.leap(), 3, p.mode(), p.stratum(),
                        p.referenceId(), p.origin(), p.receive(), p.transmit())),
                        "version 3 does not match the request's version 4"),
                Arguments.of("kiss RATE", kiss("RATE"),
                        "kiss-o'-death RATE: asked to send less often; not asking it again for 1h"),
                Arguments.of("kiss DENY", kiss("DENY"),
                        "kiss-o'-death DENY: access denied; dropping this server for good"),
                Arguments.of("kiss RSTR", kiss("RSTR"),
                        "kiss-o'-death RSTR: access restricted; dropping this server for good"),
                Arguments.of("kiss INIT", kiss("INIT"), "kiss-o'-death INIT"),
                Arguments.of("unsynchronised", edit(p -> new NtpPacket(3, p.version(), p.mode(), p.stratum(),
                        p.referenceId(), p.origin(), p.receive(), p.transmit())),
                        "leap indicator 3: the server's clock is not synchronised"),
                Arguments.of("stratum 16", edit(p -> new NtpPacket(p.leap(), p.version(), p.mode(), 16,
                        p.referenceId(), p.origin(), p.receive(), p.transmit())),
                        "stratum 16: the server's clock is not synchronised"),
                Arguments.of("zero transmit time", edit(p -> new NtpPacket(p.leap(), p.version(), p.mode(),
                        p.stratum(), p.referenceId(), p.origin(), p.receive(), 0)), "zero transmit timestamp"),
                Arguments.of("origin mismatch", edit(p -> new NtpPacket(p.leap(), p.version(), p.mode(),
                        p.stratum(), p.referenceId(), p.origin() + 1, p.receive(), p.transmit())),
                        "origin timestamp does not match the request: a stale or forged answer"));
    }

    private static UnaryOperator<byte[]> kiss(String code) {
        return edit(p -> new NtpPacket(3, p.version(), p.mode(), 0, code(code), p.origin(), p.receive(), p.transmit()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAnswers")
    void badAnswerIsRejectedWithItsReasonAndTheNextServerAsked(String name, UnaryOperator<byte[]> breakIt,
            String reason) {
        bad.shape(breakIt);
        syncOnceAgainst(bad.address(), good.address());
        assertEquals("WARNING " + bad.address() + ": bad answer: " + reason, log.lines().getFirst());
        assertTrue(log.lines().get(1).startsWith("INFO synced with " + good.address() + " (stratum 2): offset "),
                log.lines()::toString);
        assertEquals(2, log.lines().size(), log.lines()::toString);
        assertEquals(List.of("0s " + good.address()), synced);
        assertEquals(1, bad.requests.get());
        assertEquals(1, good.requests.get());
    }

    @Test
    void answerFromAnotherAddressIsRejectedAndTheNextServerAsked() {
        bad.replyFromOtherSocket();
        syncOnceAgainst(bad.address(), good.address());
        assertEquals("WARNING " + bad.address() + ": bad answer: came from " + bad.otherAddress() + " instead of "
                + bad.address(), log.lines().getFirst());
        assertEquals(List.of("0s " + good.address()), synced);
    }

    @Test
    void forgedKissOfDeathDoesNotDropTheServer() {
        bad.shape(edit(p -> new NtpPacket(3, p.version(), p.mode(), 0, code("DENY"), p.origin() ^ 1, p.receive(),
                p.transmit())));
        syncOnceAgainst(bad.address(), good.address());
        assertEquals("WARNING " + bad.address()
                + ": bad answer: origin timestamp does not match the request: a stale or forged answer",
                log.lines().getFirst());
        s.run(Duration.ofHours(6));
        assertEquals(2, bad.requests.get(), "asked again at the refresh");
    }

    @Test
    void serverThatNeverAnswersTimesOutAndTheNextIsAsked() {
        bad.shape(b -> null);
        NtpProvider.Config config = new NtpProvider.Config(List.of(bad.address(), good.address()), 1,
                Duration.ofMillis(200), null, null, null);
        s.spawn("ntp", new NtpTask(config, clock, new UdpNetwork(InstantSource.system()), offset -> { },
                NtpTask.SAMPLE_SPACING, log));
        s.run(Duration.ofMinutes(1));
        assertEquals("WARNING " + bad.address() + ": no answer within 200ms", log.lines().getFirst());
        assertEquals(List.of("0s " + good.address()), synced);
    }
}
