package org.perthensis.app;

import java.time.Duration;

/**
 * The delays between restarts of one task: 1 s, doubling up to 60 s, and back to 1 s once the
 * task has run for a minute without failing.
 */
final class Backoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(60);
    static final Duration HEALTHY = Duration.ofMinutes(1);

    private Duration next = FIRST;

    /**
     * The delay before the next restart.
     *
     * @param ranFor how long the run that just ended lasted
     * @return the delay
     */
    Duration after(Duration ranFor) {
        if (ranFor.compareTo(HEALTHY) >= 0) {
            next = FIRST;
        }
        Duration delay = next;
        next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
        return delay;
    }
}
