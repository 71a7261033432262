package org.perthensis.debounce;

import java.time.Duration;
import java.util.List;
import org.perthensis.api.Checks;
import org.perthensis.api.Entities;
import org.perthensis.api.FieldException;

/**
 * The settings of one debounced pin: the {@code debounce} task type's configuration, and what
 * {@link Debouncer#add} and {@link Debouncer#attach} take.
 *
 * <p>Missing ({@code null}) fields get their defaults; bad values are rejected with a
 * {@link FieldException} naming the field, such as {@code settle: must be positive, got 0s}.
 *
 * <pre>{@code
 * DebounceConfig button = DebounceConfig.of(17).withPull("up").withInvert(true);
 * }</pre>
 *
 * @param pin the BCM GPIO number of the input, 0 to {@value Checks#MAX_GPIO}; required
 * @param pull the pull resistor: {@code up}, {@code down} or {@code off} (default: {@code down})
 * @param invert whether a low level means pressed, as for a button wired to ground (default: false)
 * @param settle how long the level must stay unchanged to count (default: 20ms; positive)
 * @param longPress how long a press lasts before it is reported as long, while still held
 *        (default: 1s; 0 turns long presses off)
 * @param multiClick how soon after a click the next press must begin to continue the series
 *        (default: 400ms; 0 turns click counting off)
 * @param deviceClass what the input is, for whoever shows it (Home Assistant over MQTT): one of
 *        Home Assistant's binary sensor device classes, such as {@code door} (pressed means open)
 *        (default: none, a plain on/off)
 */
public record DebounceConfig(Integer pin, String pull, Boolean invert, Duration settle,
        Duration longPress, Duration multiClick, String deviceClass) {

    static final Duration DEFAULT_SETTLE = Duration.ofMillis(20);
    static final Duration DEFAULT_LONG_PRESS = Duration.ofSeconds(1);
    static final Duration DEFAULT_MULTI_CLICK = Duration.ofMillis(400);
    /** The pull resistors a pin can have, for {@code pull} here and in {@link RotaryConfig}. */
    static final List<String> PULLS = List.of("up", "down", "off");

    /**
     * Supplies defaults and checks the values.
     *
     * @throws FieldException for a bad value, naming the field
     */
    public DebounceConfig {
        Checks.gpio("pin", pin);
        pull = Checks.oneOf("pull", pull, "down", PULLS);
        invert = invert != null && invert;
        settle = Checks.positive("settle", settle, DEFAULT_SETTLE);
        longPress = Checks.notNegative("longPress", longPress, DEFAULT_LONG_PRESS);
        multiClick = Checks.notNegative("multiClick", multiClick, DEFAULT_MULTI_CLICK);
        if (deviceClass != null && !Entities.isBinarySensorClass(deviceClass)) {
            throw Checks.invalid("deviceClass", "must be one of Home Assistant's binary sensor device classes, such as"
                    + " \"door\", \"window\" or \"motion\", got " + Checks.quote(deviceClass));
        }
    }

    /**
     * A pin with every other setting at its default.
     *
     * @param pin the GPIO (BCM) number
     * @return the settings
     */
    public static DebounceConfig of(int pin) {
        return new DebounceConfig(pin, null, null, null, null, null, null);
    }

    /**
     * These settings with another pull resistor.
     *
     * @param pull {@code up}, {@code down} or {@code off}
     * @return the new settings
     */
    public DebounceConfig withPull(String pull) {
        return new DebounceConfig(pin, pull, invert, settle, longPress, multiClick, deviceClass);
    }

    /**
     * These settings with another polarity.
     *
     * @param invert whether a low level means pressed
     * @return the new settings
     */
    public DebounceConfig withInvert(boolean invert) {
        return new DebounceConfig(pin, pull, invert, settle, longPress, multiClick, deviceClass);
    }

    /**
     * These settings with another settle time.
     *
     * @param settle how long the level must stay unchanged, positive
     * @return the new settings
     */
    public DebounceConfig withSettle(Duration settle) {
        return new DebounceConfig(pin, pull, invert, settle, longPress, multiClick, deviceClass);
    }

    /**
     * These settings with other button timings.
     *
     * @param longPress when a held press counts as long; 0 turns long presses off
     * @param multiClick how soon the next click must begin; 0 turns click counting off
     * @return the new settings
     */
    public DebounceConfig withButtonTimes(Duration longPress, Duration multiClick) {
        return new DebounceConfig(pin, pull, invert, settle, longPress, multiClick, deviceClass);
    }
}
