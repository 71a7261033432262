package org.perthensis.ntp;

import java.time.Duration;
import java.time.Instant;
import org.perthensis.api.Clock;

/** A clock the test moves by hand, whose wall time can also be set apart from its monotonic time. */
final class ManualClock implements Clock {
    private long nanos;
    private Instant wall;

    ManualClock(Instant wall) {
        this.wall = wall;
    }

    void advance(Duration d) {
        nanos += d.toNanos();
        wall = wall.plus(d);
    }

    /** What someone setting the system clock does: wall time jumps, monotonic time does not. */
    void setWall(Instant to) {
        wall = to;
    }

    @Override
    public long nanos() {
        return nanos;
    }

    @Override
    public Instant wallTime() {
        return wall;
    }

    @Override
    public boolean isVirtual() {
        return true;
    }
}
