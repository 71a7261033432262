package org.perthensis.output;

import com.pi4j.config.AddressConfig;
import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.io.exception.IOAlreadyExistsException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.Objects;

/** An output's line as a Pi4J digital output. */
final class GpioPin implements Pin {

    private final DigitalOutput output;

    private GpioPin(DigitalOutput output) {
        this.output = output;
    }

    /**
     * Creates the output for {@code pin} under {@code id}, at the level of {@code initialOn} from
     * the first instant (an active-low relay must not click on while the pin is opened), and with
     * the level of {@code safeOn} for Pi4J to leave it at when the context shuts down. Its on
     * level is Pi4J's on-state too, so the runtime's report of the level it was left at says on
     * or off rightly for an active-low output. An output left registered under {@code id} by an
     * earlier run of the same task (kept so that the runtime can report its final level) is
     * released first: Pi4J refuses a second output with the same id or pin.
     *
     * <p>Called on the loop, as the heartbeat and the debounce inputs open their pins: Pi4J loads
     * its native code when the runtime builds the context, and opening a line is then short.
     */
    static GpioPin open(Context pi4j, String id, String name, int pin, boolean invert, boolean initialOn,
            boolean safeOn) {
        DigitalState onLevel = invert ? DigitalState.LOW : DigitalState.HIGH;
        DigitalState offLevel = DigitalState.getInverseState(onLevel);
        if (pi4j.registry().exists(id)) {
            pi4j.shutdown(id);
        }
        try {
            return new GpioPin(pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                    .id(id)
                    .name(name)
                    .address(pin)
                    .onState(onLevel)
                    .initial(initialOn ? onLevel : offLevel)
                    .shutdown(safeOn ? onLevel : offLevel)));
        } catch (IOAlreadyExistsException e) {
            throw new IllegalStateException("gpio " + pin + " is already in use" + owner(pi4j, pin)
                    + "; give the output a pin of its own", e);
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage());
            throw new IllegalStateException("cannot open GPIO " + pin + " as an output (is another task or program"
                    + " using it?): " + (why.endsWith(".") ? why.substring(0, why.length() - 1) : why), e);
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

    @Override
    public void set(boolean on) {
        if (on) {
            output.on();
        } else {
            output.off();
        }
    }

    @Override
    public String level() {
        return String.valueOf(output.state());
    }
}
