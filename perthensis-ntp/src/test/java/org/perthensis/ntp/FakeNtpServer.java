package org.perthensis.ntp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An NTP server on loopback, in-process, whose replies a test shapes: a good reply (stratum 2,
 * the system time plus {@link #ahead}) goes through {@link #shape} first, which may break it.
 */
final class FakeNtpServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final DatagramSocket otherSocket;
    private final Thread thread;
    private volatile UnaryOperator<byte[]> shape = UnaryOperator.identity();
    private volatile boolean replyFromOtherSocket;
    private volatile Duration ahead = Duration.ZERO;
    final AtomicInteger requests = new AtomicInteger();

    FakeNtpServer() throws SocketException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
        otherSocket = new DatagramSocket(new InetSocketAddress(loopback, 0));
        thread = Thread.ofPlatform().daemon().name("fake-ntp-" + socket.getLocalPort()).start(this::serve);
    }

    /** Changes each good reply before it is sent; returning {@code null} sends nothing. */
    FakeNtpServer shape(UnaryOperator<byte[]> shape) {
        this.shape = shape;
        return this;
    }

    /** Sends the replies from another port, as a forger would. */
    FakeNtpServer replyFromOtherSocket() {
        replyFromOtherSocket = true;
        return this;
    }

    /** Makes the server's clock run ahead of the system clock. */
    FakeNtpServer ahead(Duration by) {
        ahead = by;
        return this;
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    String otherAddress() {
        return "127.0.0.1:" + otherSocket.getLocalPort();
    }

    InetSocketAddress socketAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                socket.receive(in);
                Instant received = Instant.now().plus(ahead);
                requests.incrementAndGet();
                NtpPacket request = NtpPacket.decode(Arrays.copyOf(in.getData(), in.getLength()));
                byte[] reply = shape.apply(goodReply(request, received, Instant.now().plus(ahead)));
                if (reply != null) {
                    (replyFromOtherSocket ? otherSocket : socket).send(
                            new DatagramPacket(reply, reply.length, in.getSocketAddress()));
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    static byte[] goodReply(NtpPacket request, Instant received, Instant sent) {
        return new NtpPacket(0, NtpPacket.VERSION, NtpPacket.MODE_SERVER, 2, code("GPS"), request.transmit(),
                NtpPacket.fromInstant(received), NtpPacket.fromInstant(sent)).encode();
    }

    /** A reference identifier or kiss code: up to four ASCII letters. */
    static int code(String letters) {
        return ByteBuffer.wrap(Arrays.copyOf(letters.getBytes(StandardCharsets.US_ASCII), 4)).getInt();
    }

    /** Rewrites fields of a good reply. */
    static UnaryOperator<byte[]> edit(UnaryOperator<NtpPacket> change) {
        return bytes -> change.apply(NtpPacket.decode(bytes)).encode();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        otherSocket.close();
        thread.join(5_000);
    }
}
