package org.perthensis.output;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;

/**
 * The state of one output and the rules it changes by: commands, the end of a pulse, the
 * {@code maxOn} limit. Every change drives the pin, is published as {@code output.<name>} and
 * logged. Runs on the loop, in the output's task.
 */
final class Switch {

    private static final long NONE = Long.MAX_VALUE;

    private final String name;
    private final OutputProvider.Config config;
    private final Scheduler scheduler;
    private final System.Logger log;
    private final Pin pin;
    private final String topic;

    private boolean on;
    private Instant since;
    private String why;
    /** When it last went on, on the monotonic clock: the start of the stretch {@code maxOn} limits. */
    private long onAt;
    /** When it goes off by itself (a pulse's end, or {@code maxOn}), on the monotonic clock, or {@link #NONE}. */
    private long offAt = NONE;
    private boolean offAtIsMaxOn;
    private Duration pulse;

    Switch(String name, OutputProvider.Config config, Scheduler scheduler, System.Logger log, Pin pin) {
        this.name = name;
        this.config = config;
        this.scheduler = scheduler;
        this.log = log;
        this.pin = pin;
        this.topic = "output." + name;
    }

    /** Drives the initial state and says so: the first state of every run is published. */
    void start(String where) {
        boolean initial = config.initial().equals("on");
        change(initial, "initial");
        log.log(INFO, () -> "output '" + name + "' started on " + where + ": " + (on ? "on" : "off")
                + (config.maxOn() == null ? "" : ", maxOn " + Durations.format(config.maxOn())));
    }

    void apply(Command command) {
        switch (command.kind()) {
            case ON -> turnOn(command.why());
            case OFF -> turnOff(command.why());
            case TOGGLE -> {
                if (on) {
                    turnOff(command.why());
                } else {
                    turnOn(command.why());
                }
            }
            case PULSE -> pulse(command.pulse(), command.why());
        }
    }

    private void turnOn(String by) {
        if (on) {
            if (pulse != null) {
                pulse = null;
                offAt = maxOnDeadline();
                offAtIsMaxOn = offAt != NONE;
                log.log(INFO, () -> "output '" + name + "' stays on, its pulse cancelled: " + by);
            } else {
                log.log(DEBUG, () -> "output '" + name + "' stays on: " + by);
            }
            return;
        }
        change(true, by);
        log.log(INFO, () -> "output '" + name + "' on: " + by);
    }

    private void turnOff(String by) {
        if (!on) {
            log.log(DEBUG, () -> "output '" + name + "' stays off: " + by);
            return;
        }
        change(false, by);
        log.log(INFO, () -> "output '" + name + "' off: " + by);
    }

    private void pulse(Duration length, String by) {
        if (!on) {
            change(true, by);
        }
        long end = saturatedAdd(scheduler.clock().nanos(), length);
        long limit = maxOnDeadline();
        pulse = length;
        if (limit <= end) {
            offAt = limit;
            offAtIsMaxOn = true;
            Duration left = Duration.ofNanos(limit - scheduler.clock().nanos());
            log.log(INFO, () -> "output '" + name + "' on for " + Durations.format(length) + ", cut to "
                    + Durations.format(left) + " by maxOn " + Durations.format(config.maxOn()) + ": " + by);
        } else {
            offAt = end;
            offAtIsMaxOn = false;
            log.log(INFO, () -> "output '" + name + "' on for " + Durations.format(length) + ": " + by);
        }
    }

    /** Turns it off if a pulse has ended or {@code maxOn} is reached. */
    void expire() {
        if (!on || scheduler.clock().nanos() < offAt) {
            return;
        }
        if (offAtIsMaxOn) {
            String reason = "maxOn " + Durations.format(config.maxOn()) + " reached";
            Instant wentOn = since;
            change(false, reason);
            log.log(WARNING, () -> "output '" + name + "' off: " + reason + " (on since " + wentOn + ")");
        } else {
            String reason = "pulse of " + Durations.format(pulse) + " ended";
            change(false, reason);
            log.log(INFO, () -> "output '" + name + "' off: " + reason);
        }
    }

    /**
     * How long until it goes off by itself.
     *
     * @return the time left, or empty if nothing is due
     */
    Optional<Duration> untilDue() {
        if (!on || offAt == NONE) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.max(0, offAt - scheduler.clock().nanos())));
    }

    /**
     * Leaves the output in its safe state, whatever ended the task. The level is written even
     * when the state says it is there already: a write that failed may have left the line anywhere.
     */
    void stop() {
        boolean safe = config.safe().equals("on");
        if (on != safe || since == null) {
            change(safe, "stopped");
        } else {
            pin.set(safe);
        }
    }

    boolean isOn() {
        return on;
    }

    private void change(boolean to, String by) {
        pin.set(to);
        boolean was = on;
        on = to;
        since = scheduler.clock().wallTime();
        why = by;
        pulse = null;
        if (to && !was) {
            onAt = scheduler.clock().nanos();
        }
        offAt = to ? maxOnDeadline() : NONE;
        offAtIsMaxOn = offAt != NONE;
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("on", on);
        state.put("since", since);
        state.put("why", why);
        scheduler.events().publish(topic, Collections.unmodifiableMap(state));
    }

    private long maxOnDeadline() {
        return config.maxOn() == null ? NONE : saturatedAdd(onAt, config.maxOn());
    }

    private static long saturatedAdd(long nanos, Duration d) {
        try {
            return Math.addExact(nanos, d.toNanos());
        } catch (ArithmeticException tooLong) {
            return NONE - 1;
        }
    }
}
