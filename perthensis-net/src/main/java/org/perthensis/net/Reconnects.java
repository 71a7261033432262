package org.perthensis.net;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.DoubleSupplier;
import org.perthensis.api.Backoff;
import org.perthensis.api.Durations;

/**
 * The connection's waits between attempts, and what it logs about them: one line per change of
 * what it does, never one per attempt once it repeats. Loop state.
 *
 * <ul>
 *   <li>A failed attempt is a warning when its reason is new, debug while it repeats.
 *   <li>A connection resets the backoff only once it is stable: up for {@code stableAfter}
 *       (and, with {@code readTimeout}, having received data). Shorter ones are counted: from the
 *       second in a row on, their up and down lines are debug, and a warning with the count is
 *       logged when the streak begins, when its reason changes and when the waits reach
 *       {@code max}.
 *   <li>While {@code net.down} is the reported state and no connection has been up since, attempts
 *       go on at the longest wait; nothing waits for {@code net.up} alone.
 * </ul>
 */
final class Reconnects {
    private final String name;
    private final String address;
    private final Backoff backoff;
    /** The waits while the network is reported down: always the longest, with the same jitter. */
    private final Backoff atMax;
    private final Duration max;
    private final String shortConnection;
    private final System.Logger log;

    private boolean networkDown;
    /** A connection came up while the network was reported down: it works, whatever the report says. */
    private boolean proven;
    private boolean waitingForNetworkLogged;
    private String lastFailure;
    /** Short connections in a row since the last stable one. */
    private int streak;
    private String streakReason;
    private boolean streakAtMaxLogged;
    private long ended;

    Reconnects(String name, String address, Backoff.Config reconnect, Duration stableAfter, boolean needsData,
            DoubleSupplier random, System.Logger log) {
        this.name = name;
        this.address = address;
        this.backoff = new Backoff(reconnect, random);
        this.max = reconnect.max();
        this.atMax = new Backoff(new Backoff.Config(max, max, reconnect.jitter()), random);
        this.shortConnection = "each time for less than " + Durations.format(stableAfter) + " (stableAfter)"
                + (needsData ? " or without data from the server" : "");
        this.log = log;
    }

    /** Starts afresh, as a task run does; {@code downNow} says whether {@code net.down} is current. */
    void start(boolean downNow) {
        backoff.reset();
        networkDown = downNow;
        proven = false;
        waitingForNetworkLogged = false;
        lastFailure = null;
        streak = 0;
        streakReason = null;
        streakAtMaxLogged = false;
    }

    /** {@code net.down} arrived; a connection that is up now proves the network works for it. */
    void networkDown(boolean connected) {
        networkDown = true;
        proven = connected;
    }

    /** {@code net.up} arrived. */
    void networkUp() {
        networkDown = false;
        waitingForNetworkLogged = false;
    }

    /** {@code net.up} cut a wait short: the next attempt is now, and the waits start again. */
    void retryNow() {
        log.log(INFO, name + ": network up (net.up); connecting now");
        backoff.reset();
        streakAtMaxLogged = false;
    }

    /** An attempt failed: logs it and returns the wait before the next one. */
    Duration failed(String reason) {
        Duration wait = nextWait();
        String line = name + ": cannot connect to " + address + ": " + reason + "; retrying in "
                + Durations.format(wait);
        if (reason.equals(lastFailure)) {
            log.log(DEBUG, () -> line);
        } else {
            log.log(WARNING, line);
        }
        lastFailure = reason;
        return wait;
    }

    /** A connection is up. */
    void connected() {
        proven = true;
        waitingForNetworkLogged = false;
        String line = name + " up: connected to " + address;
        if (streak >= 2) {
            log.log(DEBUG, () -> line);
        } else {
            log.log(INFO, line);
        }
    }

    /** The connection has been up for {@code stableAfter} (with data, if that is needed): the waits start again. */
    void stable() {
        if (streak >= 2) {
            log.log(INFO, name + ": stable again after " + Text.count(streak, "short connection") + " in a row");
        }
        backoff.reset();
        lastFailure = null;
        streak = 0;
        streakReason = null;
        streakAtMaxLogged = false;
    }

    /**
     * A connection ended: logs it and returns the wait before the next attempt.
     *
     * @param wasStable whether {@link #stable} was called for it
     */
    Duration ended(String reason, boolean wasStable) {
        ended++;
        if (wasStable) {
            Duration wait = nextWait();
            log.log(WARNING, name + " down: " + reason + "; reconnecting in " + Durations.format(wait));
            return wait;
        }
        streak++;
        boolean reachesMax = backoff.atMax(); // connected() proved the network: the wait is the backoff's
        Duration wait = nextWait();
        String down = name + " down: " + reason + "; reconnecting in " + Durations.format(wait);
        boolean begins = streak == 2;
        boolean newReason = streak > 2 && !reason.equals(streakReason);
        boolean firstAtMax = reachesMax && !streakAtMaxLogged;
        streakReason = reason;
        if (streak == 1) {
            log.log(WARNING, down);
            return wait;
        }
        if (begins || newReason || firstAtMax) {
            streakAtMaxLogged |= reachesMax;
            log.log(WARNING, name + ": connected and closed " + streak + " times in a row"
                    + (begins || newReason ? ", " + shortConnection + "; last: " + reason : "")
                    + (reachesMax ? "; backing off to " + Durations.format(max)
                            : "; backing off, reconnecting in " + Durations.format(wait)));
        } else {
            log.log(DEBUG, () -> down);
        }
        return wait;
    }

    /** How many connections have ended, each followed by reconnecting. */
    long reconnects() {
        return ended;
    }

    /**
     * The next wait of the backoff, in whole milliseconds, so that what the log says is what is
     * waited; the longest one while the network is reported down and no connection proved otherwise.
     */
    private Duration nextWait() {
        if (networkDown && !proven) {
            if (!waitingForNetworkLogged) {
                waitingForNetworkLogged = true;
                log.log(INFO, name + ": network down (net.down); trying " + address + " every "
                        + Durations.format(max) + " (reconnect.max) until net.up");
            }
            return atMax.next().truncatedTo(ChronoUnit.MILLIS);
        }
        return backoff.next().truncatedTo(ChronoUnit.MILLIS);
    }
}
