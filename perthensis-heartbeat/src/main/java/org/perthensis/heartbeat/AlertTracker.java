package org.perthensis.heartbeat;

import java.util.ArrayList;
import java.util.List;
import org.perthensis.api.Event;
import org.perthensis.api.Events;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Subscription;
import org.perthensis.api.Ticks;

/**
 * Which alerts are active, in the order they became active. A listener keeps this exact, since
 * it sees every event; the beating task only waits on the same events to notice a change at once.
 */
final class AlertTracker {
    static final int NONE = -1;

    private final List<Alert> alerts;
    private final Scheduler scheduler;
    /** One pattern that every {@code on} and {@code until} falls under, or null without alerts. */
    private final String watch;
    /** Indexes into {@link #alerts}; the last one is the latest activated, which is shown. */
    private final List<Integer> active = new ArrayList<>();

    AlertTracker(List<Alert> alerts, Scheduler scheduler) {
        this.alerts = alerts;
        this.scheduler = scheduler;
        this.watch = alerts.isEmpty() ? null : commonPrefix(alerts) + "*";
        for (int i = 0; i < alerts.size(); i++) {
            if (activeBefore(alerts.get(i), scheduler.events())) {
                active.add(i);
            }
        }
    }

    /**
     * Whether the alert was already on when we started: its start was published, and its end not
     * since. {@link Events#last(String)} knows exact topics only, so an alert whose start is a
     * prefix waits for the next event; one whose end is a prefix counts as still on.
     */
    private static boolean activeBefore(Alert alert, Events events) {
        if (alert.on().endsWith("*")) {
            return false;
        }
        return events.last(alert.on())
                .filter(on -> alert.until().endsWith("*") || on.isNewerThan(events.last(alert.until()).orElse(null)))
                .isPresent();
    }

    private static String commonPrefix(List<Alert> alerts) {
        String prefix = null;
        for (Alert alert : alerts) {
            for (String pattern : List.of(alert.on(), alert.until())) {
                String fixed = pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
                prefix = prefix == null ? fixed : sharedStart(prefix, fixed);
            }
        }
        return prefix;
    }

    private static String sharedStart(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return a.substring(0, n);
    }

    /** Starts following events; closing the subscription stops it. */
    Subscription follow() {
        return watch == null ? () -> { } : scheduler.events().subscribe(watch, this::update);
    }

    private void update(Event event) {
        String topic = event.topic();
        for (int i = 0; i < alerts.size(); i++) {
            Alert alert = alerts.get(i);
            if (Events.matches(alert.until(), topic)) {
                active.remove(Integer.valueOf(i));
            } else if (Events.matches(alert.on(), topic) && !active.contains(i)) {
                active.add(i);
            }
        }
    }

    /** The index of the alert to show, or {@link #NONE}. */
    int shown() {
        return active.isEmpty() ? NONE : active.getLast();
    }

    /**
     * Waits for the next tick of {@code steps}, waking early on an event that may have changed
     * the alerts. A tick held up past its time (the work overran, or the loop was busy) comes at
     * once and the schedule goes on from there, by the rule of {@link Ticks}.
     *
     * @return whether the tick came and was taken; {@code false} if an event came first
     */
    boolean awaitTick(Ticks steps) {
        if (watch == null) {
            steps.await();
            return true;
        }
        scheduler.events().await(watch, steps.untilDue());
        if (steps.isDue()) {
            steps.await();
            return true;
        }
        return false;
    }
}
