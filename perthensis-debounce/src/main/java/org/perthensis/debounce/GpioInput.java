package org.perthensis.debounce;

import static java.lang.System.Logger.Level.WARNING;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;

/** One Pi4J input that reports every edge, and its clean shutdown. */
final class GpioInput implements AutoCloseable {

    /** Receives an edge on Pi4J's thread. */
    @FunctionalInterface
    interface EdgeListener {
        void edge(boolean high);
    }

    private final Context pi4j;
    private final DigitalInput input;
    private final System.Logger log;

    private GpioInput(Context pi4j, DigitalInput input, System.Logger log) {
        this.pi4j = pi4j;
        this.input = input;
        this.log = log;
    }

    /**
     * Opens {@code pin} as an input with the given pull resistor and Pi4J's own debouncing
     * turned off: this module does the debouncing, and needs each edge when it happens.
     *
     * <p>Called on the loop, not in {@code blocking(...)}, as the heartbeat opens its output: the
     * one rule for every GPIO task. Pi4J loads its native code and probes the board when the
     * context is built (its providers' {@code initialize}), which the runtime does before the
     * loop runs; opening a pin is then one line request (gpiod) or sysfs export (linuxfs), short
     * like the LED device's sysfs writes, and the slow-turn warning would name a task whose open
     * is not. A pin opened in a blocking call that its task's cancellation abandons would stay
     * open with nobody to close it, and the restarted task could not open it again; on the loop,
     * every Pi4J create also comes from one thread.
     */
    static GpioInput open(Context pi4j, String id, int pin, String pull, EdgeListener listener, System.Logger log) {
        DigitalInput input;
        try {
            input = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                    .id(id)
                    .name(id)
                    .address(pin)
                    .pull(resistance(pull))
                    .debounce(0L)
                    .build());
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage());
            throw new IllegalStateException("cannot open GPIO " + pin + " as an input (is another task or program"
                    + " using it?): " + (why.endsWith(".") ? why.substring(0, why.length() - 1) : why), e);
        }
        input.addListener(event -> listener.edge(event.state() == DigitalState.HIGH));
        return new GpioInput(pi4j, input, log);
    }

    boolean high() {
        return input.state() == DigitalState.HIGH;
    }

    /** Shuts the input down and frees its id and pin, so that a restarted task can open it again. */
    @Override
    public void close() {
        try {
            pi4j.shutdown(input.id());
        } catch (RuntimeException e) {
            log.log(WARNING, "could not shut down GPIO input " + input.id() + ": " + e.getMessage());
        }
    }

    private static PullResistance resistance(String pull) {
        return switch (pull) {
            case "up" -> PullResistance.PULL_UP;
            case "down" -> PullResistance.PULL_DOWN;
            default -> PullResistance.OFF;
        };
    }
}
