package org.perthensis.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static List<Duration> waits(Backoff backoff, int n) {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            waits.add(backoff.next());
        }
        return waits;
    }

    @Test
    void waitsDoubleUpToTheMaximumAndStartAgainAfterReset() {
        Backoff backoff = new Backoff(new ConnectionProvider.Reconnect(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.0),
                () -> 0.5);
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L),
                waits(backoff, 8).stream().map(Duration::toSeconds).toList());
        backoff.reset();
        assertEquals(List.of(1L, 2L), waits(backoff, 2).stream().map(Duration::toSeconds).toList());
    }

    @Test
    void jitterTakesARandomPartOffEachWait() {
        double[] randoms = {0.0, 0.5, 0.999};
        int[] i = {0};
        Backoff backoff = new Backoff(new ConnectionProvider.Reconnect(Duration.ofSeconds(10), Duration.ofSeconds(60), 0.2),
                () -> randoms[i[0]++]);
        assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(18), Duration.ofMillis(32_008)), waits(backoff, 3));
    }
}
