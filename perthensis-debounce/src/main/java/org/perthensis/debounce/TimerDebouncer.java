package org.perthensis.debounce;

import static java.lang.System.Logger.Level.DEBUG;

import com.pi4j.context.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.perthensis.api.Checks;
import org.perthensis.api.Clock;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskHandle;

/**
 * The {@link Debouncer}: pins in a map, and at most one {@code after} task armed for the
 * earliest deadline among them. An edge that brings a deadline earlier re-arms it; one that
 * pushes deadlines later leaves it, and the timer re-arms when it finds nothing due yet.
 */
final class TimerDebouncer implements Debouncer {

    private static final System.Logger LOG = System.getLogger("org.perthensis.debounce");

    private final Scheduler scheduler;
    private final Clock clock;
    private final Map<Integer, DebouncedPin> pins = new LinkedHashMap<>();
    private TaskHandle timer;
    private long timerDue;
    private long timerArms;
    private long timerRuns;

    TimerDebouncer(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = scheduler.clock();
    }

    @Override
    public void add(DebounceConfig pin, PinListener listener) {
        add(pin, listener, LOG);
    }

    /** Adds a pin whose listener failures go to {@code log}. */
    DebouncedPin add(DebounceConfig pin, PinListener listener, System.Logger log) {
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(listener, "listener");
        requireFree(pin.pin());
        DebouncedPin added = new DebouncedPin(pin, listener, this::wallTime, log);
        pins.put(added.pin, added);
        return added;
    }

    @Override
    public void attach(Context pi4j, DebounceConfig pin, PinListener listener) {
        attach(pi4j, pin, listener, LOG);
    }

    /** Attaches a pin whose listener failures and input troubles go to {@code log}. */
    void attach(Context pi4j, DebounceConfig pin, PinListener listener, System.Logger log) {
        Objects.requireNonNull(pi4j, "pi4j");
        Objects.requireNonNull(listener, "listener");
        int id = pin.pin();
        requireFree(id);
        GpioInput input = GpioInput.open(pi4j, "debounce-" + id, id, pin.pull(), high -> postEdge(id, high), log);
        DebouncedPin added = add(pin, listener, log);
        added.input = input;
        edge(id, input.high(), clock.nanos());
    }

    @Override
    public void edge(int pin, boolean high, long nanos) {
        DebouncedPin p = pins.get(pin);
        if (p == null) {
            LOG.log(DEBUG, () -> "edge of pin " + pin + " ignored: the pin is not (or no longer) debounced");
            return;
        }
        p.edge(high, nanos);
        rearm(clock.nanos());
    }

    @Override
    public void postEdge(int pin, boolean high) {
        long at = clock.nanos(); // now, on the edge's thread: the loop may take a while to get to it
        scheduler.post(() -> edge(pin, high, at));
    }

    @Override
    public void remove(int pin) {
        DebouncedPin p = pins.remove(pin);
        if (p == null) {
            return;
        }
        if (p.input != null) {
            p.input.close();
        }
        rearm(clock.nanos());
    }

    @Override
    public void close() {
        for (Integer pin : List.copyOf(pins.keySet())) {
            remove(pin);
        }
    }

    private void requireFree(int pin) {
        if (pins.containsKey(pin)) {
            throw Checks.invalid("pin", "GPIO " + pin
                    + " is already debounced (by another task, or added twice); each pin can be debounced once");
        }
    }

    private void fire() {
        timer = null;
        timerRuns++;
        long now = clock.nanos();
        for (DebouncedPin p : List.copyOf(pins.values())) {
            if (pins.get(p.pin) == p) { // a listener may have removed it
                p.advance(now);
            }
        }
        rearm(now);
    }

    /** Keeps the one timer armed for the earliest deadline, and gone when there is none. */
    private void rearm(long now) {
        long next = DebouncedPin.NONE;
        for (DebouncedPin p : pins.values()) {
            next = Math.min(next, p.nextDeadline());
        }
        boolean armed = timer != null && !timer.isDone();
        if (next == DebouncedPin.NONE) {
            if (armed) {
                timer.cancel();
            }
            timer = null;
            return;
        }
        if (armed && timerDue <= next) {
            return; // it fires early, finds nothing due, and re-arms: cheaper than re-arming on every edge
        }
        if (armed) {
            timer.cancel();
        }
        timerDue = next;
        timerArms++;
        timer = scheduler.after("debounce timer", Duration.ofNanos(Math.max(0, next - now)), s -> fire());
    }

    private Instant wallTime(long nanos) {
        return clock.wallTime().minusNanos(clock.nanos() - nanos);
    }

    // for tests: proof that one timer serves every pin

    long timerArms() {
        return timerArms;
    }

    long timerRuns() {
        return timerRuns;
    }

    boolean timerArmed() {
        return timer != null && !timer.isDone();
    }
}
