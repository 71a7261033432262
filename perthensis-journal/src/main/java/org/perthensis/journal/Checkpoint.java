package org.perthensis.journal;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The acknowledged position, in a 20-byte file: magic {@code PJCK}, format version (1 byte),
 * 3 zero bytes, the acknowledged sequence number (8 bytes, little-endian) and a CRC32C of the
 * 16 bytes before it.
 *
 * <p>It is never rewritten in place: a new file is written, forced, renamed over the old one,
 * and the directory forced, so that a power cut leaves either the old or the new position.
 */
final class Checkpoint {
    static final String NAME = "checkpoint";
    static final String TEMP = "checkpoint.tmp";

    private Checkpoint() {
    }

    /**
     * What a checkpoint file says.
     *
     * @param acknowledged the acknowledged sequence number; 0 when the file is missing or damaged
     * @param problem what is wrong with the file, or {@code null}
     */
    record Read(long acknowledged, String problem) {
    }

    static Read read(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Read(0, null);
        }
        if (b.length != Format.CHECKPOINT_BYTES) {
            return new Read(0, "damaged (" + b.length + " bytes, " + Format.CHECKPOINT_BYTES + " expected)");
        }
        if (!Format.startsWith(b, b.length, Format.CHECKPOINT_MAGIC)) {
            return new Read(0, "damaged (it starts with " + Format.firstBytes(b, b.length)
                    + ", a checkpoint starts with 50 4a 43 4b)");
        }
        if (Format.crc(b, 0, 16) != Format.storedCrc(b, 16)) {
            return new Read(0, "damaged (checksum mismatch)");
        }
        if (b[4] != Format.VERSION) {
            throw new FileSystemException(file.toString(), null, "journal format version " + b[4]
                    + "; this build reads version " + Format.VERSION + ": open it with a newer Perthensis, or move the directory away");
        }
        long acknowledged = Format.acknowledged(b);
        if (acknowledged < 0) {
            return new Read(0, "damaged (acknowledged sequence number " + acknowledged + ")");
        }
        return new Read(acknowledged, null);
    }

    /** Replaces the checkpoint; with {@code force}, durably. */
    static void write(Path dir, long acknowledged, boolean force) throws IOException {
        Path temp = dir.resolve(TEMP);
        try (FileChannel ch = FileChannel.open(temp, CREATE, TRUNCATE_EXISTING, WRITE)) {
            Io.writeFully(ch, ByteBuffer.wrap(Format.checkpoint(acknowledged)), 0);
            if (force) {
                ch.force(false);
            }
        }
        Files.move(temp, dir.resolve(NAME), ATOMIC_MOVE, REPLACE_EXISTING);
        if (force) {
            Io.forceDirectory(dir);
        }
    }
}
