package org.perthensis.debounce;

/**
 * Hears of each detent a {@link RotaryEncoder} counts. Runs on the loop: it must not suspend,
 * and an exception it throws is logged and does not stop the encoder.
 */
@FunctionalInterface
public interface RotaryListener {

    /**
     * The encoder moved one detent.
     *
     * @param delta {@code +1} clockwise, {@code -1} counter-clockwise (swapped by {@code reverse})
     * @param value the value after the move: changed by {@code delta * step}, then kept within
     *        {@code min}..{@code max} or wrapped
     */
    void turned(int delta, int value);
}
