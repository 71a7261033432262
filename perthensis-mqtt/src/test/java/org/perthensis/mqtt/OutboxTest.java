package org.perthensis.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.api.JournalConfig;
import org.perthensis.testing.RecordingLogger;

class OutboxTest {
    @TempDir
    Path dir;

    private static Message m(int i) {
        return new Message("p/counter/ticks", ("{\"value\":" + i + "}").getBytes(UTF_8), i % 2 == 0);
    }

    private static List<Integer> values(List<Outbox.Pending> batch) {
        List<Integer> v = new ArrayList<>();
        for (Outbox.Pending p : batch) {
            v.add(Integer.valueOf(new String(p.message().payload(), UTF_8).replaceAll("\\D", "")));
        }
        return v;
    }

    @Test
    void aMessageSurvivesTheJournalsStorageWhole() {
        Message message = new Message("perthensis/door-pi/debounce/door", "{\"pressed\":true}".getBytes(UTF_8), true);
        assertEquals(message, Message.decode(message.encode()));
    }

    /** Runs {@code body} as a task of a virtual-time scheduler, as the outbox is used. */
    private static void onTheLoop(org.perthensis.api.Task body) {
        org.perthensis.api.Scheduler s = org.perthensis.api.Scheduler.builder().virtualTime().build();
        org.perthensis.api.TaskHandle h = s.spawn("test", body);
        s.run(java.time.Duration.ofSeconds(1));
        if (h.failure().isPresent()) {
            throw new AssertionError(h.failure().get());
        }
    }

    @Test
    void theJournalKeepsWhatWasNotAcknowledgedForTheNextStartAndNothingMore() {
        onTheLoop(s -> keepsWhatWasNotAcknowledged(s));
    }

    private void keepsWhatWasNotAcknowledged(org.perthensis.api.Scheduler s) throws Exception {
        JournalConfig config = JournalConfig.in(dir.resolve("journal").toString());
        JournalOutbox outbox = new JournalOutbox(config, 100, new RecordingLogger(), InstantSource.system(), n -> { });
        outbox.offer(m(1)); // before it opens: waits in memory, is written in order when it opens
        outbox.offer(m(2));
        assertFalse(Files.exists(dir.resolve("journal")), "--check beside a running device must not create it");
        assertEquals(0, outbox.open(s));
        outbox.offer(m(3));
        outbox.offer(m(4));
        assertEquals(List.of(1, 2, 3), values(outbox.read(3)));
        outbox.acknowledge(2);
        outbox.close();

        JournalOutbox again = new JournalOutbox(config, 100, new RecordingLogger(), InstantSource.system(), n -> { });
        assertEquals(2, again.open(s));
        assertEquals(2, again.pending());
        assertEquals(List.of(3, 4), values(again.read(10)));
        assertTrue(again.durable());
        again.close();
    }

    @Test
    void memoryKeepsTheNewestWithinItsLimitAndRewindsToTheOldestUnacknowledged() {
        List<Long> drops = new ArrayList<>();
        MemoryOutbox outbox = new MemoryOutbox(5, true, () -> 0L, drops::add);
        for (int i = 1; i <= 4; i++) {
            outbox.offer(m(i));
        }
        assertEquals(List.of(1, 2, 3), values(outbox.read(3)));
        outbox.acknowledge(1); // the broker has 1
        outbox.offer(m(5));
        outbox.offer(m(6));
        outbox.offer(m(7)); // six waiting: the oldest, 2 (taken, not acknowledged), goes
        outbox.rewind();
        assertEquals(List.of(3, 4, 5, 6, 7), values(outbox.read(10)));
        assertEquals(1, outbox.dropped());
        assertEquals(List.of(1L), drops);

        MemoryOutbox newest = new MemoryOutbox(2, false, () -> 0L, n -> { });
        newest.offer(m(1));
        newest.offer(m(2));
        newest.offer(m(3));
        assertEquals(List.of(1, 2), values(newest.read(10)));
    }
}
