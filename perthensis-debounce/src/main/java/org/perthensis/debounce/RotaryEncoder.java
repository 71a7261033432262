package org.perthensis.debounce;

import com.pi4j.context.Context;
import org.perthensis.api.Scheduler;

/**
 * A quadrature rotary encoder decoded with a transition table: Perthensis's
 * {@code DebouncedRotary}. A move of the two lines counts only when exactly one line changes,
 * so contact jitter never produces a step; see {@link RotaryConfig#mode()} for when a detent
 * counts.
 *
 * <pre>{@code
 * RotaryEncoder volume = RotaryEncoder.attach(scheduler, pi4j, RotaryConfig.of(4, 5).withRange(0, 100, false),
 *         (delta, value) -> System.out.println("volume " + value));
 * }</pre>
 *
 * <p>Methods must be called on the loop (from a task, a listener or a posted action), or
 * before the loop runs.
 */
public interface RotaryEncoder extends AutoCloseable {

    /**
     * An encoder whose line levels the caller reports with {@link #levels}; the lines start at rest.
     *
     * @param config the encoder's settings; {@code clk}, {@code dt} and {@code pull} are not used here
     * @param listener what hears of each detent
     * @return the encoder
     */
    static RotaryEncoder create(RotaryConfig config, RotaryListener listener) {
        return new DecodingRotary(config, config.initial(), listener, DecodingRotary.LOG);
    }

    /**
     * Opens the encoder's two lines as Pi4J inputs with their pull resistors: their listeners
     * hand every edge to the loop, and the levels read now are where decoding starts.
     * {@link #close()} shuts the inputs down again.
     *
     * @param scheduler the scheduler whose loop receives the edges
     * @param pi4j the Pi4J context
     * @param config the encoder's settings
     * @param listener what hears of each detent
     * @return the encoder
     * @throws IllegalStateException if Pi4J cannot open a line as an input
     */
    static RotaryEncoder attach(Scheduler scheduler, Context pi4j, RotaryConfig config, RotaryListener listener) {
        return DecodingRotary.attach(scheduler, pi4j, config, config.initial(), listener, DecodingRotary.LOG);
    }

    /**
     * Reports the lines' levels, as read after an edge. Must be called on the loop.
     *
     * @param clkHigh whether the CLK (A) line is high
     * @param dtHigh whether the DT (B) line is high
     */
    void levels(boolean clkHigh, boolean dtHigh);

    /**
     * The current value.
     *
     * @return the value, within {@code min}..{@code max} if those are set
     */
    int value();

    /** Shuts the Pi4J inputs down, if {@link #attach} opened them. */
    @Override
    void close();
}
