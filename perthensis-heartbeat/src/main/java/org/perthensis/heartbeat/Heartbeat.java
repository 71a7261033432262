package org.perthensis.heartbeat;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.perthensis.api.Checks;
import org.perthensis.api.FieldException;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Subscription;
import org.perthensis.api.Ticks;

/**
 * Blinks an LED in a repeating pattern on the scheduler, so that a stalled loop shows as a
 * stopped beat. Perthensis's {@code Heartbeat}.
 *
 * <p>{@link #beat(Scheduler)} first holds the LED on for the reset hold (2 s by default), so
 * that a board reset is visible, then repeats the pattern: even indexes are on-times, odd
 * indexes off-times, in milliseconds. The default {@code [50, 100, 100, 750]} beats twice a
 * second; any even number of positive durations is allowed, and the sum need not be 1000.
 * The first step of a pattern is on, so after the hold the LED stays on for the first
 * on-time too.
 *
 * <p>{@linkplain Alert Alerts} switch to another pattern while a condition signalled by events
 * lasts. Of several active alerts the one activated last is shown; when it ends, the latest
 * still active one is shown again, or else the normal pattern. A switch takes effect at once,
 * mid-step, starting the new pattern from its first (on) step. An alert that starts during the
 * reset hold is shown when the hold ends. An alert whose {@code on} topic was published before
 * {@code beat} started, and whose {@code until} topic was not, is shown from the start.
 *
 * <p>The steps follow one {@link Scheduler#ticks(Duration) fixed-rate schedule}, each due its
 * length after the start of the one before. A step the task is held up past begins at once
 * when it gets the turn, and the rhythm goes on from there, skipping the steps missed.
 *
 * <p>When the task ends (it is cancelled or the scheduler shuts down) the LED is left off.
 *
 * <pre>{@code
 * scheduler.spawn("status", new Heartbeat(LedOutput.of(pin, false))::beat);
 * }</pre>
 */
public final class Heartbeat {

    /** Two short beats a second: on 50 ms, off 100, on 100, off 750. */
    public static final List<Integer> DEFAULT_PATTERN = List.of(50, 100, 100, 750);

    /** How long the LED is held on at start: 2 s. */
    public static final Duration DEFAULT_RESET_HOLD = Duration.ofSeconds(2);

    private final LedOutput output;
    private final List<Integer> pattern;
    private final Duration resetHold;
    private final List<Alert> alerts;
    private final String name;
    private final System.Logger log;
    /** How often the beating task has woken, for tests: once a step, and once a switch of alert. */
    private long wakeUps;

    /**
     * A heartbeat with the default pattern and reset hold, and no alerts.
     *
     * @param output the LED
     */
    public Heartbeat(LedOutput output) {
        this(output, DEFAULT_PATTERN, DEFAULT_RESET_HOLD, List.of());
    }

    /**
     * A heartbeat with its own pattern, reset hold and alerts.
     *
     * @param output the LED
     * @param pattern on and off times in milliseconds: an even number of positive values
     * @param resetHold how long to hold the LED on at start; zero skips the hold
     * @param alerts patterns shown while conditions signalled by events last; may be empty
     * @throws FieldException for a bad value, naming the field as the configuration does,
     *         such as {@code alerts[1].pattern: ...}
     */
    public Heartbeat(LedOutput output, List<Integer> pattern, Duration resetHold, List<Alert> alerts) {
        this(output, pattern, resetHold, alerts, "heartbeat", System.getLogger(Heartbeat.class.getName()));
    }

    Heartbeat(LedOutput output, List<Integer> pattern, Duration resetHold, List<Alert> alerts, String name,
            System.Logger log) {
        this.output = Objects.requireNonNull(output, "output");
        this.pattern = Patterns.pattern("pattern", pattern);
        this.resetHold = Checks.notNegative("resetHold", Objects.requireNonNull(resetHold, "resetHold"), null);
        this.alerts = Patterns.alerts(Objects.requireNonNull(alerts, "alerts"));
        this.name = name;
        this.log = log;
    }

    /**
     * Runs the heartbeat until the calling task is cancelled, then leaves the LED off. Use it as
     * a task: {@code scheduler.spawn("status", heartbeat::beat)}.
     *
     * @param scheduler the scheduler running the calling task
     * @throws java.util.concurrent.CancellationException when the task is cancelled, the normal end
     * @throws RuntimeException whatever the output throws; the LED is still turned off if possible
     */
    public void beat(Scheduler scheduler) {
        Objects.requireNonNull(scheduler, "scheduler");
        AlertTracker tracker = new AlertTracker(alerts, scheduler, "heartbeat." + name);
        Led led = new Led();
        Throwable failure = null;
        try (Subscription following = tracker.follow()) {
            if (!resetHold.isZero()) {
                led.set(true);
                scheduler.sleep(resetHold);
            }
            run(scheduler, tracker, led);
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            try {
                led.set(false);
            } catch (RuntimeException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    private void run(Scheduler scheduler, AlertTracker tracker, Led led) {
        int shownAlert = AlertTracker.NONE;
        List<Integer> shown = null;
        Ticks steps = null; // a tick at the start of each step; its rate is the length of the step begun
        int step = 0;
        boolean stepEnded = false;
        while (true) {
            int alert = tracker.shown();
            if (shown == null || alert != shownAlert) {
                if (alert != shownAlert) {
                    logSwitch(alert);
                    shownAlert = alert;
                }
                // A switch starts the pattern afresh even when it equals the one shown: a new beat.
                shown = alert == AlertTracker.NONE ? pattern : alerts.get(alert).pattern();
                step = 0;
                steps = scheduler.ticks(Duration.ofMillis(shown.get(0)));
                steps.await(); // the first tick is due at once
            } else if (stepEnded) {
                step = (step + 1) % shown.size();
                steps.changeRate(Duration.ofMillis(shown.get(step)));
            }
            led.set(step % 2 == 0);
            stepEnded = tracker.awaitTick(steps);
            wakeUps++;
        }
    }

    long wakeUps() {
        return wakeUps;
    }

    private void logSwitch(int alert) {
        if (alert == AlertTracker.NONE) {
            log.log(INFO, () -> "heartbeat '" + name + "' back to its pattern " + pattern + " ms");
        } else {
            Alert a = alerts.get(alert);
            log.log(INFO, () -> "heartbeat '" + name + "' shows alert " + a.on() + " (until " + a.until() + "): pattern "
                    + a.pattern() + " ms");
        }
    }

    /** The output, written only when its state changes. */
    private final class Led {
        /** Null while unknown: before the first write, or after a write that failed. */
        private Boolean lit;

        void set(boolean on) {
            if (lit != null && lit == on) {
                return;
            }
            lit = null;
            output.set(on);
            lit = on;
            log.log(DEBUG, () -> "heartbeat '" + name + "' " + (on ? "on" : "off"));
        }
    }
}
