package org.perthensis.debounce;

import static java.lang.System.Logger.Level.ERROR;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * One pin's debouncing and button state, driven by edges and by the time its
 * {@link #nextDeadline()} comes. Knows nothing of threads or Pi4J.
 *
 * <p>A decision due at some time (a long press, the end of a click series) is taken only if no
 * burst of edges was under way by then; otherwise it waits until that burst settles, so a
 * release that began before the long-press time is never mistaken for a long press.
 */
final class DebouncedPin {

    static final long NONE = Long.MAX_VALUE;

    /** Where a button stands between its settled levels. */
    private enum Phase {
        /** Not pressed. */
        RELEASED,
        /** Pressed, not yet long: a release now is a click. */
        PRESSED,
        /** Pressed and reported long, or pressed since the start: a release now is no click. */
        HELD
    }

    final int pin;
    private final boolean invert;
    private final long settle;
    private final long longPress;
    private final long multiClick;
    private final PinListener listener;
    private final LongFunction<Instant> wallTime;
    private final System.Logger log;
    /** The Pi4J input feeding this pin, if it was attached. */
    GpioInput input;

    private boolean rawHigh;
    private long lastEdge = Long.MIN_VALUE;
    /** No edge since the last settle. */
    private boolean quiet = true;
    /** When the current burst of edges began. */
    private long burstStart;
    private boolean settled;
    private boolean settledHigh;
    private Phase phase = Phase.RELEASED;
    private long pressedAt;
    private long releasedAt;
    private int clicks;

    DebouncedPin(DebounceConfig config, PinListener listener, LongFunction<Instant> wallTime, System.Logger log) {
        this.pin = config.pin();
        this.invert = config.invert();
        this.settle = nanos(config.settle());
        this.longPress = nanos(config.longPress());
        this.multiClick = nanos(config.multiClick());
        this.listener = listener;
        this.wallTime = wallTime;
        this.log = log;
    }

    /** The level is now {@code high}, since {@code at}. An edge older than the last one is stale and ignored. */
    void edge(boolean high, long at) {
        if (at < lastEdge) {
            return;
        }
        if (quiet) {
            quiet = false;
            burstStart = at;
        }
        rawHigh = high;
        lastEdge = at;
    }

    /** Takes every decision due by {@code now}: settling, a long press, the end of a click series. */
    void advance(long now) {
        decideDeadlines(now);
        if (!quiet && now >= plus(lastEdge, settle)) {
            settle();
            decideDeadlines(now); // the ones that waited for this burst to settle
        }
    }

    /** When {@link #advance} next has something to decide, or {@link #NONE}. */
    long nextDeadline() {
        long next = quiet ? NONE : plus(lastEdge, settle);
        if (phase == Phase.PRESSED && longPress > 0) {
            next = Math.min(next, ifDecidable(plus(pressedAt, longPress)));
        }
        if (phase == Phase.RELEASED && clicks > 0) {
            next = Math.min(next, ifDecidable(plus(releasedAt, multiClick)));
        }
        return next;
    }

    private void decideDeadlines(long now) {
        if (phase == Phase.PRESSED && longPress > 0) {
            long due = plus(pressedAt, longPress);
            if (now >= due && decidable(due)) {
                phase = Phase.HELD;
                endClickSeries();
                call(l -> l.longPressed(pin, wallTime.apply(due)));
            }
        }
        if (phase == Phase.RELEASED && clicks > 0 && now >= plus(releasedAt, multiClick)
                && decidable(plus(releasedAt, multiClick))) {
            endClickSeries();
        }
    }

    private boolean decidable(long due) {
        return quiet || burstStart > due;
    }

    private long ifDecidable(long due) {
        return decidable(due) ? due : NONE;
    }

    private void settle() {
        quiet = true;
        if (settled && rawHigh == settledHigh) {
            return; // a bounce that came back
        }
        boolean initial = !settled;
        settled = true;
        settledHigh = rawHigh;
        boolean high = rawHigh;
        boolean pressed = high != invert;
        long at = lastEdge;
        Instant when = wallTime.apply(at);
        call(l -> l.changed(new PinChange(pin, high, pressed, when, initial)));
        if (initial) {
            phase = pressed ? Phase.HELD : Phase.RELEASED;
            pressedAt = at;
        } else if (pressed) {
            phase = Phase.PRESSED;
            pressedAt = at;
            call(l -> l.pressed(pin, when));
        } else {
            boolean click = phase == Phase.PRESSED;
            phase = Phase.RELEASED;
            Duration held = Duration.ofNanos(at - pressedAt);
            call(l -> l.released(pin, when, held));
            if (click && multiClick > 0) {
                clicks++;
                releasedAt = at;
            }
        }
    }

    private void endClickSeries() {
        if (clicks > 0) {
            int count = clicks;
            clicks = 0;
            call(l -> l.clicked(pin, count));
        }
    }

    private void call(Consumer<PinListener> callback) {
        try {
            callback.accept(listener);
        } catch (RuntimeException e) {
            log.log(ERROR, "the listener of pin " + pin + " failed: " + e, e);
        }
    }

    private static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 4;
        }
    }

    private static long plus(long at, long nanos) {
        long sum = at + nanos;
        return ((at ^ sum) & (nanos ^ sum)) < 0 ? NONE - 1 : sum;
    }
}
