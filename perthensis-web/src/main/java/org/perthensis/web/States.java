package org.perthensis.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.perthensis.api.Clock;
import org.perthensis.api.Event;
import org.perthensis.api.Events;
import org.perthensis.api.TaskInfo;

/**
 * The well-known states the page shows at the top, read from the latest well-known events
 * ({@link Events#last(String)}) and the task list, so that no other module's types are needed:
 * the network ({@code net.up} / {@code net.down}), the time ({@code ntp.synced} /
 * {@code ntp.failed}), each link of a task ({@code <type>.<name>.up} / {@code .down}, as the
 * {@code connection} and {@code mqtt} tasks publish) and each heartbeat's alert
 * ({@code heartbeat.<name>}). Read on the loop.
 */
final class States {

    /**
     * One line of the page's states.
     *
     * @param label what it is about, such as {@code Network} or {@code connection uplink}
     * @param value the state in a word or two: {@code up}, {@code down}, {@code synced}
     * @param detail what else the event said, such as the probe that failed; may be empty
     * @param since when the state began, or null if not known
     * @param level {@code ok}, {@code warn}, {@code bad} or {@code unknown}, for the colour
     */
    record State(String label, String value, String detail, Instant since, String level) {

        /** As the page reads it (the JSON writer cannot read a record this module keeps to itself). */
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("label", label);
            map.put("value", value);
            map.put("detail", detail);
            map.put("since", since);
            map.put("level", level);
            return map;
        }
    }

    private final Events events;
    private final Instant wallNow;
    private final long nanosNow;

    private States(Events events, Clock clock) {
        this.events = events;
        this.wallNow = clock.wallTime();
        this.nanosNow = clock.nanos();
    }

    /** Whether an event on this topic may change a state, so the page's states need sending again. */
    static boolean affects(String topic) {
        return topic.startsWith("net.") || topic.startsWith("ntp.") || topic.startsWith("heartbeat.")
                || topic.equals("task.state") || topic.endsWith(".up") || topic.endsWith(".down");
    }

    static List<State> of(List<TaskInfo> tasks, Events events, Clock clock) {
        return new States(events, clock).all(tasks);
    }

    private List<State> all(List<TaskInfo> tasks) {
        List<State> states = new ArrayList<>();
        network(has(tasks, "net")).ifPresent(states::add);
        time(has(tasks, "ntp")).ifPresent(states::add);
        for (TaskInfo t : tasks) {
            link(t).ifPresent(states::add);
            if (t.type().equals("heartbeat")) {
                states.add(heartbeat(t));
            }
        }
        return states;
    }

    private Optional<State> network(boolean watched) {
        Event up = last("net.up");
        Event down = last("net.down");
        if (up == null && down == null) {
            return watched ? Optional.of(new State("Network", "not known yet", "", null, "unknown")) : Optional.empty();
        }
        if (up != null && up.isNewerThan(down)) {
            Object probes = up.get("probes");
            return Optional.of(new State("Network", "up", probes instanceof List<?> l ? String.join(", ",
                    l.stream().map(String::valueOf).toList()) + (l.size() == 1 ? " passes" : " pass") : "",
                    instant(up.get("since"), up), "ok"));
        }
        return Optional.of(new State("Network", "down", text(down.get("failed")) + " failed: " + text(down.get("reason")),
                instant(down.get("since"), down), "bad"));
    }

    private Optional<State> time(boolean kept) {
        Event synced = last("ntp.synced");
        Event failed = last("ntp.failed");
        if (synced == null && failed == null) {
            return kept ? Optional.of(new State("Time", "not synced yet", "", null, "unknown")) : Optional.empty();
        }
        if (synced == null) {
            return Optional.of(new State("Time", "not synced", text(failed.get("reason")), at(failed), "bad"));
        }
        String detail = "with " + text(synced.get("server")) + ", offset " + text(synced.get("offset")) + " ms, stratum "
                + text(synced.get("stratum"));
        if (failed != null && failed.isNewerThan(synced)) {
            return Optional.of(new State("Time", "synced", detail + "; the last try failed: " + text(failed.get("reason")),
                    at(synced), "warn"));
        }
        return Optional.of(new State("Time", "synced", detail, at(synced), "ok"));
    }

    /** A task's link, from {@code <type>.<name>.up} and {@code .down}; the types that have one say so before the first event. */
    private Optional<State> link(TaskInfo t) {
        String topic = t.type() + "." + t.name();
        Event up = last(topic + ".up");
        Event down = last(topic + ".down");
        String label = t.type() + " " + t.name();
        if (up == null && down == null) {
            return t.type().equals("connection") || t.type().equals("mqtt")
                    ? Optional.of(new State(label, "not connected yet", "", null, "unknown")) : Optional.empty();
        }
        if (up != null && up.isNewerThan(down)) {
            Object host = up.get("host");
            return Optional.of(new State(label, "up", host == null ? "" : "connected to " + host
                    + (up.get("port") == null ? "" : ":" + up.get("port")), at(up), "ok"));
        }
        return Optional.of(new State(label, "down", text(down.get("reason")), at(down), "bad"));
    }

    private State heartbeat(TaskInfo t) {
        Event e = last("heartbeat." + t.name());
        String label = "heartbeat " + t.name();
        if (e == null || e.get("alert") == null) {
            return new State(label, "its own pattern", "no alert", e == null ? t.since() : at(e), "ok");
        }
        Object until = e.get("until");
        return new State(label, "alert", text(e.get("alert")) + (until == null ? "" : " (until " + until + ")"), at(e),
                "warn");
    }

    private Event last(String topic) {
        return events.last(topic).orElse(null);
    }

    private static boolean has(List<TaskInfo> tasks, String type) {
        return tasks.stream().anyMatch(t -> t.type().equals(type));
    }

    private Instant at(Event e) {
        return EventRing.at(e, wallNow, nanosNow);
    }

    /** A time a payload gives, as an Instant or its text, else when the event was published. */
    private Instant instant(Object value, Event e) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException x) {
                // not a time: use the event's
            }
        }
        return at(e);
    }

    private static String text(Object value) {
        return value == null ? "?" : value.toString();
    }
}
