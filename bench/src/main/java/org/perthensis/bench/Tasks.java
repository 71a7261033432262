package org.perthensis.bench;

import java.time.Duration;
import org.perthensis.api.Scheduler;

/** Helpers shared by the timed benchmarks. */
final class Tasks {
    private Tasks() {
    }

    /** Cancels every task and lets them end, so no parked virtual thread outlives its run. */
    static void shutDown(Scheduler s) {
        s.shutdown();
        s.run(Duration.ofSeconds(30));
    }
}
