package org.perthensis.journal;

import java.nio.file.Path;
import java.util.Locale;

/** One segment file: where it is, what its header says, and how far it is written. */
final class Segment {
    static final String SUFFIX = ".jnl";

    final Path path;
    final long firstSeq;
    final long baseTime;
    /** The header's checksum, mixed into every record's checksum. */
    final int salt;
    /** Bytes in the file, handed to the operating system; the reader reads up to here. */
    volatile long written;
    /** Bytes including those still buffered; guarded by the journal's lock. */
    long size;
    /** The last sequence number in it; guarded by the journal's lock. */
    long lastSeq;

    Segment(Path path, long firstSeq, long baseTime, int salt, long size) {
        this.path = path;
        this.firstSeq = firstSeq;
        this.baseTime = baseTime;
        this.salt = salt;
        this.written = size;
        this.size = size;
        this.lastSeq = firstSeq - 1;
    }

    /** The file name for a segment whose first record is {@code firstSeq}: sorted by name is sorted by sequence. */
    static String name(long firstSeq) {
        return String.format(Locale.ROOT, "%020d", firstSeq) + SUFFIX;
    }

    /** The first sequence number a file name stands for, or -1 if it is not a segment's name. */
    static long seqOf(String fileName) {
        if (fileName.length() != 20 + SUFFIX.length() || !fileName.endsWith(SUFFIX)) {
            return -1;
        }
        for (int i = 0; i < 20; i++) {
            if (fileName.charAt(i) < '0' || fileName.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(fileName, 0, 20, 10);
        } catch (NumberFormatException tooLarge) {
            return -1;
        }
    }

    String fileName() {
        return path.getFileName().toString();
    }

    @Override
    public String toString() {
        return fileName();
    }
}
