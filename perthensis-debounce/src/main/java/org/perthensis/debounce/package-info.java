/**
 * Debounced inputs on the cooperative scheduler.
 *
 * <p>{@link org.perthensis.debounce.Debouncer} settles any number of pins with one scheduler
 * timer that exists only while some pin is unsettled, and reports button presses, releases,
 * long presses and multi-clicks. {@link org.perthensis.debounce.RotaryEncoder} decodes a
 * quadrature encoder with a transition table, so contact jitter never produces a step.
 * Both take edges from Pi4J inputs, or from any other source on the loop.
 *
 * <p>As runtime task types: {@link org.perthensis.debounce.DebounceProvider} ({@code debounce})
 * and {@link org.perthensis.debounce.RotaryProvider} ({@code rotary}).
 */
package org.perthensis.debounce;
