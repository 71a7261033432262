package org.perthensis.api;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Publish and subscribe on the loop: how modules cooperate without depending on one another.
 *
 * <p>Topics are dot-separated names such as {@code net.up} or {@code debounce.door}. A pattern
 * is either an exact topic or a prefix ending in {@code *}: {@code net.*} matches
 * {@code net.up} and {@code net.down}, {@code *} matches everything.
 *
 * <p>Listeners run on the loop, synchronously inside {@link #publish(String, Object)}, in the
 * order they subscribed; one that throws is logged and the others still run. Listeners must
 * not suspend. A task that wants to wait for an event uses {@link #await(String, Duration)}.
 */
public interface Events {

    /**
     * Delivers an event to every matching listener and waiting task. May be called from any
     * thread: from outside the loop the event is {@linkplain Scheduler#post(Runnable) posted}.
     *
     * @param topic the topic, without {@code *}
     * @param payload a small record or map, or {@code null}
     */
    void publish(String topic, Object payload);

    /**
     * Delivers an event without a payload.
     *
     * @param topic the topic, without {@code *}
     */
    default void publish(String topic) {
        publish(topic, null);
    }

    /**
     * Calls {@code listener} for every later event whose topic matches {@code pattern}.
     *
     * @param pattern an exact topic, or a prefix ending in {@code *}
     * @param listener called on the loop with each event
     * @return the subscription, to close when no longer wanted
     */
    Subscription subscribe(String pattern, Consumer<Event> listener);

    /**
     * Suspends the calling task until an event matching {@code pattern} is published.
     *
     * @param pattern an exact topic, or a prefix ending in {@code *}
     * @return the event
     * @throws java.util.concurrent.CancellationException if the task is cancelled
     */
    Event await(String pattern);

    /**
     * Suspends the calling task until an event matching {@code pattern} is published or
     * {@code timeout} has passed.
     *
     * @param pattern an exact topic, or a prefix ending in {@code *}
     * @param timeout how long to wait
     * @return the event, or empty if the time ran out
     * @throws java.util.concurrent.CancellationException if the task is cancelled
     */
    Optional<Event> await(String pattern, Duration timeout);

    /**
     * The latest event published on exactly this topic, so a task started late can learn the
     * current state (is the network down?).
     *
     * @param topic an exact topic
     * @return the latest event on it, or empty if there has been none
     */
    Optional<Event> last(String topic);

    /**
     * Whether a topic matches a pattern, by the rule above: the topic itself, or a prefix ending in {@code *}.
     *
     * @param pattern an exact topic, or a prefix ending in {@code *}
     * @param topic a topic
     * @return {@code true} if an event on {@code topic} is delivered to a subscriber of {@code pattern}
     */
    static boolean matches(String pattern, String topic) {
        return pattern.endsWith("*") ? topic.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(topic);
    }

    /**
     * Whether a text is an event pattern: not empty, with no {@code *} but possibly a last one.
     *
     * @param pattern the text
     * @return {@code true} for {@code net.up}, {@code net.*} and {@code *}; {@code false} for {@code net*.up}
     */
    static boolean isPattern(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return false;
        }
        int star = pattern.indexOf('*');
        return star < 0 || star == pattern.length() - 1;
    }
}
