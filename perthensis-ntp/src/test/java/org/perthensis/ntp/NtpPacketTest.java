package org.perthensis.ntp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NtpPacketTest {

    @Test
    void requestIsVersion4ClientModeCarryingOnlyTheNonce() {
        byte[] request = NtpPacket.request(0x0123_4567_89ab_cdefL);
        assertEquals(48, request.length);
        assertEquals(0b00_100_011, request[0]); // leap 0, version 4, mode 3
        NtpPacket p = NtpPacket.decode(request);
        assertEquals(new NtpPacket(0, 4, 3, 0, 0, 0, 0, 0x0123_4567_89ab_cdefL), p);
    }

    @Test
    void timestampsCountSecondsFrom1900WithABinaryFraction() {
        Instant unixEpoch = Instant.EPOCH.plusMillis(500);
        assertEquals(2_208_988_800L << 32 | 0x8000_0000L, NtpPacket.fromInstant(unixEpoch));
        assertEquals(unixEpoch, NtpPacket.toInstant(NtpPacket.fromInstant(unixEpoch)));
    }

    @Test
    void timestampsAfter2036AreReadInTheNextEra() {
        Instant later = Instant.parse("2040-06-01T00:00:00.25Z");
        long ntp = NtpPacket.fromInstant(later);
        assertEquals(0, ntp >>> 63, "the top bit is clear after 2036-02-07");
        assertEquals(later, NtpPacket.toInstant(ntp));
        Instant now = Instant.parse("2026-05-01T12:00:00.125Z");
        assertEquals(now, NtpPacket.toInstant(NtpPacket.fromInstant(now)));
    }

    @Test
    void timestampsAreExactToAFewNanoseconds() {
        Instant t = Instant.parse("2026-05-01T12:00:00.123456789Z");
        Duration error = Duration.between(t, NtpPacket.toInstant(NtpPacket.fromInstant(t))).abs();
        assertEquals(-1, error.compareTo(Duration.ofNanos(2)), "error " + error);
    }

    @Test
    void kissCodeIsTheReferenceIdentifierInAscii() {
        NtpPacket kiss = new NtpPacket(3, 4, 4, 0, FakeNtpServer.code("RATE"), 1, 0, 0);
        assertEquals("RATE", kiss.kissCode());
        assertEquals("(none)", new NtpPacket(3, 4, 4, 0, 0, 1, 0, 0).kissCode());
        assertArrayEquals(kiss.encode(), NtpPacket.decode(kiss.encode()).encode());
    }

    @Test
    void offsetAndDelayComeFromTheFourTimestamps() throws BadAnswer {
        Instant t1 = Instant.parse("2026-05-01T12:00:00Z");
        Instant t2 = t1.plusMillis(5_500);   // server receives; its clock is about 5.4 s ahead
        Instant t3 = t1.plusMillis(5_625);   // server sends, 125 ms later
        Instant t4 = t1.plusMillis(250);     // the reply arrives
        byte[] reply = new NtpPacket(0, 4, 4, 2, 0, 42, NtpPacket.fromInstant(t2), NtpPacket.fromInstant(t3)).encode();
        Sample s = UdpNetwork.judge(reply, 42, t1, t4);
        assertEquals(new Sample(Duration.ofMillis(5_437).plusNanos(500_000), Duration.ofMillis(125), 2), s);
    }

    @Test
    void deviceClockYearsBehindStillGetsTheRightOffset() throws BadAnswer {
        Instant t1 = Instant.parse("1970-01-01T00:01:00Z");
        Instant server = Instant.parse("2026-05-01T12:00:00Z");
        byte[] reply = new NtpPacket(0, 4, 4, 2, 0, 7, NtpPacket.fromInstant(server),
                NtpPacket.fromInstant(server)).encode();
        Sample s = UdpNetwork.judge(reply, 7, t1, t1);
        assertEquals(Duration.between(t1, server), s.offset());
        assertEquals(Duration.ZERO, s.delay());
    }

    @Test
    void replyWithoutTheNonceIsRejected() {
        byte[] reply = new NtpPacket(0, 4, 4, 2, 0, 8, 1, 1).encode();
        BadAnswer e = assertThrows(BadAnswer.class, () -> UdpNetwork.judge(reply, 7, Instant.EPOCH, Instant.EPOCH));
        assertEquals("origin timestamp does not match the request: a stale or forged answer", e.getMessage());
    }
}
