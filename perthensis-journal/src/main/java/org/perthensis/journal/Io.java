package org.perthensis.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** File operations the journal does in more than one place. */
final class Io {
    private Io() {
    }

    static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) {
            position += ch.write(b, position);
        }
    }

    /** Reads {@code [from, to)} of the file into {@code into} at the same offsets. */
    static void readFully(FileChannel ch, byte[] into, int from, int to) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(into, from, to - from);
        while (b.hasRemaining()) {
            if (ch.read(b, b.position()) < 0) {
                throw new IOException("unexpected end of file at " + b.position() + " of " + to + " bytes");
            }
        }
    }

    /** Forces a file that no open channel of ours may still hold; fsync flushes the file, whichever descriptor wrote it. */
    static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(false);
        }
    }

    /**
     * Forces a directory, so that a file created, renamed or deleted in it stays so after a
     * power cut. Some platforms cannot open a directory; there, this does nothing and the
     * entry is as durable as the platform makes it.
     */
    static void forceDirectory(Path dir) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException cannotOpenADirectory) {
            return;
        }
        try (ch) {
            ch.force(true);
        }
    }
}
