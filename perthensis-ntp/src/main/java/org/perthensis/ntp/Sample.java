package org.perthensis.ntp;

import java.time.Duration;

/**
 * One good exchange with a server.
 *
 * @param offset how far the system clock is behind the server's (positive: behind)
 * @param delay the round-trip delay, the time spent on the network
 * @param stratum the server's stratum
 */
record Sample(Duration offset, Duration delay, int stratum) {
}
