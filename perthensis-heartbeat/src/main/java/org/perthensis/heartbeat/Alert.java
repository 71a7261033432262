package org.perthensis.heartbeat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A condition signalled by events, shown by blinking another pattern while it lasts: active from
 * an event matching {@code on} until one matching {@code until}, such as
 * {@code new Alert("net.down", "net.up", List.of(100, 100))}.
 *
 * <p>An event pattern is a topic such as {@code net.down}, or a prefix ending in {@code *} such
 * as {@code connection.*}. An event matching both {@code until} and {@code on} ends the alert.
 * The values are checked where the alert is used ({@link Heartbeat}, {@link HeartbeatProvider.Config}),
 * so that a message can name the alert's place in its list, such as {@code alerts[1].pattern}.
 *
 * @param on the event pattern that starts the alert
 * @param until the event pattern that ends it
 * @param pattern on and off times in milliseconds while it lasts, as {@link Heartbeat}'s pattern
 */
public record Alert(String on, String until, List<Integer> pattern) {

    /**
     * Keeps an unmodifiable copy of the pattern.
     *
     * @param on the event pattern that starts the alert
     * @param until the event pattern that ends it
     * @param pattern on and off times in milliseconds
     */
    public Alert {
        // Not List.copyOf: a null element must reach the check, which says where it is.
        pattern = pattern == null ? null : Collections.unmodifiableList(new ArrayList<>(pattern));
    }
}
