package org.perthensis.loop;

import java.time.Instant;
import org.perthensis.api.Clock;

/** The system's monotonic and wall clocks, with monotonic zero at creation. */
final class SystemClock implements Clock {
    private final long origin = System.nanoTime();

    @Override
    public long nanos() {
        return System.nanoTime() - origin;
    }

    @Override
    public Instant wallTime() {
        return Instant.now();
    }

    @Override
    public boolean isVirtual() {
        return false;
    }
}
