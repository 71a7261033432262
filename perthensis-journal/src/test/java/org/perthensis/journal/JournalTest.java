package org.perthensis.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.perthensis.journal.Journals.range;
import static org.perthensis.journal.Journals.readAll;
import static org.perthensis.journal.Journals.seqs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(1_764_000_000_000L);

    private JournalOptions options() {
        return JournalOptions.builder().clock(clock).logger(new Lines()).build();
    }

    @Test
    void appendedRecordsAreReadBackInOrderWithTheirTime() throws Exception {
        try (Journal j = Journal.open(dir, options())) {
            for (long seq = 1; seq <= 5; seq++) {
                assertEquals(seq, j.append(Payloads.of(seq)));
                clock.advance(250);
            }
            List<Entry> all = readAll(j);
            assertEquals(range(1, 5), seqs(all));
            for (Entry e : all) {
                Payloads.check(e, "read back");
                assertEquals(1_764_000_000_000L + (e.seq() - 1) * 250, e.time());
            }
            assertEquals(5, j.pending());
        }
    }

    @Test
    void eachRecordIsReadOnceUntilRewound() throws Exception {
        try (Journal j = Journal.open(dir, options())) {
            for (long seq = 1; seq <= 3; seq++) {
                j.append(Payloads.of(seq));
            }
            assertEquals(List.of(1L, 2L), seqs(j.read(2)));
            assertEquals(List.of(3L), seqs(j.read(2)));
            assertEquals(List.of(), j.read(2));
            j.append(Payloads.of(4));
            assertEquals(List.of(4L), seqs(j.read(10)));
            j.acknowledge(2);
            j.rewind();
            assertEquals(List.of(3L, 4L), seqs(j.read(10)));
        }
    }

    @Test
    void recordsSurviveReopeningAndSequenceNumbersGoOn() throws Exception {
        try (Journal j = Journals.small(dir, options())) {
            for (long seq = 1; seq <= 200; seq++) {
                j.append(Payloads.of(seq));
            }
        }
        try (Journal j = Journals.small(dir, options())) {
            assertEquals(201, j.append(Payloads.of(201)));
            List<Entry> all = readAll(j);
            assertEquals(range(1, 201), seqs(all));
            all.forEach(e -> Payloads.check(e, "after reopening"));
            assertEquals(0, j.corruptSkipped());
            assertEquals(0, j.tornCut());
        }
    }

    @Test
    void payloadsLargerThanTheWriteBufferAndEmptyOnesRoundTrip() throws Exception {
        byte[] big = new byte[Writer.BUFFER_BYTES * 3 + 7];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 13);
        }
        try (Journal j = Journal.open(dir, JournalOptions.builder().segmentBytes(JournalOptions.MIN_SEGMENT_BYTES)
                .maxBytes(8L << 20).clock(clock).build())) {
            for (int i = 0; i < 20; i++) {
                j.append(i % 2 == 0 ? big : new byte[0]);
            }
        }
        try (Journal j = Journal.open(dir, options())) {
            List<Entry> all = readAll(j);
            assertEquals(20, all.size());
            for (Entry e : all) {
                assertArrayEquals(e.seq() % 2 == 1 ? big : new byte[0], e.payload());
            }
        }
    }

    @Test
    void hundredByteRecordsTakeAtMostOnePointTwoBytesPerByteStored() throws Exception {
        try (Journal j = Journal.open(dir, JournalOptions.builder().clock(clock).build())) {
            for (int i = 0; i < 100_000; i++) {
                j.append(new byte[100]);
                if (i % 100 == 0) {
                    clock.advance(1000); // one hundred readings a second, for a day and more
                }
            }
            double ratio = j.bytesOnDisk() / 10_000_000.0;
            assertTrue(ratio <= 1.2, "bytes on disk per byte stored: " + ratio);
        }
    }

    @Test
    void aPayloadLargerThanASegmentIsRefused() throws Exception {
        try (Journal j = Journal.open(dir, JournalOptions.builder().segmentBytes(JournalOptions.MIN_SEGMENT_BYTES)
                .maxBytes(4L << 20).build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> j.append(new byte[JournalOptions.MIN_SEGMENT_BYTES]));
            assertEquals("payload of 1048576 bytes is larger than a segment can hold (1048519 bytes with segmentBytes 1048576)",
                    e.getMessage());
            assertEquals(1, j.append(new byte[1_048_519]));
        }
    }

    @Test
    void optionsOutOfRangeNameTheOption() {
        assertEquals("segmentBytes: must be 1 MiB to 4 MiB (1048576 to 4194304 bytes), got 4096",
                assertThrows(IllegalArgumentException.class, () -> JournalOptions.builder().segmentBytes(4096).build())
                        .getMessage());
        assertEquals("maxBytes: must be at least twice segmentBytes (8388608 bytes), got 5000000",
                assertThrows(IllegalArgumentException.class, () -> JournalOptions.builder().maxBytes(5_000_000).build())
                        .getMessage());
        assertEquals("syncInterval: must be positive, got PT0S", assertThrows(IllegalArgumentException.class,
                () -> JournalOptions.builder().syncInterval(Duration.ZERO).build()).getMessage());
        assertEquals("maxAge: must be positive, got PT-1S", assertThrows(IllegalArgumentException.class,
                () -> JournalOptions.builder().maxAge(Duration.ofSeconds(-1)).build()).getMessage());
    }

    @Test
    void defaultsAreFourMiBSegmentsSixtyFourMiBAForceASecondAndDropOldest() {
        JournalOptions o = JournalOptions.defaults();
        assertEquals(4 << 20, o.segmentBytes());
        assertEquals(64L << 20, o.maxBytes());
        assertEquals(JournalOptions.Sync.INTERVAL, o.sync());
        assertEquals(Duration.ofSeconds(1), o.syncInterval());
        assertEquals(JournalOptions.Overflow.DROP_OLDEST, o.overflow());
        assertEquals(null, o.maxAge());
    }

    @Test
    void aClosedJournalSaysSo() throws Exception {
        Journal j = Journal.open(dir, options());
        j.close();
        j.close();
        assertEquals("journal " + dir + " is closed",
                assertThrows(IllegalStateException.class, () -> j.append(new byte[1])).getMessage());
        assertEquals("journal " + dir + " is closed",
                assertThrows(IllegalStateException.class, () -> j.read(1)).getMessage());
    }

    @Test
    void readingZeroRecordsIsRefused() throws Exception {
        try (Journal j = Journal.open(dir, options())) {
            assertEquals("max: must be at least 1, got 0",
                    assertThrows(IllegalArgumentException.class, () -> j.read(0)).getMessage());
        }
    }
}
