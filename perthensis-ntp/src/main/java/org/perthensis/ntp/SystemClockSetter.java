package org.perthensis.ntp;

import java.io.IOException;
import java.time.Duration;

/** Steps the system clock; used only with {@code setSystemClock: true}. Blocks. */
interface SystemClockSetter {

    /**
     * Moves the system clock by {@code offset}.
     *
     * @throws IOException with a message for the log if it could not
     */
    void step(Duration offset) throws IOException, InterruptedException;
}
