package org.perthensis.debounce;

import com.pi4j.context.Context;
import java.time.Instant;
import java.util.function.Consumer;
import org.perthensis.api.Scheduler;

/** The README's library example: a button and a volume knob on one scheduler. */
final class ButtonAndKnob {

    private ButtonAndKnob() {
    }

    static void wire(Scheduler scheduler, Context pi4j, Consumer<String> out) {
        // One debouncer serves any number of pins with a single timer.
        Debouncer pins = Debouncer.create(scheduler);

        // A button from GPIO 17 to ground: pull-up, pressed when low.
        pins.attach(pi4j, DebounceConfig.of(17).withPull("up").withInvert(true), new PinListener() {
            @Override
            public void changed(PinChange change) {
                out.accept("button " + (change.pressed() ? "down" : "up"));
            }

            @Override
            public void longPressed(int pin, Instant at) {
                out.accept("button held");
            }

            @Override
            public void clicked(int pin, int count) {
                out.accept(count + " click(s)");
            }
        });

        // A volume knob on GPIO 4 (CLK) and 5 (DT), from 0 to 100 in steps of 5.
        RotaryEncoder.attach(scheduler, pi4j,
                RotaryConfig.of(4, 5).withRange(0, 100, false).withSteps(5, 50),
                (delta, value) -> out.accept("volume " + value));
    }
}
