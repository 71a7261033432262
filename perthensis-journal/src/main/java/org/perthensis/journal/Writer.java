package org.perthensis.journal;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Appends records to the newest segment through a buffer, so that the device sees a few large
 * sequential writes instead of one per record. Used under the journal's lock.
 */
final class Writer {
    static final int BUFFER_BYTES = 64 * 1024;

    final Segment segment;
    private final FileChannel channel;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final CRC32C crc = new CRC32C();
    private int buffered;

    private Writer(Segment segment, FileChannel channel) {
        this.segment = segment;
        this.channel = channel;
    }

    /** A new segment file with its header, forced together with its directory entry if {@code force}. */
    static Writer create(Path dir, long firstSeq, long baseTime, boolean force) throws IOException {
        Path path = dir.resolve(Segment.name(firstSeq));
        byte[] header = Format.header(firstSeq, baseTime);
        FileChannel ch = FileChannel.open(path, CREATE_NEW, WRITE);
        try {
            Io.writeFully(ch, ByteBuffer.wrap(header), 0);
            if (force) {
                ch.force(false);
                Io.forceDirectory(dir);
            }
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new Writer(new Segment(path, firstSeq, baseTime, Format.storedCrc(header, 24), header.length), ch);
    }

    /** Goes on appending to a segment found on opening, after its last good record. */
    static Writer resume(Segment s) throws IOException {
        return new Writer(s, FileChannel.open(s.path, WRITE));
    }

    /** Appends a record and returns how many bytes it takes. */
    int append(long seq, long time, byte[] payload) throws IOException {
        long seqOffset = seq - segment.firstSeq;
        long delta = time - segment.baseTime;
        int bytes = Format.recordBytes(payload.length, seqOffset, delta);
        if (bytes > buffer.length - buffered) {
            flush();
            if (bytes > buffer.length) {
                byte[] big = new byte[bytes];
                Format.encode(big, 0, seqOffset, delta, payload, segment.salt, crc);
                Io.writeFully(channel, ByteBuffer.wrap(big), segment.written);
                segment.written += bytes;
                segment.size += bytes;
                segment.lastSeq = seq;
                return bytes;
            }
        }
        Format.encode(buffer, buffered, seqOffset, delta, payload, segment.salt, crc);
        buffered += bytes;
        segment.size += bytes;
        segment.lastSeq = seq;
        return bytes;
    }

    /** Hands what is buffered to the operating system. */
    void flush() throws IOException {
        if (buffered == 0) {
            return;
        }
        Io.writeFully(channel, ByteBuffer.wrap(buffer, 0, buffered), segment.written);
        // Only now may the reader read these bytes: the file never shows it half a record.
        segment.written += buffered;
        buffered = 0;
    }

    FileChannel channel() {
        return channel;
    }

    void close() throws IOException {
        channel.close();
    }
}
