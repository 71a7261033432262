package org.perthensis.debounce;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;

/** Writes down every callback as "when: what", with times since the virtual epoch, such as "23ms: pin 17 high". */
final class PinRecorder implements PinListener {

    final List<String> lines = new ArrayList<>();
    private final Scheduler scheduler;

    PinRecorder(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void changed(PinChange c) {
        add("pin " + c.pin() + " " + (c.high() ? "high" : "low") + (c.pressed() ? " pressed" : " released")
                + " at " + since(c.at()) + (c.initial() ? " initial" : ""));
    }

    @Override
    public void pressed(int pin, Instant at) {
        add("pin " + pin + " press at " + since(at));
    }

    @Override
    public void released(int pin, Instant at, Duration held) {
        add("pin " + pin + " release at " + since(at) + " held " + Durations.format(held));
    }

    @Override
    public void longPressed(int pin, Instant at) {
        add("pin " + pin + " long at " + since(at));
    }

    @Override
    public void clicked(int pin, int count) {
        add("pin " + pin + " clicks " + count);
    }

    private void add(String what) {
        lines.add(Durations.format(scheduler.clock().elapsed()) + ": " + what);
    }

    static String since(Instant at) {
        return Durations.format(Duration.between(Scheduler.Builder.VIRTUAL_EPOCH, at));
    }
}
