package org.perthensis.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.perthensis.api.Entity;
import org.perthensis.api.Event;
import org.perthensis.api.Events;
import org.perthensis.api.Json;

/**
 * Which events go to the broker and how: an event whose topic matches {@code publish} is sent to
 * {@code <prefix>/<topic with dots as slashes>} as {@code {"topic": ..., "time": ..., "payload": ...}},
 * retained if its topic matches {@code retain} (by default: the events that carry an entity's
 * state, so a client that connects later sees the door's state at once).
 */
final class Outgoing {
    private final String prefix;
    private final List<String> publish;
    private final List<String> retain;
    private final Supplier<List<Entity>> entities;
    private List<String> statePatterns;

    Outgoing(MqttConfig config, Supplier<List<Entity>> entities) {
        this.prefix = config.prefix();
        this.publish = config.publish();
        this.retain = config.retain();
        this.entities = entities;
    }

    boolean wanted(String topic) {
        for (String p : publish) {
            if (Events.matches(p, topic)) {
                return true;
            }
        }
        return false;
    }

    /** The MQTT topic of an event topic. */
    String topic(String eventTopic) {
        return prefix + "/" + eventTopic.replace('.', '/');
    }

    /**
     * Why an event cannot be published, or null if it can: its topic would have MQTT's wildcards
     * in it, or land on the device's own status or command topics.
     */
    String problem(String eventTopic) {
        if (eventTopic.indexOf('+') >= 0 || eventTopic.indexOf('#') >= 0 || eventTopic.indexOf('\u0000') >= 0) {
            return "its topic has '+', '#' or a NUL in it, which MQTT topics cannot";
        }
        if (eventTopic.equals("status") || eventTopic.equals("command") || eventTopic.startsWith("command.")) {
            return "it would land on " + topic(eventTopic) + ", which is this device's "
                    + (eventTopic.equals("status") ? "status" : "command") + " topic";
        }
        return null;
    }

    Message message(Event event, Instant time) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", event.topic());
        json.put("time", time);
        json.put("payload", event.payload());
        return new Message(topic(event.topic()), Json.write(json).getBytes(UTF_8), retained(event.topic()));
    }

    private boolean retained(String topic) {
        for (String p : retain != null ? retain : statePatterns()) {
            if (Events.matches(p, topic)) {
                return true;
            }
        }
        return false;
    }

    private List<String> statePatterns() {
        if (statePatterns == null) {
            statePatterns = entities.get().stream().map(Entity::pattern).distinct().toList();
        }
        return statePatterns;
    }
}
