package org.perthensis.heartbeat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.perthensis.api.Event;
import org.perthensis.api.Events;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Subscription;
import org.perthensis.api.Ticks;

/**
 * Which alerts are active, in the order they became active. One listener per pattern of the
 * alerts keeps this exact, seeing exactly the events that may change it; when the alert to show
 * changes, it says so on {@code heartbeat.<name>}, which is what the beating task waits for. An
 * event on any other topic wakes neither.
 */
final class AlertTracker {
    static final int NONE = -1;

    private final List<Alert> alerts;
    private final Scheduler scheduler;
    /** Where a change of the alert to show is published: the beating task's wake-up call. */
    private final String topic;
    /** Indexes into {@link #alerts}; the last one is the latest activated, which is shown. */
    private final List<Integer> active = new ArrayList<>();
    /** The event last taken into account: one matching two patterns reaches two listeners. */
    private Event seen;

    AlertTracker(List<Alert> alerts, Scheduler scheduler, String topic) {
        this.alerts = alerts;
        this.scheduler = scheduler;
        this.topic = topic;
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

    /** Starts following the alerts' events, with one subscription per pattern; closing the result stops it. */
    Subscription follow() {
        Set<String> patterns = new LinkedHashSet<>();
        for (Alert alert : alerts) {
            patterns.add(alert.on());
            patterns.add(alert.until());
        }
        List<Subscription> subscriptions = new ArrayList<>();
        for (String pattern : patterns) {
            subscriptions.add(scheduler.events().subscribe(pattern, this::update));
        }
        return () -> subscriptions.forEach(Subscription::close);
    }

    private void update(Event event) {
        if (event == seen) {
            return;
        }
        seen = event;
        int before = shown();
        String topicSeen = event.topic();
        for (int i = 0; i < alerts.size(); i++) {
            Alert alert = alerts.get(i);
            if (Events.matches(alert.until(), topicSeen)) {
                active.remove(Integer.valueOf(i));
            } else if (Events.matches(alert.on(), topicSeen) && !active.contains(i)) {
                active.add(i);
            }
        }
        int now = shown();
        if (now != before) {
            announce(now);
        }
    }

    /**
     * Publishes the alert now to show. Posted, so that the event that caused it reaches every
     * other listener first, and whoever follows both sees them in that order.
     */
    private void announce(int shown) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("alert", shown == NONE ? null : alerts.get(shown).on());
        payload.put("until", shown == NONE ? null : alerts.get(shown).until());
        Map<String, Object> fixed = Collections.unmodifiableMap(payload);
        scheduler.post(() -> scheduler.events().publish(topic, fixed));
    }

    /** The index of the alert to show, or {@link #NONE}. */
    int shown() {
        return active.isEmpty() ? NONE : active.getLast();
    }

    /**
     * Waits for the next tick of {@code steps}, waking early when the alert to show changes. A
     * tick held up past its time (the work overran, or the loop was busy) comes at once and the
     * schedule goes on from there, by the rule of {@link Ticks}.
     *
     * @return whether the tick came and was taken; {@code false} if the alert to show changed first
     */
    boolean awaitTick(Ticks steps) {
        if (alerts.isEmpty()) {
            steps.await();
            return true;
        }
        return steps.await(topic).isEmpty();
    }
}
