package org.perthensis.heartbeat;

import com.pi4j.config.AddressConfig;
import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.io.exception.IOAlreadyExistsException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.Objects;

/** An LED on a Pi4J digital output. */
final class GpioLed implements LedOutput {
    private final DigitalOutput output;
    private final DigitalState onLevel;

    GpioLed(DigitalOutput output, boolean invert) {
        this.output = Objects.requireNonNull(output, "output");
        this.onLevel = invert ? DigitalState.LOW : DigitalState.HIGH;
    }

    @Override
    public void set(boolean on) {
        output.state(on ? onLevel : DigitalState.getInverseState(onLevel));
    }

    /**
     * Creates the output for {@code pin} under {@code id}, its level off from the start and again
     * when Pi4J shuts down. An output left registered under {@code id} by an earlier run of the
     * same task (kept so that the runtime can report its final level) is released first: Pi4J
     * refuses a second output with the same id or pin.
     *
     * <p>Called on the loop, as the debounce module opens its inputs: see {@code GpioInput.open}
     * there for why every GPIO task opens its pins that way.
     */
    static DigitalOutput claim(Context pi4j, String id, String name, int pin, boolean invert) {
        DigitalState off = invert ? DigitalState.HIGH : DigitalState.LOW;
        if (pi4j.registry().exists(id)) {
            pi4j.shutdown(id);
        }
        try {
            return pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                    .id(id)
                    .name(name)
                    .address(pin)
                    .initial(off)
                    .shutdown(off)
                    // Pi4J's idea of on, so the runtime's final-state line says off for an inverted LED left off.
                    .onState(invert ? DigitalState.LOW : DigitalState.HIGH));
        } catch (IOAlreadyExistsException e) {
            throw new IllegalStateException("gpio " + pin + " is already in use" + owner(pi4j, pin)
                    + "; give the heartbeat a pin of its own", e);
        }
    }

    private static String owner(Context pi4j, int pin) {
        for (IO<?, ?, ?> io : pi4j.registry().all().values()) {
            if (io.config() instanceof AddressConfig<?> address && Objects.equals(address.address(), pin)) {
                return " by Pi4J output '" + io.id() + "'";
            }
        }
        return "";
    }
}
