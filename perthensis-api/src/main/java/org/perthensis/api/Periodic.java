package org.perthensis.api;

import java.time.Duration;

/**
 * A task whose body runs at a fixed rate: tasko's scheduled task.
 *
 * <p>Runs are due at {@code t0 + k * period} with no drift. A run that overruns its period
 * starts the next run at once and re-anchors the schedule there, so there is never a burst
 * of catch-up runs. {@link #cancel()} ends the periodic task for good; {@link #stop()} and
 * {@link #start()} pause and resume it.
 *
 * <p>All methods but those of {@link TaskHandle} that allow it must be called on the loop
 * (from a task, a listener or a posted action).
 */
public interface Periodic extends TaskHandle {

    /**
     * Changes the period. The run already due keeps its time; the period after it uses the
     * new rate.
     *
     * @param period the new period, positive
     * @throws IllegalArgumentException if {@code period} is zero or negative
     */
    void changeRate(Duration period);

    /**
     * The current period.
     *
     * @return the period
     */
    Duration period();

    /**
     * Pauses the schedule. A run in progress is never interrupted; no further run starts
     * until {@link #start()}.
     */
    void stop();

    /**
     * Resumes a stopped schedule: the next run happens at the next step, then every period.
     * Starting a schedule that is not stopped does nothing, so a run is never scheduled twice.
     */
    void start();

    /**
     * Whether the schedule is paused by {@link #stop()}.
     *
     * @return {@code true} while stopped
     */
    boolean isStopped();

    /**
     * How many times the body has been started.
     *
     * @return the run count
     */
    long runs();
}
