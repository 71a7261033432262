package org.perthensis.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * Payloads that carry their own sequence number and checksum, 20 to 99 bytes long, so that a
 * record read back can be checked on its own: a damaged or misnumbered one cannot pass.
 */
final class Payloads {
    private Payloads() {
    }

    static byte[] of(long seq) {
        int length = 20 + (int) Math.floorMod(seq * 7919, 80);
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(seq);
        for (int i = 8; i < length - 4; i++) {
            b.put((byte) (seq * 31 + i * 17));
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, length - 4);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** Fails unless {@code e} is intact and is the record appended as number {@code e.seq()}. */
    static void check(Entry e, String context) {
        check(e, () -> context);
    }

    static void check(Entry e, Supplier<String> context) {
        assertArrayEquals(of(e.seq()), e.payload(), () -> context.get() + ": payload of " + e + " is not the one appended");
    }
}
