package org.perthensis.heartbeat;

import com.pi4j.io.gpio.digital.DigitalOutput;

/**
 * An LED that can be lit and darkened: a GPIO pin, a Linux LED device, or anything a test records.
 *
 * <p>{@link Heartbeat} calls {@link #set(boolean)} on the loop, and only when the state changes.
 */
@FunctionalInterface
public interface LedOutput {

    /**
     * Lights or darkens the LED.
     *
     * @param on {@code true} to light it
     */
    void set(boolean on);

    /**
     * An LED on a Pi4J digital output.
     *
     * @param output the output, created by the caller from its Pi4J context
     * @param invert {@code true} for an LED wired active low, lit while the output is LOW
     * @return an LED output writing HIGH for on, or LOW for on when inverted
     */
    static LedOutput of(DigitalOutput output, boolean invert) {
        return new GpioLed(output, invert);
    }
}
