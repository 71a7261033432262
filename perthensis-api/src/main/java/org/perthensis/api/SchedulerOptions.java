package org.perthensis.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The options a {@link Scheduler.Builder} hands to a {@link SchedulerFactory}.
 *
 * @param virtualTime whether to use a virtual clock that jumps when every task waits
 * @param virtualStart the wall time at which a virtual clock starts
 * @param slowTurnWarning how long a task may keep the turn before it is reported by name
 */
public record SchedulerOptions(boolean virtualTime, Instant virtualStart, Duration slowTurnWarning) {

    /**
     * Checks the options.
     *
     * @param virtualTime whether to use a virtual clock
     * @param virtualStart the wall time at which a virtual clock starts
     * @param slowTurnWarning how long a task may keep the turn, positive
     */
    public SchedulerOptions {
        Objects.requireNonNull(virtualStart, "virtualStart");
        if (slowTurnWarning.isNegative() || slowTurnWarning.isZero()) {
            throw new IllegalArgumentException("slowTurnWarning must be positive, got " + Durations.format(slowTurnWarning));
        }
    }
}
