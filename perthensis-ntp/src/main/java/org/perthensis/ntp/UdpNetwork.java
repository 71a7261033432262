package org.perthensis.ntp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/** SNTP over UDP: one fresh socket per request, a random nonce, every check RFC 4330 asks for. */
final class UdpNetwork implements NtpNetwork {
    private static final int RECEIVE_BUFFER = 1024;

    private final InstantSource systemClock;
    private final RandomGenerator random;

    /**
     * @param systemClock the clock whose offset is measured: the system's, or a wrong one in tests
     */
    UdpNetwork(InstantSource systemClock) {
        this.systemClock = systemClock;
        this.random = new SecureRandom(); // the nonce guards against forged replies, so it must not be guessable
    }

    @Override
    public InetSocketAddress resolve(Server server) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(server.host()), server.port());
    }

    @Override
    public Sample exchange(InetSocketAddress server, Duration timeout) throws IOException, BadAnswer {
        long nonce = nonce();
        byte[] request = NtpPacket.request(nonce);
        byte[] buffer = new byte[RECEIVE_BUFFER];
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        Instant sent;
        Instant received;
        // Unconnected, so that a reply from a foreign address is seen and reported rather than dropped by the kernel.
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE));
            sent = systemClock.instant();
            socket.send(new DatagramPacket(request, request.length, server));
            socket.receive(reply);
            received = systemClock.instant();
        }
        if (!server.equals(reply.getSocketAddress())) {
            throw new BadAnswer("came from " + text(reply.getSocketAddress()) + " instead of " + text(server));
        }
        return judge(Arrays.copyOf(buffer, reply.getLength()), nonce, sent, received);
    }

    /**
     * Checks a reply and computes offset and delay from the four timestamps (RFC 4330,
     * section 5): offset = ((t2 - t1) + (t3 - t4)) / 2, delay = (t4 - t1) - (t3 - t2).
     */
    static Sample judge(byte[] data, long nonce, Instant t1, Instant t4) throws BadAnswer {
        if (data.length < NtpPacket.LENGTH) {
            throw new BadAnswer("wrong length: " + data.length + " bytes, expected " + NtpPacket.LENGTH + " or more");
        }
        NtpPacket p = NtpPacket.decode(data);
        if (p.mode() != NtpPacket.MODE_SERVER) {
            throw new BadAnswer("wrong mode " + p.mode() + ", expected " + NtpPacket.MODE_SERVER + " (server)");
        }
        if (p.version() != NtpPacket.VERSION) {
            throw new BadAnswer("version " + p.version() + " does not match the request's version "
                    + NtpPacket.VERSION);
        }
        // Before the kiss code: a forged kiss-o'-death must not make us drop a server.
        if (p.origin() != nonce) {
            throw new BadAnswer("origin timestamp does not match the request: a stale or forged answer");
        }
        if (p.stratum() == 0) {
            throw BadAnswer.kissOfDeath(p.kissCode());
        }
        if (p.leap() == 3) {
            throw new BadAnswer("leap indicator 3: the server's clock is not synchronised");
        }
        if (p.stratum() >= 16) {
            throw new BadAnswer("stratum " + p.stratum() + ": the server's clock is not synchronised");
        }
        if (p.transmit() == 0) {
            throw new BadAnswer("zero transmit timestamp");
        }
        Instant t2 = NtpPacket.toInstant(p.receive());
        Instant t3 = NtpPacket.toInstant(p.transmit());
        Duration offset = Duration.between(t1, t2).plus(Duration.between(t4, t3)).dividedBy(2);
        Duration delay = Duration.between(t1, t4).minus(Duration.between(t2, t3));
        // A server's processing time can exceed our round trip only through timestamp rounding.
        return new Sample(offset, delay.isNegative() ? Duration.ZERO : delay, p.stratum());
    }

    private long nonce() {
        long n;
        do {
            n = random.nextLong();
        } while (n == 0); // zero means "no timestamp" on the wire
        return n;
    }

    private static String text(java.net.SocketAddress address) {
        return address instanceof InetSocketAddress a
                ? new Server(a.getAddress().getHostAddress(), a.getPort()).toString()
                : String.valueOf(address);
    }
}
