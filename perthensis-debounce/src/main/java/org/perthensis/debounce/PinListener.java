package org.perthensis.debounce;

import java.time.Duration;
import java.time.Instant;

/**
 * Receives what a {@link Debouncer} makes of one or more pins. Only {@link #changed} must be
 * implemented, so a lambda does for a plain debounced pin; a button overrides the others.
 *
 * <p>Methods run on the loop, in a task: they must not suspend, and an exception they throw
 * is logged and does not stop the debouncer.
 */
@FunctionalInterface
public interface PinListener {

    /**
     * The pin's level has settled at a new value, or at its first value after start.
     *
     * @param change the pin, level, logical state and time
     */
    void changed(PinChange change);

    /**
     * The pin became pressed (not called for the initial level). Follows {@link #changed}.
     *
     * @param pin the GPIO number
     * @param at when the press began (the level's last edge)
     */
    default void pressed(int pin, Instant at) {
    }

    /**
     * The pin was released (not called for the initial level). Follows {@link #changed}.
     *
     * @param pin the GPIO number
     * @param at when the release happened (the level's last edge)
     * @param held how long the pin was pressed
     */
    default void released(int pin, Instant at, Duration held) {
    }

    /**
     * The pin has been pressed for the long-press time and still is.
     *
     * @param pin the GPIO number
     * @param at when the press reached the long-press time
     */
    default void longPressed(int pin, Instant at) {
    }

    /**
     * A series of short presses ended: no new press began within the multi-click time of the
     * last release, or a press of the series became long.
     *
     * @param pin the GPIO number
     * @param count how many clicks the series had, 1 or more
     */
    default void clicked(int pin, int count) {
    }
}
