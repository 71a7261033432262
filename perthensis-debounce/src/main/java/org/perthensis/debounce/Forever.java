package org.perthensis.debounce;

import java.time.Duration;
import org.perthensis.api.Scheduler;

/** Waiting for nothing but cancellation: the work happens in listeners and the debouncer's timer. */
final class Forever {

    private static final Duration LONG = Duration.ofDays(365);

    private Forever() {
    }

    static void sleep(Scheduler scheduler) {
        while (true) {
            scheduler.sleep(LONG); // wakes once a year, which costs nothing
        }
    }
}
