package org.perthensis.ntp;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The 48-byte NTP header (RFC 5905, section 7.3). Timestamps are 64-bit: seconds since
 * 1900-01-01 in the high 32 bits, a binary fraction of a second in the low 32.
 *
 * @param leap the leap indicator, 3 meaning "clock not synchronised"
 * @param version the version number
 * @param mode the association mode: 3 client, 4 server
 * @param stratum 0 for a kiss-o'-death, 1 for a primary server, 16 for unsynchronised
 * @param referenceId the reference identifier, which carries the kiss code at stratum 0
 * @param origin the origin timestamp: what the server read from the request's transmit field
 * @param receive when the server received the request
 * @param transmit when the server sent the reply
 */
record NtpPacket(int leap, int version, int mode, int stratum, int referenceId,
        long origin, long receive, long transmit) {

    static final int LENGTH = 48;
    static final int VERSION = 4;
    static final int MODE_CLIENT = 3;
    static final int MODE_SERVER = 4;

    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    private static final long EPOCH_OFFSET = 2_208_988_800L;
    private static final long ERA_SECONDS = 1L << 32;

    /**
     * A client request whose transmit timestamp is {@code nonce}: random bits rather than the
     * time, as chrony sends, so a reply must echo it in its origin field.
     */
    static byte[] request(long nonce) {
        return new NtpPacket(0, VERSION, MODE_CLIENT, 0, 0, 0, 0, nonce).encode();
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put((byte) (leap << 6 | version << 3 | mode));
        b.put((byte) stratum);
        b.position(12);
        b.putInt(referenceId);
        b.position(24);
        b.putLong(origin);
        b.putLong(receive);
        b.putLong(transmit);
        return b.array();
    }

    /** Reads the header of a datagram at least {@link #LENGTH} bytes long. */
    static NtpPacket decode(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        int first = b.get(0) & 0xff;
        return new NtpPacket(first >>> 6, first >>> 3 & 7, first & 7, b.get(1) & 0xff, b.getInt(12),
                b.getLong(24), b.getLong(32), b.getLong(40));
    }

    /** The kiss code of a stratum-0 reply: the reference identifier as four ASCII letters. */
    String kissCode() {
        byte[] raw = ByteBuffer.allocate(4).putInt(referenceId).array();
        StringBuilder code = new StringBuilder();
        for (byte c : raw) {
            if (c >= 0x21 && c <= 0x7e) {
                code.append((char) c);
            }
        }
        return code.isEmpty() ? "(none)" : code.toString();
    }

    /**
     * The instant an NTP timestamp stands for. As RFC 4330 suggests, a timestamp with the top
     * bit clear is taken to be in era 1 (from 2036-02-07), so a device whose own clock is years
     * off still reads the server's time right until 2104.
     */
    static Instant toInstant(long ntp) {
        long seconds = ntp >>> 32;
        if ((seconds & 0x8000_0000L) == 0) {
            seconds += ERA_SECONDS;
        }
        long nanos = ((ntp & 0xffff_ffffL) * 1_000_000_000L) >>> 32;
        return Instant.ofEpochSecond(seconds - EPOCH_OFFSET, nanos);
    }

    /** The NTP timestamp of an instant, rounded to the nearest fraction step; wraps at era boundaries. */
    static long fromInstant(Instant t) {
        long seconds = (t.getEpochSecond() + EPOCH_OFFSET) & 0xffff_ffffL;
        long fraction = (((long) t.getNano() << 32) + 500_000_000L) / 1_000_000_000L;
        return seconds << 32 | fraction;
    }
}
