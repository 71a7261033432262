package org.perthensis.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The bytes on disk, and the checks that tell a good record from damage.
 *
 * <p>A segment starts with a 28-byte header: magic {@code PJNL}, format version (1 byte),
 * 3 zero bytes, the first sequence number (8 bytes), the base time in epoch milliseconds
 * (8 bytes) and a CRC32C of the 24 bytes before it. Numbers are little-endian. Records follow
 * back to back:
 *
 * <pre>
 * crc32c (4 bytes)  payload length (varint)  seq - first seq (varint)  zigzag(time - base time) (varint)  payload
 * </pre>
 *
 * <p>The CRC covers everything after itself and is XORed with the header's CRC, the segment's
 * salt: a record left in a block from an older file, which a file system may hand back after a
 * crash, does not check out in a new segment. Sequence numbers are stored, not implied, so that
 * after a damaged record the reader still knows which record it has found and how many it lost.
 */
final class Format {
    static final byte[] SEGMENT_MAGIC = {'P', 'J', 'N', 'L'};
    static final byte[] CHECKPOINT_MAGIC = {'P', 'J', 'C', 'K'};
    static final int VERSION = 1;
    static final int HEADER_BYTES = 28;
    static final int CHECKPOINT_BYTES = 20;
    /** CRC and three one-byte varints: the smallest record, an empty payload. */
    static final int MIN_RECORD_BYTES = 7;
    /** CRC and the three varints at their longest; a record never takes more than this beyond its payload. */
    static final int MAX_OVERHEAD = 4 + 5 + 10 + 10;

    /** {@link #parse} result: the record runs past the bytes available. */
    static final int NEED_MORE = -1;
    /** {@link #parse} result: what is there is not a good record. */
    static final int BAD = -2;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Format() {
    }

    /** A segment header. */
    static byte[] header(long firstSeq, long baseTime) {
        byte[] h = new byte[HEADER_BYTES];
        System.arraycopy(SEGMENT_MAGIC, 0, h, 0, 4);
        h[4] = VERSION;
        LONG.set(h, 8, firstSeq);
        LONG.set(h, 16, baseTime);
        INT.set(h, 24, crc(h, 0, 24));
        return h;
    }

    static long firstSeq(byte[] header) {
        return (long) LONG.get(header, 8);
    }

    static long baseTime(byte[] header) {
        return (long) LONG.get(header, 16);
    }

    /** The checksum stored in a header, which is also its segment's salt. */
    static int storedCrc(byte[] headerOrCheckpoint, int at) {
        return (int) INT.get(headerOrCheckpoint, at);
    }

    static int crc(byte[] b, int from, int length) {
        CRC32C c = new CRC32C();
        c.update(b, from, length);
        return (int) c.getValue();
    }

    static boolean startsWith(byte[] b, int length, byte[] magic) {
        for (int i = 0; i < Math.min(length, magic.length); i++) {
            if (b[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first bytes of a file, for a message: {@code 68 65 6c 6c}. */
    static String firstBytes(byte[] b, int length) {
        return HexFormat.ofDelimiter(" ").formatHex(b, 0, Math.min(4, length));
    }

    static byte[] checkpoint(long acknowledged) {
        byte[] c = new byte[CHECKPOINT_BYTES];
        System.arraycopy(CHECKPOINT_MAGIC, 0, c, 0, 4);
        c[4] = VERSION;
        LONG.set(c, 8, acknowledged);
        INT.set(c, 16, crc(c, 0, 16));
        return c;
    }

    static long acknowledged(byte[] checkpoint) {
        return (long) LONG.get(checkpoint, 8);
    }

    /** The exact size of a record. */
    static int recordBytes(int payloadLength, long seqOffset, long timeDelta) {
        return 4 + varintBytes(payloadLength) + varintBytes(seqOffset) + varintBytes(zigzag(timeDelta)) + payloadLength;
    }

    /** Writes a record at {@code at} and returns where it ends; {@code b} must have room for it. */
    static int encode(byte[] b, int at, long seqOffset, long timeDelta, byte[] payload, int salt, CRC32C crc) {
        int p = putVarint(b, at + 4, payload.length);
        p = putVarint(b, p, seqOffset);
        p = putVarint(b, p, zigzag(timeDelta));
        System.arraycopy(payload, 0, b, p, payload.length);
        p += payload.length;
        crc.reset();
        crc.update(b, at + 4, p - at - 4);
        INT.set(b, at, (int) crc.getValue() ^ salt);
        return p;
    }

    /** Where {@link #parse} puts what it found. */
    static final class Parsed {
        long seq;
        long time;
        int payloadAt;
        int payloadLength;
        private int at;
    }

    /**
     * Parses the record at {@code pos}, using the bytes up to {@code limit}: its end, or
     * {@link #NEED_MORE} when it would run past {@code limit}, or {@link #BAD}. A record is good
     * when its checksum matches and its sequence number lies in {@code [minSeq, maxSeq]}.
     */
    static int parse(byte[] b, int pos, int limit, Segment s, long minSeq, long maxSeq, CRC32C crc, Parsed out) {
        if (limit - pos < MIN_RECORD_BYTES) {
            return NEED_MORE;
        }
        out.at = pos + 4;
        long length = varint(b, limit, out);
        if (out.at < 0) {
            return out.at == NEED_MORE ? NEED_MORE : BAD;
        }
        long offset = varint(b, limit, out);
        if (out.at < 0) {
            return out.at == NEED_MORE ? NEED_MORE : BAD;
        }
        long seq = s.firstSeq + offset;
        if (offset < 0 || seq < minSeq || seq > maxSeq || length < 0 || length > Integer.MAX_VALUE) {
            return BAD;
        }
        long delta = unzigzag(varint(b, limit, out));
        if (out.at < 0) {
            return out.at == NEED_MORE ? NEED_MORE : BAD;
        }
        long end = out.at + length;
        if (end > limit) {
            return NEED_MORE;
        }
        crc.reset();
        crc.update(b, pos + 4, (int) end - pos - 4);
        if (((int) crc.getValue() ^ s.salt) != (int) INT.get(b, pos)) {
            return BAD;
        }
        out.seq = seq;
        out.time = s.baseTime + delta;
        out.payloadAt = out.at;
        out.payloadLength = (int) length;
        return (int) end;
    }

    /**
     * After damage at {@code bad}: the first position after it where a good record starts
     * that follows {@code lastGood}, or -1. A candidate's sequence number must be one that
     * fits in the bytes skipped, which keeps random bytes from passing for a record.
     */
    static int resync(byte[] b, int bad, int limit, Segment s, long lastGood, CRC32C crc, Parsed out) {
        for (int q = bad + 1; q <= limit - MIN_RECORD_BYTES; q++) {
            long most = lastGood + 1 + (q - bad) / MIN_RECORD_BYTES;
            if (parse(b, q, limit, s, lastGood + 1, most, crc, out) >= 0) {
                return q;
            }
        }
        return -1;
    }

    private static long varint(byte[] b, int limit, Parsed out) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (out.at >= limit) {
                out.at = NEED_MORE;
                return 0;
            }
            byte x = b[out.at++];
            v |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                return v;
            }
        }
        out.at = BAD;
        return 0;
    }

    private static int putVarint(byte[] b, int p, long v) {
        while ((v & ~0x7fL) != 0) {
            b[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    static int varintBytes(long v) {
        return v == 0 ? 1 : (63 - Long.numberOfLeadingZeros(v)) / 7 + 1;
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
