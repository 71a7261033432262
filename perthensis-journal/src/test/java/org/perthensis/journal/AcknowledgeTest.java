package org.perthensis.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.perthensis.journal.Journals.range;
import static org.perthensis.journal.Journals.readAll;
import static org.perthensis.journal.Journals.segmentFiles;
import static org.perthensis.journal.Journals.seqs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcknowledgeTest {
    @TempDir
    Path dir;

    private final Lines lines = new Lines();

    private JournalOptions options() {
        return JournalOptions.builder().logger(lines).build();
    }

    private void written(int n) throws IOException {
        try (Journal j = Journals.small(dir, options())) {
            for (long seq = 1; seq <= n; seq++) {
                j.append(Payloads.of(seq));
            }
        }
    }

    @Test
    void readingResumesAfterTheCheckpointedAcknowledgement() throws Exception {
        written(10);
        try (Journal j = Journals.small(dir, options())) {
            assertEquals(range(1, 6), seqs(j.read(6)));
            j.acknowledge(4);
            assertEquals(4, j.acknowledged());
            assertEquals(6, j.pending());
        }
        try (Journal j = Journals.small(dir, options())) {
            assertEquals(4, j.acknowledged());
            assertEquals(range(5, 10), seqs(readAll(j)), "read but not acknowledged: delivered again");
        }
    }

    @Test
    void segmentsAreDeletedOnceEveryRecordInThemIsAcknowledged() throws Exception {
        written(300);
        List<Path> before = segmentFiles(dir);
        assertTrue(before.size() >= 4, "segments: " + before);
        long thirdFirst = Segment.seqOf(before.get(2).getFileName().toString());
        try (Journal j = Journals.small(dir, options())) {
            long bytes = j.bytesOnDisk();
            readAll(j);
            j.acknowledge(thirdFirst - 2);
            assertEquals(before.subList(1, before.size()), segmentFiles(dir), "the second still holds an unacknowledged one");
            j.acknowledge(thirdFirst - 1);
            assertEquals(before.subList(2, before.size()), segmentFiles(dir));
            assertTrue(j.bytesOnDisk() < bytes);
            j.acknowledge(300);
            assertEquals(List.of(before.getLast()), segmentFiles(dir), "the newest is kept for appending");
            assertEquals(0, j.pending());
        }
        try (Journal j = Journals.small(dir, options())) {
            assertEquals(List.of(), j.read(10));
            assertEquals(301, j.append(Payloads.of(301)));
        }
    }

    @Test
    void acknowledgingWhatWasNotReadIsRefused() throws Exception {
        written(5);
        try (Journal j = Journals.small(dir, options())) {
            j.read(2);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> j.acknowledge(3));
            assertEquals("acknowledge: sequence number 3 has not been read yet (read up to 2)", e.getMessage());
            j.acknowledge(2);
            j.acknowledge(1);
            assertEquals(2, j.acknowledged(), "acknowledging less than before does nothing");
        }
    }

    @Test
    void rewindDeliversWhatWasReadButNotAcknowledged() throws Exception {
        written(5);
        try (Journal j = Journals.small(dir, options())) {
            assertEquals(range(1, 5), seqs(readAll(j)));
            j.acknowledge(2);
            j.rewind();
            assertEquals(range(3, 5), seqs(readAll(j)));
        }
    }

    @Test
    void missingCheckpointMeansNothingAcknowledged() throws Exception {
        written(3);
        assertFalse(Files.exists(dir.resolve(Checkpoint.NAME)));
        try (Journal j = Journals.small(dir, options())) {
            assertEquals(0, j.acknowledged());
            assertEquals(range(1, 3), seqs(readAll(j)));
        }
        assertEquals(List.of(), lines.all());
    }

    @Test
    void damagedCheckpointIsLoggedAndEveryKeptRecordIsDeliveredAgain() throws Exception {
        written(5);
        try (Journal j = Journals.small(dir, options())) {
            readAll(j);
            j.acknowledge(3);
        }
        Path checkpoint = dir.resolve(Checkpoint.NAME);
        byte[] b = Files.readAllBytes(checkpoint);
        b[9] ^= 1;
        Files.write(checkpoint, b);
        try (Journal j = Journals.small(dir, options())) {
            assertEquals(range(1, 5), seqs(readAll(j)));
        }
        Files.write(checkpoint, new byte[7]);
        try (Journal j = Journals.small(dir, options())) {
            assertEquals(range(1, 5), seqs(readAll(j)));
        }
        Files.writeString(checkpoint, "not mine, but twenty!");
        try (Journal j = Journals.small(dir, options())) {
            assertEquals(range(1, 5), seqs(readAll(j)));
        }
        String prefix = "WARNING journal " + dir + ": checkpoint: damaged ";
        String suffix = "; every kept record will be delivered again";
        assertEquals(List.of(prefix + "(checksum mismatch)" + suffix, prefix + "(7 bytes, 20 expected)" + suffix,
                prefix + "(21 bytes, 20 expected)" + suffix), lines.all());
    }

    @Test
    void checkpointCaughtBeforeItsRenameLeavesTheOldOne() throws Exception {
        written(5);
        try (Journal j = Journals.small(dir, options())) {
            readAll(j);
            j.acknowledge(2);
        }
        Files.write(dir.resolve(Checkpoint.TEMP), new byte[3]);
        try (Journal j = Journals.small(dir, options())) {
            assertEquals(2, j.acknowledged());
            assertEquals(range(3, 5), seqs(readAll(j)));
        }
        assertFalse(Files.exists(dir.resolve(Checkpoint.TEMP)));
        assertEquals(List.of(), lines.all());
    }

    @Test
    void checkpointIsWrittenWithinTheSyncIntervalWithoutClosing() throws Exception {
        written(5);
        try (Journal j = Journals.small(dir, JournalOptions.builder().syncInterval(Duration.ofMillis(50)).build())) {
            readAll(j);
            j.acknowledge(4);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Checkpoint.read(dir).acknowledged() != 4 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(4, Checkpoint.read(dir).acknowledged());
        }
    }

    @Test
    void expiredRecordsAfterTheLastDeliveredOneNeedNoAcknowledgement() throws Exception {
        TestClock clock = new TestClock(1_000_000);
        JournalOptions aged = JournalOptions.builder().clock(clock).maxAge(Duration.ofMinutes(1)).logger(lines).build();
        try (Journal j = Journals.small(dir, aged)) {
            j.append(Payloads.of(1));
            clock.advance(1000);
            j.append(Payloads.of(2));
            j.append(Payloads.of(3));
            assertEquals(List.of(1L), seqs(j.read(1)));
            clock.advance(60_500);
            assertEquals(List.of(), j.read(10), "2 and 3 have expired");
            j.acknowledge(1);
            assertEquals(3, j.acknowledged());
            assertEquals(2, j.expired());
        }
    }
}
