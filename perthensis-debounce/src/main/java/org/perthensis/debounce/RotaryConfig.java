package org.perthensis.debounce;

import java.util.List;
import org.perthensis.api.Checks;
import org.perthensis.api.FieldException;

/**
 * The settings of one rotary encoder: the {@code rotary} task type's configuration, and what
 * {@link RotaryEncoder#create} and {@link RotaryEncoder#attach} take.
 *
 * <p>Missing ({@code null}) fields get their defaults; bad values are rejected with a
 * {@link FieldException} naming the field, such as {@code step: must be at least 1, got 0}.
 *
 * <pre>{@code
 * RotaryConfig volume = RotaryConfig.of(4, 5).withRange(0, 100, false);
 * }</pre>
 *
 * @param clk the BCM GPIO number of the encoder's CLK (A) line; required
 * @param dt the BCM GPIO number of the encoder's DT (B) line; required, not {@code clk}
 * @param pull the pull resistor on both lines: {@code up}, {@code down} or {@code off} (default: {@code up})
 * @param invert whether the lines are low at rest instead of high (default: false)
 * @param reverse whether to swap clockwise and counter-clockwise (default: false)
 * @param mode {@code stable}: count a detent only after its full sequence of four transitions;
 *        {@code fast}: count when the lines return to rest, from the last transition alone
 *        (default: {@code stable})
 * @param min the lowest value (default: none)
 * @param max the highest value (default: none; at least {@code min})
 * @param step how much one detent changes the value (default: 1; positive)
 * @param initial the value at start (default: 0, or {@code min}/{@code max} if 0 is outside them)
 * @param wrap whether turning past one end continues from the other; needs {@code min} and
 *        {@code max} (default: false, the value stops at the ends)
 */
public record RotaryConfig(Integer clk, Integer dt, String pull, Boolean invert, Boolean reverse, String mode,
        Integer min, Integer max, Integer step, Integer initial, Boolean wrap) {

    /**
     * Supplies defaults and checks the values.
     *
     * @throws FieldException for a bad value, naming the field
     */
    public RotaryConfig {
        Checks.gpio("clk", clk);
        Checks.gpio("dt", dt);
        if (clk.equals(dt)) {
            throw Checks.invalid("dt", "must be another pin than clk, got " + dt + " for both");
        }
        pull = Checks.oneOf("pull", pull, "up", DebounceConfig.PULLS);
        invert = invert != null && invert;
        reverse = reverse != null && reverse;
        mode = Checks.oneOf("mode", mode, "stable", List.of("stable", "fast"));
        if (min != null && max != null && max < min) {
            throw Checks.invalid("max", "must be at least min (" + min + "), got " + max);
        }
        step = Checks.atLeast("step", step, 1, 1);
        wrap = wrap != null && wrap;
        if (wrap && (min == null || max == null)) {
            throw Checks.invalid("wrap", "must come with both min and max, to know where to wrap, got "
                    + (min != null ? "min " + min + " and no max" : max != null ? "max " + max + " and no min" : "neither"));
        }
        if (initial == null) {
            initial = min != null && min > 0 ? min : max != null && max < 0 ? max : 0;
        } else if (min != null && max != null) {
            initial = Checks.between("initial", initial, min, max, initial);
        } else if (min != null && initial < min) {
            throw Checks.invalid("initial", "must be at least min (" + min + "), got " + initial);
        } else if (max != null && initial > max) {
            throw Checks.invalid("initial", "must be at most max (" + max + "), got " + initial);
        }
    }

    /**
     * An encoder with every other setting at its default: pull-ups, stable mode, an unbounded value from 0.
     *
     * @param clk the CLK (A) line's GPIO number
     * @param dt the DT (B) line's GPIO number
     * @return the settings
     */
    public static RotaryConfig of(int clk, int dt) {
        return new RotaryConfig(clk, dt, null, null, null, null, null, null, null, null, null);
    }

    /**
     * These settings with a value range; the initial value moves into it if needed.
     *
     * @param min the lowest value
     * @param max the highest value, at least {@code min}
     * @param wrap whether turning past one end continues from the other
     * @return the new settings
     */
    public RotaryConfig withRange(int min, int max, boolean wrap) {
        Integer start = initial >= min && initial <= max ? initial : null;
        return new RotaryConfig(clk, dt, pull, invert, reverse, mode, min, max, step, start, wrap);
    }

    /**
     * These settings with another mode.
     *
     * @param mode {@code stable} or {@code fast}
     * @return the new settings
     */
    public RotaryConfig withMode(String mode) {
        return new RotaryConfig(clk, dt, pull, invert, reverse, mode, min, max, step, initial, wrap);
    }

    /**
     * These settings with other line polarities and direction.
     *
     * @param pull {@code up}, {@code down} or {@code off}
     * @param invert whether the lines are low at rest
     * @param reverse whether to swap the directions
     * @return the new settings
     */
    public RotaryConfig withLines(String pull, boolean invert, boolean reverse) {
        return new RotaryConfig(clk, dt, pull, invert, reverse, mode, min, max, step, initial, wrap);
    }

    /**
     * These settings with another step and initial value.
     *
     * @param step how much one detent changes the value, positive
     * @param initial the value at start, within the range
     * @return the new settings
     */
    public RotaryConfig withSteps(int step, int initial) {
        return new RotaryConfig(clk, dt, pull, invert, reverse, mode, min, max, step, initial, wrap);
    }

    boolean fast() {
        return mode.equals("fast");
    }
}
