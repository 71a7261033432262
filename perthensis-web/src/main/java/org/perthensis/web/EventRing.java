package org.perthensis.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.perthensis.api.Clock;
import org.perthensis.api.Event;
import org.perthensis.api.Json;

/**
 * The last {@value #CAPACITY} events, for the page. Keeping one costs two array stores; its
 * JSON is written only when someone looks, and kept, so each event is written at most once.
 * Used on the loop only: payloads are read where their publishers hand them over.
 */
final class EventRing {

    static final int CAPACITY = 100;

    private final Event[] events = new Event[CAPACITY];
    private final String[] json = new String[CAPACITY];
    private int next;
    private int size;

    void add(Event event) {
        events[next] = event;
        json[next] = null;
        next = (next + 1) % CAPACITY;
        size = Math.min(size + 1, CAPACITY);
    }

    /** The newest event's JSON. */
    String newestJson(Clock clock) {
        return jsonAt((next + CAPACITY - 1) % CAPACITY, clock.wallTime(), clock.nanos());
    }

    /** Every kept event's JSON, oldest first. */
    List<String> allJson(Clock clock) {
        Instant wallNow = clock.wallTime();
        long nanosNow = clock.nanos();
        List<String> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(jsonAt((next - size + i + CAPACITY) % CAPACITY, wallNow, nanosNow));
        }
        return all;
    }

    private String jsonAt(int i, Instant wallNow, long nanosNow) {
        if (json[i] == null) {
            json[i] = toJson(events[i], at(events[i], wallNow, nanosNow));
        }
        return json[i];
    }

    /** When an event was published, in wall time: its monotonic stamp, carried over to the wall clock now. */
    static Instant at(Event event, Instant wallNow, long nanosNow) {
        return wallNow.minusNanos(nanosNow - event.nanos());
    }

    static String toJson(Event event, Instant at) {
        String payload;
        try {
            payload = Json.write(event.payload());
        } catch (RuntimeException e) {
            payload = Json.write(String.valueOf(event.payload())); // nested too deep, say: shown as text
        }
        return "{\"topic\":" + Json.write(event.topic()) + ",\"at\":" + Json.write(at) + ",\"payload\":" + payload + "}";
    }
}
