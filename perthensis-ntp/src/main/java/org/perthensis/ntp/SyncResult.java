package org.perthensis.ntp;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the last successful sync found.
 *
 * @param server the server that answered, as {@code host:port}
 * @param offset how far the system clock was behind the server's: positive when it was slow
 * @param delay the round-trip delay of the best sample (the one with the lowest delay)
 * @param stratum the server's stratum: 1 for a primary server, more for each step away from one
 * @param at the corrected wall time of the sync
 */
public record SyncResult(String server, Duration offset, Duration delay, int stratum, Instant at) {

    /**
     * Checks that nothing is missing.
     *
     * @param server the server, not null
     * @param offset the offset, not null
     * @param delay the delay, not null
     * @param stratum the stratum
     * @param at the time of the sync, not null
     */
    public SyncResult {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(at, "at");
    }
}
