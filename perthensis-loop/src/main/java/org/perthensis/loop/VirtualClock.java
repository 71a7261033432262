package org.perthensis.loop;

import java.time.Instant;
import org.perthensis.api.Clock;

/** A clock that only the loop moves, by jumping to the next due timer when every task waits. */
final class VirtualClock implements Clock {
    private final Instant wallStart;
    private volatile long now;

    VirtualClock(Instant wallStart) {
        this.wallStart = wallStart;
    }

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public Instant wallTime() {
        return wallStart.plusNanos(now);
    }

    @Override
    public boolean isVirtual() {
        return true;
    }

    void advanceTo(long nanos) {
        if (nanos > now) {
            now = nanos;
        }
    }
}
