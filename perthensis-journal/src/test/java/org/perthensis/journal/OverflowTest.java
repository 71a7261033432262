package org.perthensis.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.perthensis.journal.Journals.range;
import static org.perthensis.journal.Journals.readAll;
import static org.perthensis.journal.Journals.segmentFiles;
import static org.perthensis.journal.Journals.seqs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.journal.JournalOptions.Overflow;

class OverflowTest {
    static final long MAX = 4 * Journals.SMALL_SEGMENT;

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(1_764_000_000_000L);
    private final Lines lines = new Lines();

    private JournalOptions options(Overflow overflow, Duration maxAge) {
        return JournalOptions.builder().overflow(overflow).maxAge(maxAge).clock(clock).logger(lines).build();
    }

    private static long onDisk(Path dir) throws Exception {
        long sum = 0;
        for (Path p : segmentFiles(dir)) {
            sum += Files.size(p);
        }
        return sum;
    }

    @Test
    void dropOldestDeletesWholeSegmentsAndCountsTheirRecordsExactly() throws Exception {
        long oldest;
        try (Journal j = Journals.small(dir, options(Overflow.DROP_OLDEST, null), MAX)) {
            for (long seq = 1; seq <= 500; seq++) {
                assertEquals(seq, j.append(Payloads.of(seq)));
                assertTrue(j.bytesOnDisk() <= MAX, "bytes on disk: " + j.bytesOnDisk());
            }
            j.sync();
            assertEquals(j.bytesOnDisk(), onDisk(dir));
            oldest = Segment.seqOf(segmentFiles(dir).getFirst().getFileName().toString());
            assertTrue(oldest > 1);
            assertEquals(oldest - 1, j.dropped());
            assertEquals(0, j.rejected());
            List<Entry> kept = readAll(j);
            assertEquals(range(oldest, 500), seqs(kept));
            kept.forEach(e -> Payloads.check(e, "kept"));
        }
        assertEquals(List.of("WARNING journal " + dir + ": dropped " + (oldest - 1) + " unacknowledged records, the journal"
                + " was full (maxBytes 16 KiB, overflow drop-oldest); " + (oldest - 1) + " dropped in all"), lines.all());
    }

    @Test
    void dropOldestCountsOnlyWhatWasNeitherAcknowledgedNorRead() throws Exception {
        try (Journal j = Journals.small(dir, options(Overflow.DROP_OLDEST, null), MAX)) {
            long seq = 1;
            while (segmentFiles(dir).size() < 3) {
                j.append(Payloads.of(seq++));
            }
            List<Entry> read = j.read(20);
            j.acknowledge(10);
            long secondFirst = Segment.seqOf(segmentFiles(dir).get(1).getFileName().toString());
            while (Segment.seqOf(segmentFiles(dir).getFirst().getFileName().toString()) == 1) {
                j.append(Payloads.of(seq++));
            }
            assertEquals(20, read.size());
            assertEquals(secondFirst - 1 - 20, j.dropped(), "records 1 to 20 were read, 1 to 10 acknowledged");
            assertEquals(secondFirst, seqs(j.read(1)).getFirst());
        }
    }

    @Test
    void rejectNewestRefusesAndCountsEveryRecord() throws Exception {
        int refused = 0;
        long accepted = 0;
        try (Journal j = Journals.small(dir, options(Overflow.REJECT_NEWEST, null), MAX)) {
            for (long i = 1; i <= 500; i++) {
                long seq = j.append(Payloads.of(accepted + 1));
                if (seq == Journal.REJECTED) {
                    refused++;
                } else {
                    assertEquals(accepted + 1, seq);
                    accepted = seq;
                }
                assertTrue(j.bytesOnDisk() <= MAX, "bytes on disk: " + j.bytesOnDisk());
            }
            assertTrue(refused > 0 && accepted > 100, refused + " refused, " + accepted + " accepted");
            assertEquals(refused, j.rejected());
            assertEquals(0, j.dropped());
            assertEquals(range(1, accepted), seqs(readAll(j)));
            j.acknowledge(accepted);
            assertEquals(accepted + 1, j.append(Payloads.of(accepted + 1)), "room again once acknowledged");
        }
        assertEquals(List.of("WARNING journal " + dir + ": rejected " + refused + " records, the journal was full"
                + " (maxBytes 16 KiB, overflow reject-newest); " + refused + " rejected in all"), lines.all());
    }

    @Test
    void recordsOlderThanMaxAgeAreSkippedAndCountedAsExpired() throws Exception {
        try (Journal j = Journals.small(dir, options(Overflow.DROP_OLDEST, Duration.ofHours(1)))) {
            for (long seq = 1; seq <= 10; seq++) {
                j.append(Payloads.of(seq));
                clock.advance(10 * 60_000);
            }
            // Now is 100 min after the first record: records 1 to 4 (100 to 70 min old) have expired.
            assertEquals(range(5, 10), seqs(readAll(j)));
            assertEquals(4, j.expired());
            j.rewind();
            assertEquals(range(5, 10), seqs(readAll(j)));
            assertEquals(4, j.expired(), "counted once");
        }
        assertEquals(List.of("WARNING journal " + dir + ": skipped 4 records older than maxAge 1h; 4 expired in all"),
                lines.all());
    }

    @Test
    void expiredSegmentsMakeRoomBeforeANewRecordIsRejected() throws Exception {
        try (Journal j = Journals.small(dir, options(Overflow.REJECT_NEWEST, Duration.ofMinutes(1)), MAX)) {
            long seq = 1;
            while (j.append(Payloads.of(seq)) != Journal.REJECTED) {
                seq++;
            }
            assertEquals(1, j.rejected());
            long secondFirst = Segment.seqOf(segmentFiles(dir).get(1).getFileName().toString());
            clock.advance(2 * 60_000);
            assertEquals(seq, j.append(Payloads.of(seq)));
            assertEquals(secondFirst - 1, j.expired(), "the oldest segment's records");
            assertEquals(1, j.rejected());
            assertEquals(0, j.dropped());
        }
    }
}
