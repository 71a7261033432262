package org.perthensis.debounce;

import java.time.Instant;

/**
 * A pin's level has settled at a new value, or at its first value after start.
 *
 * @param pin the GPIO number
 * @param high whether the level is high
 * @param pressed the logical state: {@code high}, or its opposite when the pin is inverted
 * @param at when the level changed (its last edge); it is reported {@code settle} later
 * @param initial whether this is the first settled level since the pin was added
 */
public record PinChange(int pin, boolean high, boolean pressed, Instant at, boolean initial) {
}
