package org.perthensis.api;

import java.time.Instant;

/**
 * Wall-clock time as corrected by a time-keeping task, such as the {@code ntp} task type,
 * offered to other tasks through {@link TaskEnvironment#service(Class)}.
 *
 * <p>Many boards (a Raspberry Pi without a real-time clock) boot with a wrong clock, so code
 * that stamps data asks {@link #hasTime()} first, as Perthensis's NTP client allowed.
 */
public interface WallClock {

    /**
     * The current wall time, corrected. Once {@link #hasTime()} is true it never returns a time
     * earlier than one returned before; the first synchronisation may step back a clock that
     * booted ahead of the true time.
     *
     * @return the current time
     */
    Instant now();

    /**
     * Whether the time is known to be right: a synchronisation has succeeded.
     *
     * @return {@code true} once synchronised
     */
    boolean hasTime();
}
