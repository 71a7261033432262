package org.perthensis.api;

import java.util.Map;
import java.util.Objects;

/**
 * One published event.
 *
 * @param topic the topic it was published on
 * @param payload a small record or map, or {@code null}
 */
public record Event(String topic, Object payload) {

    /**
     * Checks the topic.
     *
     * @param topic the topic, not null
     * @param payload the payload, may be null
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
}
