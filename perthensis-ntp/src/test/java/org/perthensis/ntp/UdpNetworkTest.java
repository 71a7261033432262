package org.perthensis.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real exchanges with an in-process server on loopback, on the real clock: generous bounds. */
class UdpNetworkTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final FakeNtpServer server;

    UdpNetworkTest() throws Exception {
        server = new FakeNtpServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** The measured offset must be the truth give or take half the round trip, plus the timestamps' rounding. */
    private static void assertOffset(Duration expected, Sample sample) {
        Duration error = sample.offset().minus(expected).abs();
        Duration bound = sample.delay().dividedBy(2).plusMillis(1);
        assertTrue(error.compareTo(bound) <= 0, "offset " + sample.offset() + " is " + error + " off, more than " + bound);
    }

    @Test
    void serverAnHourAheadGivesAnOffsetOfAnHour() throws Exception {
        server.ahead(Duration.ofHours(1));
        Sample s = new UdpNetwork(InstantSource.system()).exchange(server.socketAddress(), TIMEOUT);
        assertOffset(Duration.ofHours(1), s);
        assertEquals(2, s.stratum());
        assertTrue(s.delay().compareTo(TIMEOUT) < 0, "delay " + s.delay());
    }

    @Test
    void deviceBootedIn1970ReadsTheServersTime() throws Exception {
        Duration behind = Duration.between(Instant.parse("1970-01-01T00:00:30Z"), Instant.now());
        InstantSource wrongClock = () -> Instant.now().minus(behind);
        Sample s = new UdpNetwork(wrongClock).exchange(server.socketAddress(), TIMEOUT);
        assertOffset(behind, s);
    }

    @Test
    void eachRequestCarriesAFreshRandomNonce() throws Exception {
        List<Long> nonces = new ArrayList<>();
        server.shape(reply -> {
            nonces.add(NtpPacket.decode(reply).origin());
            return reply;
        });
        UdpNetwork network = new UdpNetwork(InstantSource.system());
        network.exchange(server.socketAddress(), TIMEOUT);
        network.exchange(server.socketAddress(), TIMEOUT);
        assertEquals(2, nonces.size());
        assertNotEquals(nonces.get(0), nonces.get(1));
        for (long nonce : nonces) {
            Duration fromNow = Duration.between(Instant.now(), NtpPacket.toInstant(nonce)).abs();
            // A 64-bit random number lands within a day of now with odds of about 1 in 1.6 million.
            assertTrue(fromNow.compareTo(Duration.ofDays(1)) > 0, "the nonce looks like the time: " + fromNow);
        }
    }

    @Test
    void silentServerTimesOut() {
        server.shape(reply -> null);
        long start = System.nanoTime();
        assertThrows(SocketTimeoutException.class, () -> new UdpNetwork(InstantSource.system())
                .exchange(server.socketAddress(), Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - start >= 190_000_000L, "returned before the timeout");
    }
}
