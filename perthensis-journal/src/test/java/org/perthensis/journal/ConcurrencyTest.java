package org.perthensis.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.perthensis.journal.JournalOptions.Sync;

class ConcurrencyTest {
    static final int THREADS = 4;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"INTERVAL, 20000", "NEVER, 20000", "ALWAYS, 300"})
    void severalThreadsAppendAndOneConsumerGetsEveryRecordOnceInOrder(Sync sync, int perThread) throws Exception {
        JournalOptions options = JournalOptions.builder().sync(sync).syncInterval(Duration.ofMillis(10)).build();
        long total = (long) THREADS * perThread;
        try (Journal j = FileJournal.open(dir, options, 64 * 1024, Journals.UNBOUNDED)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> appenders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                appenders.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        j.append(ByteBuffer.allocate(24).putInt(thread).putInt(i).array());
                    }
                }));
            }
            start.countDown();

            int[] next = new int[THREADS];
            long expectedSeq = 1;
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (expectedSeq <= total && System.nanoTime() < deadline) {
                List<Entry> batch = j.read(500);
                if (batch.isEmpty()) {
                    Thread.sleep(1);
                    continue;
                }
                for (Entry e : batch) {
                    assertEquals(expectedSeq, e.seq(), "sequence numbers in order, none twice, none missing");
                    ByteBuffer b = ByteBuffer.wrap(e.payload());
                    int thread = b.getInt();
                    assertEquals(next[thread], b.getInt(), "thread " + thread + "'s records in its order");
                    next[thread]++;
                    expectedSeq++;
                }
                j.acknowledge(batch.getLast().seq());
            }
            for (Thread t : appenders) {
                t.join();
            }
            assertEquals(total + 1, expectedSeq, "records delivered");
            assertEquals(List.of(), j.read(10));
            assertEquals(0, j.pending());
            assertEquals(0, j.corruptSkipped() + j.dropped() + j.rejected() + j.tornCut());
            assertTrue(Journals.segmentFiles(dir).size() <= 2, "acknowledged segments deleted: " + Journals.segmentFiles(dir));
        }
    }
}
