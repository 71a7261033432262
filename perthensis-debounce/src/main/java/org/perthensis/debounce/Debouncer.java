package org.perthensis.debounce;

import com.pi4j.context.Context;
import org.perthensis.api.Scheduler;

/**
 * Debounces any number of pins on one scheduler with one timer: Perthensis's
 * {@code TimerDebounce}. A pin is settled once its level has not changed for its
 * {@linkplain DebounceConfig#settle() settle} time; its listener hears of a settled level only
 * when it differs from the previous one, so a bounce that returns to the old level reports
 * nothing. The first settled level after a pin is added is reported once, marked initial.
 *
 * <p>The timer exists only while some pin is unsettled or a button has a long press or click
 * series pending: an idle debouncer costs nothing, and nothing polls.
 *
 * <pre>{@code
 * Debouncer pins = Debouncer.create(scheduler);
 * pins.attach(pi4j, DebounceConfig.of(12).withSettle(Duration.ofSeconds(3)),
 *         change -> System.out.println("door " + (change.pressed() ? "open" : "closed")));
 * }</pre>
 *
 * <p>{@link #postEdge} may be called from any thread; every other method must be called on
 * the loop (from a task, a listener or a posted action), or before the loop runs.
 */
public interface Debouncer extends AutoCloseable {

    /**
     * Creates a debouncer on {@code scheduler}, whose clock times the edges.
     *
     * @param scheduler the scheduler
     * @return a debouncer with no pins
     */
    static Debouncer create(Scheduler scheduler) {
        return new TimerDebouncer(scheduler);
    }

    /**
     * Adds a pin whose edges the caller reports with {@link #edge} or {@link #postEdge}.
     * Its first edge (the level it reads at start) begins its first settle period.
     *
     * @param pin the pin's settings; {@code pull} is not used here
     * @param listener what hears of the pin's settled levels and button events
     * @throws IllegalArgumentException if the pin was already added
     */
    void add(DebounceConfig pin, PinListener listener);

    /**
     * Opens the pin as a Pi4J input with its pull resistor and adds it: the input's listener
     * hands every edge to the loop, and the level read now is the pin's first edge.
     * {@link #remove} or {@link #close()} shuts the input down again.
     *
     * @param pi4j the Pi4J context
     * @param pin the pin's settings
     * @param listener what hears of the pin's settled levels and button events
     * @throws IllegalArgumentException if the pin was already added
     * @throws IllegalStateException if Pi4J cannot open the pin as an input
     */
    void attach(Context pi4j, DebounceConfig pin, PinListener listener);

    /**
     * Reports an edge: the pin's level is now {@code high}, since {@code nanos} on the
     * scheduler's clock. Must be called on the loop. An edge of a pin not added is ignored.
     *
     * @param pin the GPIO number
     * @param high the new level
     * @param nanos when it changed, on the scheduler's monotonic clock
     */
    void edge(int pin, boolean high, long nanos);

    /**
     * Reports an edge from any thread, such as a GPIO listener's: takes the time now and
     * posts the edge to the loop.
     *
     * @param pin the GPIO number
     * @param high the new level
     */
    void postEdge(int pin, boolean high);

    /**
     * Stops debouncing a pin, shutting its Pi4J input down if {@link #attach} opened it.
     * Removing a pin that is not there does nothing.
     *
     * @param pin the GPIO number
     */
    void remove(int pin);

    /** Removes every pin. */
    @Override
    void close();
}
