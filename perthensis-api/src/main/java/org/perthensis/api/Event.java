package org.perthensis.api;

import java.util.Map;
import java.util.Objects;

/**
 * One published event.
 *
 * @param topic the topic it was published on
 * @param payload a small record or map, or {@code null}
 * @param nanos when the scheduler took it in, on its monotonic {@link Clock#nanos()}: the
 *        moment of publication for a task or listener, the moment the loop ran the hand-over
 *        for a publication from another thread
 * @param sequence its place in the order of publication on its scheduler, from 1, so that of
 *        two {@linkplain Events#last(String) latest} events the newer one is known even when
 *        both were published at the same instant
 */
public record Event(String topic, Object payload, long nanos, long sequence) {

    /**
     * Checks the topic.
     *
     * @param topic the topic, not null
     * @param payload the payload, may be null
     * @param nanos the monotonic time the scheduler took it in
     * @param sequence the place in the order of publication
     */
    public Event {
        Objects.requireNonNull(topic, "topic");
    }

    /**
     * A field of a map payload, the form modules use so that readers need none of their types.
     *
     * @param key the field name
     * @return the value, or {@code null} if the payload is not a map or has no such field
     */
    public Object get(String key) {
        return payload instanceof Map<?, ?> map ? map.get(key) : null;
    }

    /**
     * Whether this event was published after {@code other}; an absent other counts as older.
     *
     * @param other another event, or {@code null}
     * @return {@code true} if this one is newer
     */
    public boolean isNewerThan(Event other) {
        return other == null || sequence > other.sequence;
    }
}
