package org.perthensis.journal;

import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.perthensis.journal.Journals.range;
import static org.perthensis.journal.Journals.readAll;
import static org.perthensis.journal.Journals.segmentFiles;
import static org.perthensis.journal.Journals.seqs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
    @TempDir
    Path root;

    private final TestClock clock = new TestClock(1_764_000_000_000L);
    private final Lines lines = new Lines();

    private Path dir() {
        return root.resolve("j");
    }

    private JournalOptions options() {
        return JournalOptions.builder().clock(clock).logger(lines).build();
    }

    /** Appends records 1 to {@code n} (time standing still) and closes the journal. */
    private void written(int n) throws IOException {
        try (Journal j = Journals.small(dir(), options())) {
            for (long seq = 1; seq <= n; seq++) {
                j.append(Payloads.of(seq));
            }
        }
    }

    /** Where record {@code seq} starts in the first segment, time standing still. */
    private static int offsetOf(long seq) {
        int at = Format.HEADER_BYTES;
        for (long s = 1; s < seq; s++) {
            at += Format.recordBytes(Payloads.of(s).length, s - 1, 0);
        }
        return at;
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, WRITE)) {
            ch.truncate(size);
        }
    }

    private static void flip(Path file, int at) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[at] ^= 0x5a;
        Files.write(file, b);
    }

    private String warning(String text) {
        return "WARNING journal " + dir() + ": " + text;
    }

    @Test
    void tornLastRecordIsCutOffAndCounted() throws Exception {
        written(3);
        Path seg = dir().resolve(Segment.name(1));
        truncate(seg, offsetOf(4) - 5);
        try (Journal j = Journals.small(dir(), options())) {
            assertEquals(1, j.tornCut());
            assertEquals(0, j.corruptSkipped());
            assertEquals(offsetOf(3), Files.size(seg));
            assertEquals(List.of(1L, 2L), seqs(readAll(j)));
            assertEquals(3, j.append(Payloads.of(3)), "the lost record's number is given out again");
        }
        int cut = offsetOf(4) - 5 - offsetOf(3);
        assertEquals(List.of(warning("00000000000000000001.jnl: cut off " + cut
                + " bytes of a torn write at the end (a power cut while writing?)")), lines.all());
    }

    @Test
    void corruptRecordInTheMiddleIsSkippedCountedAndLogged() throws Exception {
        written(3);
        flip(dir().resolve(Segment.name(1)), offsetOf(2) + 10);
        try (Journal j = Journals.small(dir(), options())) {
            assertEquals(0, j.tornCut());
            List<Entry> all = readAll(j);
            assertEquals(List.of(1L, 3L), seqs(all));
            all.forEach(e -> Payloads.check(e, "around the damage"));
            assertEquals(1, j.corruptSkipped());
            j.rewind();
            assertEquals(List.of(1L, 3L), seqs(readAll(j)));
            assertEquals(1, j.corruptSkipped(), "passing the same damage again counts nothing more");
        }
        assertEquals(List.of(warning("00000000000000000001.jnl: 1 record unreadable from offset " + offsetOf(2)
                + ", skipped (damaged or cut short)")), lines.all());
    }

    @Test
    void olderSegmentCutShortCountsTheRecordsItLost() throws Exception {
        written(200);
        List<Path> files = segmentFiles(dir());
        assertTrue(files.size() >= 3, "segments: " + files);
        Path second = files.get(1);
        long secondFirst = Segment.seqOf(second.getFileName().toString());
        long thirdFirst = Segment.seqOf(files.get(2).getFileName().toString());
        truncate(second, Format.HEADER_BYTES);
        try (Journal j = Journals.small(dir(), options())) {
            List<Long> expected = new ArrayList<>(range(1, secondFirst - 1));
            expected.addAll(range(thirdFirst, 200));
            assertEquals(expected, seqs(readAll(j)));
            assertEquals(thirdFirst - secondFirst, j.corruptSkipped());
            assertEquals(0, j.tornCut());
        }
        assertEquals(List.of(warning(second.getFileName() + ": " + (thirdFirst - secondFirst) + " records unreadable from offset "
                + Format.HEADER_BYTES + ", skipped (damaged or cut short)")), lines.all());
    }

    @Test
    void emptyNewestSegmentIsRemovedAndCountedAsATornWrite() throws Exception {
        written(3);
        Files.write(dir().resolve(Segment.name(4)), new byte[0]);
        try (Journal j = Journals.small(dir(), options())) {
            assertEquals(1, j.tornCut());
            assertEquals(List.of(1L, 2L, 3L), seqs(readAll(j)));
            assertEquals(4, j.append(Payloads.of(4)));
        }
        assertEquals(List.of(warning("00000000000000000004.jnl: empty, removed (a power cut while it was being written?)")),
                lines.all());
    }

    @Test
    void headerCutShortIsRemovedAndCounted() throws Exception {
        written(3);
        Files.write(dir().resolve(Segment.name(4)), java.util.Arrays.copyOf(Format.header(4, 0), 12));
        try (Journal j = Journals.small(dir(), options())) {
            assertEquals(1, j.tornCut());
            assertEquals(List.of(1L, 2L, 3L), seqs(readAll(j)));
        }
        assertEquals(List.of(warning("00000000000000000004.jnl: header cut short (12 of 28 bytes), removed"
                + " (a power cut while it was being written?)")), lines.all());
    }

    @Test
    void headerOfZerosIsTakenForAnUnwrittenBlockNotAForeignFile() throws Exception {
        written(3);
        Files.write(dir().resolve(Segment.name(4)), new byte[300]);
        try (Journal j = Journals.small(dir(), options())) {
            assertEquals(1, j.tornCut());
            assertEquals(List.of(1L, 2L, 3L), seqs(readAll(j)));
        }
        assertEquals(List.of(warning("00000000000000000004.jnl: header missing (zeros), removed"
                + " (a power cut while it was being written?)")), lines.all());
    }

    @Test
    void damagedHeaderOfAnOlderSegmentCountsItsRecordsAsLost() throws Exception {
        written(200);
        List<Path> files = segmentFiles(dir());
        long secondFirst = Segment.seqOf(files.get(1).getFileName().toString());
        long thirdFirst = Segment.seqOf(files.get(2).getFileName().toString());
        flip(files.get(1), 9);
        try (Journal j = Journals.small(dir(), options())) {
            assertEquals(thirdFirst - secondFirst, j.corruptSkipped(), "counted on opening");
            List<Long> expected = new ArrayList<>(range(1, secondFirst - 1));
            expected.addAll(range(thirdFirst, 200));
            assertEquals(expected, seqs(readAll(j)));
            assertEquals(thirdFirst - secondFirst, j.corruptSkipped(), "and not again by the reader");
        }
        assertFalse(Files.exists(files.get(1)));
        assertEquals(List.of(warning(files.get(1).getFileName() + ": header damaged (checksum mismatch), removed; "
                + (thirdFirst - secondFirst) + " records lost")), lines.all());
    }

    @Test
    void recordsLeftFromAnotherSegmentDoNotCheckOut() throws Exception {
        written(200);
        List<Path> files = segmentFiles(dir());
        Path newest = files.getLast();
        byte[] older = Files.readAllBytes(files.get(1));
        byte[] tail = java.util.Arrays.copyOfRange(older, Format.HEADER_BYTES, older.length);
        Files.write(newest, tail, java.nio.file.StandardOpenOption.APPEND);
        try (Journal j = Journals.small(dir(), options())) {
            assertEquals(1, j.tornCut(), "records of another segment are garbage here, however good they were there");
            assertEquals(range(1, 200), seqs(readAll(j)));
        }
    }

    @Test
    void foreignFileIsRefusedWithItsName() throws Exception {
        Files.createDirectories(dir());
        Path foreign = dir().resolve(Segment.name(1));
        Files.writeString(foreign, "hello, world\n");
        FileSystemException e = assertThrows(FileSystemException.class, () -> Journals.small(dir(), options()));
        assertEquals(foreign + ": not a journal segment: it starts with 68 65 6c 6c, a segment starts with 50 4a 4e 4c (PJNL);"
                + " is this the journal's directory?", e.getMessage());
        assertEquals("hello, world\n", Files.readString(foreign), "left as it was");
    }

    @Test
    void newerFormatIsRefused() throws Exception {
        written(1);
        Path seg = dir().resolve(Segment.name(1));
        byte[] b = Files.readAllBytes(seg);
        b[4] = 2;
        int crc = Format.crc(b, 0, 24);
        b[24] = (byte) crc;
        b[25] = (byte) (crc >> 8);
        b[26] = (byte) (crc >> 16);
        b[27] = (byte) (crc >> 24);
        Files.write(seg, b);
        FileSystemException e = assertThrows(FileSystemException.class, () -> Journals.small(dir(), options()));
        assertEquals(seg + ": journal format version 2; this build reads version 1: open it with a newer Perthensis,"
                + " or move the directory away", e.getMessage());
    }

    @Test
    void renamedSegmentIsRefused() throws Exception {
        written(1);
        Path renamed = dir().resolve(Segment.name(7));
        Files.move(dir().resolve(Segment.name(1)), renamed);
        FileSystemException e = assertThrows(FileSystemException.class, () -> Journals.small(dir(), options()));
        assertEquals(renamed + ": its header says it starts at sequence number 1, its name says 7; was it renamed?",
                e.getMessage());
    }

    @Test
    void missingDirectoryIsCreatedAndUnknownFilesAreLeftAlone() throws Exception {
        Path deep = root.resolve("a/b/journal");
        try (Journal j = Journals.small(deep, options())) {
            j.append(Payloads.of(1));
        }
        Files.writeString(deep.resolve("notes.txt"), "mine");
        try (Journal j = Journals.small(deep, options())) {
            assertEquals(List.of(1L), seqs(readAll(j)));
        }
        assertEquals("mine", Files.readString(deep.resolve("notes.txt")));
        assertEquals(List.of(), lines.all());
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsRefused() throws Exception {
        Files.writeString(dir(), "x");
        FileSystemException e = assertThrows(FileSystemException.class, () -> Journals.small(dir(), options()));
        assertEquals(dir() + ": not a directory; a journal needs a directory of its own", e.getMessage());
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() throws Exception {
        try (Journal j = Journals.small(dir(), options())) {
            FileSystemException e = assertThrows(FileSystemException.class, () -> Journals.small(dir(), options()));
            assertEquals(dir() + ": the journal is already open in this process; close it first", e.getMessage());
            j.append(Payloads.of(1));
        }
        try (Journal j = Journals.small(dir(), options())) {
            assertEquals(List.of(1L), seqs(readAll(j)));
        }
    }
}
