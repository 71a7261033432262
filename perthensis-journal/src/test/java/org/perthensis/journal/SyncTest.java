package org.perthensis.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.journal.JournalOptions.Sync;

/**
 * When records are forced, seen through the journal's own count of what it forced: a power cut
 * cannot be simulated in-process, so these check that each policy calls for the device when it
 * promises to; {@link PowerCutTest} checks what opening makes of whatever the device then kept.
 */
class SyncTest {
    @TempDir
    Path dir;

    private static JournalOptions options(Sync sync, Duration interval) {
        return JournalOptions.builder().sync(sync).syncInterval(interval).build();
    }

    private static void awaitAtLeast(long wanted, LongSupplier value, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (value.getAsLong() < wanted && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(value.getAsLong() >= wanted, what + ": " + value.getAsLong() + ", wanted " + wanted);
    }

    private long sizeOfFiles() {
        long sum = 0;
        for (Path p : Journals.segmentFiles(dir)) {
            try {
                sum += Files.size(p);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return sum;
    }

    @Test
    void alwaysForcesBeforeAppendReturns() throws Exception {
        try (FileJournal j = Journals.small(dir, options(Sync.ALWAYS, Duration.ofHours(1)))) {
            for (long seq = 1; seq <= 50; seq++) {
                assertEquals(seq, j.append(Payloads.of(seq)));
                assertEquals(seq, j.forcedSeq());
            }
        }
    }

    @Test
    void intervalForcesWithinTheIntervalAndAtMostOncePerInterval() throws Exception {
        long interval = 100;
        try (FileJournal j = FileJournal.open(dir, options(Sync.INTERVAL, Duration.ofMillis(interval)),
                JournalOptions.MIN_SEGMENT_BYTES, Journals.UNBOUNDED)) {
            long seq = j.append(Payloads.of(1));
            awaitAtLeast(seq, j::forcedSeq, "forced");

            long forces0 = j.forces();
            long start = System.nanoTime();
            long n = 1;
            while (System.nanoTime() - start < 1_000_000_000L) {
                j.append(Payloads.of(++n));
                if (n % 100 == 0) {
                    Thread.sleep(1);
                }
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            long forces = j.forces() - forces0;
            // A force under way when counting began ends inside; a segment change forces the full one.
            long segments = Journals.segmentFiles(dir).size();
            assertTrue(forces <= elapsedMillis / interval + 2 + segments,
                    forces + " forces in " + elapsedMillis + " ms with " + segments + " segments");
            awaitAtLeast(n, j::forcedSeq, "forced after the last append");
        }
    }

    @Test
    void neverForcesButOnSyncAndHandsRecordsToTheSystemWithinTheInterval() throws Exception {
        try (FileJournal j = Journals.small(dir, options(Sync.NEVER, Duration.ofMillis(50)))) {
            for (long seq = 1; seq <= 300; seq++) {
                j.append(Payloads.of(seq));
            }
            awaitAtLeast(j.bytesOnDisk(), this::sizeOfFiles, "bytes handed to the system without a sync");
            assertEquals(0, j.forces());
            assertEquals(0, j.forcedSeq());
            j.sync();
            assertEquals(300, j.forcedSeq());
            assertEquals(1, j.forces());
        }
    }

    @Test
    void syncForcesUnderEveryPolicy() throws Exception {
        for (Sync sync : Sync.values()) {
            Path d = dir.resolve(sync.name());
            try (FileJournal j = Journals.small(d, options(sync, Duration.ofHours(1)))) {
                long seq = j.append(Payloads.of(1));
                j.sync();
                assertEquals(seq, j.forcedSeq(), sync.name());
            }
        }
    }

    @Test
    void theBackgroundThreadIsADaemon() throws Exception {
        try (Journal j = Journals.small(dir, options(Sync.INTERVAL, Duration.ofSeconds(1)))) {
            j.append(Payloads.of(1)); // it starts when there is something to force
            Thread t = Thread.getAllStackTraces().keySet().stream()
                    .filter(x -> x.getName().equals("perthensis-journal " + dir.getFileName())).findFirst().orElseThrow();
            assertTrue(t.isDaemon(), "it must not keep the JVM alive");
        }
    }
}
