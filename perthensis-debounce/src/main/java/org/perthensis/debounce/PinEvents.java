package org.perthensis.debounce;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;

import java.time.Duration;
import java.time.Instant;
import org.perthensis.api.Events;

/** Publishes what a debounced pin does as {@code debounce.<name>} events. */
final class PinEvents implements PinListener {

    private final Events events;
    private final String topic;
    private final String name;
    private final System.Logger log;

    PinEvents(Events events, String name, System.Logger log) {
        this.events = events;
        this.topic = "debounce." + name;
        this.name = name;
        this.log = log;
    }

    @Override
    public void changed(PinChange change) {
        if (change.initial()) {
            log.log(INFO, () -> describe(change) + " at start");
        } else {
            log.log(DEBUG, () -> describe(change));
        }
        events.publish(topic, Payloads.of(
                "level", change.high() ? 1 : 0,
                "pressed", change.pressed(),
                "at", change.at().toString(),
                "initial", change.initial()));
    }

    @Override
    public void pressed(int pin, Instant at) {
        events.publish(topic + ".press", Payloads.of("at", at.toString()));
    }

    @Override
    public void released(int pin, Instant at, Duration held) {
        events.publish(topic + ".release", Payloads.of("at", at.toString(), "heldMillis", held.toMillis()));
    }

    @Override
    public void longPressed(int pin, Instant at) {
        log.log(DEBUG, () -> "debounce '" + name + "': long press on pin " + pin);
        events.publish(topic + ".long", Payloads.of("at", at.toString()));
    }

    @Override
    public void clicked(int pin, int count) {
        log.log(DEBUG, () -> "debounce '" + name + "': " + count + " click(s) on pin " + pin);
        events.publish(topic + ".clicks", Payloads.of("count", count));
    }

    private String describe(PinChange change) {
        return "debounce '" + name + "': pin " + change.pin() + " is " + (change.high() ? "high" : "low")
                + (change.pressed() ? " (pressed)" : " (released)");
    }
}
