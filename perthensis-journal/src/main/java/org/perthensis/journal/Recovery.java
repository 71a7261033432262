package org.perthensis.journal;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * What opening finds in the directory, and the repairs it makes: a torn tail of the newest
 * segment is cut off, a segment whose header is missing or damaged is removed, and each is
 * counted and logged. Only the newest segment is read whole; damage inside older ones is found,
 * counted and logged by the reader when it gets there, so that opening stays fast.
 */
final class Recovery {

    /**
     * What was found.
     *
     * @param segments the segments kept, oldest first; the newest one's end is its last good record
     * @param acknowledged the checkpointed position
     * @param nextSeq the sequence number the next record gets
     * @param gaps the lost sequence numbers already counted
     */
    record Found(List<Segment> segments, long acknowledged, long nextSeq, Gaps gaps) {
    }

    private final Path dir;
    private final Losses losses;
    private final boolean force;
    private final Gaps gaps = new Gaps();

    private Recovery(Path dir, Losses losses, boolean force) {
        this.dir = dir;
        this.losses = losses;
        this.force = force;
    }

    /** Reads and repairs the journal in {@code dir}; with {@code force}, repairs are forced to the device. */
    static Found recover(Path dir, Losses losses, boolean force) throws IOException {
        return new Recovery(dir, losses, force).recover();
    }

    private Found recover() throws IOException {
        // A checkpoint.tmp is one that a power cut caught before its rename: the old one stands.
        Files.deleteIfExists(dir.resolve(Checkpoint.TEMP));
        Checkpoint.Read checkpoint = Checkpoint.read(dir);
        if (checkpoint.problem() != null) {
            losses.warn(Checkpoint.NAME + ": " + checkpoint.problem() + "; every kept record will be delivered again");
        }
        long acknowledged = checkpoint.acknowledged();

        // Every header is checked before anything is removed: a refused directory is left as it was.
        TreeMap<Long, Path> files = segmentFiles();
        List<Long> seqs = new ArrayList<>(files.keySet());
        List<Segment> checked = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int newest = -1;
        for (long seq : seqs) {
            Segment s = check(files.get(seq), seq, problems);
            checked.add(s);
            if (s != null) {
                newest = checked.size() - 1;
            }
        }
        List<Segment> kept = new ArrayList<>();
        for (int i = 0; i < seqs.size(); i++) {
            if (checked.get(i) != null) {
                kept.add(checked.get(i));
                continue;
            }
            Path file = files.get(seqs.get(i));
            String what = file.getFileName() + ": " + problems.get(i) + ", removed";
            if (i > newest) {
                losses.torn();
                losses.warn(what + " (a power cut while it was being written?)");
            } else {
                long lost = gaps.count(Math.max(seqs.get(i), acknowledged + 1), seqs.get(i + 1) - 1);
                losses.corrupt(lost);
                losses.warn(what + "; " + records(lost) + " lost");
            }
            Files.delete(file);
        }
        for (int i = 0; i + 1 < kept.size(); i++) {
            kept.get(i).lastSeq = kept.get(i + 1).firstSeq - 1;
        }
        long nextSeq = Math.max(acknowledged + 1, seqs.isEmpty() ? 0 : seqs.getLast());
        if (!kept.isEmpty()) {
            Segment last = kept.getLast();
            scanNewest(last);
            nextSeq = Math.max(nextSeq, last.lastSeq + 1);
            // Lost at the end, with the torn tail or a removed newest segment: counted as a cut, not again by the reader.
            gaps.count(last.lastSeq + 1, nextSeq - 1);
        }
        return new Found(kept, acknowledged, nextSeq, gaps);
    }

    private TreeMap<Long, Path> segmentFiles() throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir)) {
            for (Path p : all) {
                long seq = Segment.seqOf(p.getFileName().toString());
                if (seq >= 0 && Files.isRegularFile(p)) {
                    files.put(seq, p);
                }
            }
        }
        return files;
    }

    /**
     * Checks a segment's header: the segment, or {@code null} with the problem added to
     * {@code problems} when it is to be removed. A foreign file, or a newer format, is refused:
     * the journal does not touch what is not its own.
     */
    private Segment check(Path file, long nameSeq, List<String> problems) throws IOException {
        byte[] h = new byte[Format.HEADER_BYTES];
        long size;
        int got;
        try (FileChannel ch = FileChannel.open(file, READ)) {
            size = ch.size();
            got = (int) Math.min(size, h.length);
            Io.readFully(ch, h, 0, got);
        }
        String problem = null;
        if (got == 0) {
            problem = "empty";
        } else if (!Format.startsWith(h, got, Format.SEGMENT_MAGIC)) {
            // Zeros are what some file systems show for blocks a power cut kept from being written.
            if (!Format.startsWith(h, got, new byte[4])) {
                throw new FileSystemException(file.toString(), null, "not a journal segment: it starts with "
                        + Format.firstBytes(h, got) + ", a segment starts with 50 4a 4e 4c (PJNL); is this the journal's directory?");
            }
            problem = "header missing (zeros)";
        } else if (got < h.length) {
            problem = "header cut short (" + got + " of " + h.length + " bytes)";
        } else if (Format.crc(h, 0, 24) != Format.storedCrc(h, 24)) {
            problem = "header damaged (checksum mismatch)";
        } else if (h[4] != Format.VERSION) {
            throw new FileSystemException(file.toString(), null, "journal format version " + h[4]
                    + "; this build reads version " + Format.VERSION + ": open it with a newer Perthensis, or move the directory away");
        } else if (Format.firstSeq(h) != nameSeq) {
            throw new FileSystemException(file.toString(), null, "its header says it starts at sequence number "
                    + Format.firstSeq(h) + ", its name says " + nameSeq + "; was it renamed?");
        }
        problems.add(problem);
        return problem != null ? null : new Segment(file, nameSeq, Format.baseTime(h), Format.storedCrc(h, 24), size);
    }

    /**
     * Reads the newest segment to its last good record, going past damage in the middle, and
     * cuts off what follows: the part of a write that a power cut tore.
     */
    private void scanNewest(Segment s) throws IOException {
        byte[] data = new byte[Math.toIntExact(s.size)];
        try (FileChannel ch = FileChannel.open(s.path, READ)) {
            Io.readFully(ch, data, 0, data.length);
        }
        CRC32C crc = new CRC32C();
        Format.Parsed p = new Format.Parsed();
        long lastGood = s.firstSeq - 1;
        int pos = Format.HEADER_BYTES;
        int end = pos;
        while (pos < data.length) {
            int e = Format.parse(data, pos, data.length, s, lastGood + 1, Long.MAX_VALUE, crc, p);
            if (e >= 0) {
                lastGood = p.seq;
                pos = e;
                end = e;
                continue;
            }
            int q = Format.resync(data, pos, data.length, s, lastGood, crc, p);
            if (q < 0) {
                break;
            }
            pos = q;
        }
        s.lastSeq = lastGood;
        if (end < data.length) {
            try (FileChannel ch = FileChannel.open(s.path, WRITE)) {
                ch.truncate(end);
                if (force) {
                    ch.force(false);
                }
            }
            losses.torn();
            losses.warn(s.fileName() + ": cut off " + (data.length - end) + " bytes of a torn write at the end"
                    + " (a power cut while writing?)");
        }
        s.size = end;
        s.written = end;
    }

    static String records(long n) {
        return n == 1 ? "1 record" : n + " records";
    }
}
