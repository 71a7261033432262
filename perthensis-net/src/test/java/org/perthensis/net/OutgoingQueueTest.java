package org.perthensis.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutgoingQueueTest {

    private static OutgoingQueue filled(Overflow overflow, String... lines) {
        OutgoingQueue queue = new OutgoingQueue(3, overflow);
        for (String line : lines) {
            queue.offer(line);
        }
        return queue;
    }

    @Test
    void dropOldestKeepsTheNewestLines() {
        OutgoingQueue queue = filled(Overflow.DROP_OLDEST, "a", "b", "c", "d", "e");
        assertEquals(2, queue.dropped());
        assertEquals(List.of("c", "d", "e"), queue.take(10));
    }

    @Test
    void dropNewestKeepsTheOldestLines() {
        OutgoingQueue queue = filled(Overflow.DROP_NEWEST, "a", "b", "c", "d", "e");
        assertEquals(2, queue.dropped());
        assertEquals(List.of("a", "b", "c"), queue.take(10));
    }

    @Test
    void linesPutBackGoFirstInOrderAndTheLimitStillHolds() {
        OutgoingQueue oldest = filled(Overflow.DROP_OLDEST, "a", "b", "c");
        List<String> taken = oldest.take(2);
        oldest.offer("d");
        oldest.offer("e");
        assertEquals(2, oldest.putBack(taken));
        assertEquals(List.of("c", "d", "e"), oldest.take(10));

        OutgoingQueue newest = filled(Overflow.DROP_NEWEST, "a", "b", "c");
        taken = newest.take(2);
        newest.offer("d");
        newest.offer("e");
        assertEquals(2, newest.putBack(taken));
        assertEquals(List.of("a", "b", "c"), newest.take(10));
        assertEquals(2, newest.dropped());
    }
}
