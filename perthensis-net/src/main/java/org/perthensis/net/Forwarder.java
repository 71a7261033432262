package org.perthensis.net;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.perthensis.api.Event;
import org.perthensis.api.Events;
import org.perthensis.api.Json;
import org.perthensis.api.Subscription;
import org.perthensis.api.TaskEnvironment;

/**
 * {@code forward}: events whose topic matches one of the patterns become outgoing lines, one
 * JSON object each ({@code {"topic":"rotary.volume","time":"2026-11-23T19:46:04.353Z","payload":{...}}}),
 * in the order they were published. Loop state.
 *
 * <p>One subscription to every topic, filtered here, rather than one per pattern: an event that
 * matches two patterns ({@code net.*} and {@code net.up}) is sent once, and the order of
 * publication holds without merging several listeners' calls. The connection's own incoming
 * lines ({@code connection.<name>.line}) are never sent back to the server that sent them.
 */
final class Forwarder {
    private final List<String> patterns;
    private final String ownLines;
    private final TaskEnvironment env;
    private final Consumer<String> send;
    private final DropReport failures;
    private volatile long failed;
    private String lastFailure;
    private Subscription subscription;

    /**
     * @param send takes each line, as {@code Connection.send} does
     */
    Forwarder(List<String> patterns, TaskEnvironment env, Consumer<String> send) {
        this.patterns = patterns;
        this.ownLines = "connection." + env.taskName() + ".line";
        this.env = env;
        this.send = send;
        this.failures = new DropReport(env.taskName(), env.scheduler(), env.logger(), n -> "connection '"
                + env.taskName() + "': could not forward " + Text.count(n, "event") + " (the last: " + lastFailure
                + "); " + failed + " not forwarded in all");
    }

    /** Subscribes, unless subscribed already or there is nothing to forward. */
    void start() {
        if (subscription == null && !patterns.isEmpty()) {
            subscription = env.events().subscribe("*", this::forward);
        }
    }

    /** Ends the subscription: events published from now on are not sent. */
    void stop() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        failures.flush();
    }

    /** Events not forwarded because they could not be written as a line. */
    long failed() {
        return failed;
    }

    private void forward(Event e) {
        if (e.topic().equals(ownLines) || patterns.stream().noneMatch(p -> Events.matches(p, e.topic()))) {
            return;
        }
        try {
            send.accept(line(e, env.clock().wallTime()));
        } catch (IllegalArgumentException tooDeepOrTooLong) {
            failed++;
            lastFailure = e.topic() + ": " + tooDeepOrTooLong.getMessage();
            failures.add(1);
        }
    }

    /** The line for an event published at {@code time}: topic, time to the millisecond, payload. */
    static String line(Event e, Instant time) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("topic", e.topic());
        line.put("time", time.truncatedTo(ChronoUnit.MILLIS));
        line.put("payload", e.payload());
        return Json.write(line);
    }
}
