/**
 * A status LED that blinks in a pattern while the scheduler runs: Perthensis's {@code Heartbeat}.
 *
 * <p>As a task type, {@code heartbeat} in {@code perthensis.json} (see {@link HeartbeatProvider}).
 * As a library:
 *
 * <pre>{@code
 * Scheduler scheduler = Scheduler.create();
 * DigitalOutput pin = ...;                     // from your Pi4J context
 * scheduler.spawn("status", new Heartbeat(LedOutput.of(pin, false))::beat);
 * scheduler.runForever();
 * }</pre>
 *
 * <p>An {@link LedOutput} is whatever can be lit: a Pi4J output ({@link LedOutput#of}), a Linux
 * LED device such as the Raspberry Pi's {@code ACT} LED ({@link LedDevice}), or a lambda.
 * {@link Alert}s switch to another pattern while an event-signalled condition lasts.
 */
package org.perthensis.heartbeat;
