package org.perthensis.mqtt;

import static java.lang.System.Logger.Level.INFO;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.perthensis.api.Entities;
import org.perthensis.api.Entity;
import org.perthensis.api.Event;
import org.perthensis.api.Events;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskInfo;
import org.perthensis.api.TaskList;

/**
 * The device in Home Assistant: the entities every task described ({@link Entities}) and a
 * diagnostic sensor of each task's state, announced by {@link Discovery}, their states kept
 * current as events come and sent again whenever the connection is new or Home Assistant says it
 * started. Configs of entities this device no longer has are cleared on the first connection.
 * Loop state, but for {@link #found}, which the client's thread fills.
 */
final class HomeAssistant {
    private static final byte[] EMPTY = new byte[0];

    private final MqttConfig config;
    private final Discovery discovery;
    private final TaskEnvironment env;
    private List<Entity> entities;
    private final Map<String, Object> states = new HashMap<>();
    /** Config topics of this device found retained on the broker, collected while looking for old ones. */
    private final Set<String> found = ConcurrentHashMap.newKeySet();
    private volatile boolean collecting;
    private boolean cleaned;

    HomeAssistant(MqttConfig config, Discovery discovery, TaskEnvironment env) {
        this.config = config;
        this.discovery = discovery;
        this.env = env;
    }

    Discovery discovery() {
        return discovery;
    }

    /** Every entity shown, once the tasks are created: theirs, then each task's state. */
    List<Entity> entities() {
        if (entities == null) {
            List<Entity> all = new ArrayList<>(Entities.of(env).all());
            env.service(TaskList.class).ifPresent(list -> {
                for (TaskInfo t : list.tasks()) {
                    all.add(taskState(t.name()));
                    states.put(all.getLast().objectId(), lower(t.state()));
                }
            });
            entities = List.copyOf(all);
        }
        return entities;
    }

    private static Entity taskState(String task) {
        List<String> options = new ArrayList<>();
        for (TaskInfo.State s : TaskInfo.State.values()) {
            options.add(lower(s));
        }
        return Entity.sensor(task, task + " task", TaskList.TOPIC,
                e -> e.payload() instanceof TaskInfo i && i.name().equals(task) ? lower(i.state()) : null)
                .withId("task").withOptions(options).asDiagnostic();
    }

    /** An event on the loop: the new state of every entity it concerns, sent at once over {@code link} if up. */
    void event(Event event, Link link) {
        for (Entity e : entities()) {
            if (!Events.matches(e.pattern(), event.topic())) {
                continue;
            }
            Object value = e.state().apply(event);
            if (value != null && !value.equals(states.put(e.objectId(), value)) && link != null) {
                link.publish(discovery.stateTopic(e), Discovery.stateText(e, value).getBytes(UTF_8), config.qos(), true);
            }
        }
    }

    /** Whether the first connection still has to look for old configs: once per run of the task. */
    boolean needsCleanUp() {
        return !cleaned;
    }

    /** Starts collecting the retained configs that {@link #configFilter} will bring. */
    void collect() {
        found.clear();
        collecting = true;
    }

    /** A message on a subscribed topic, on the client's thread; true if it was a config of this device. */
    boolean found(Link.Incoming message) {
        if (!collecting || !message.topic().startsWith(config.discoveryPrefix() + "/")
                || !message.topic().endsWith("/config")) {
            return false;
        }
        if (message.retained() && message.payload().length > 0) {
            found.add(message.topic());
        }
        return true;
    }

    /** Clears the configs (and retained states) found on the broker that name no current entity. */
    int cleanUp(Link link) {
        collecting = false;
        cleaned = true;
        Set<String> current = new LinkedHashSet<>();
        for (Entity e : entities()) {
            current.add(discovery.configTopic(e));
        }
        int cleared = 0;
        for (String topic : found) {
            if (current.contains(topic)) {
                continue;
            }
            String[] levels = topic.split("/");
            link.publish(topic, EMPTY, 1, true);
            link.publish(discovery.stateTopic(levels[1], levels[3]), EMPTY, 1, true);
            env.logger().log(INFO, "mqtt '" + env.taskName() + "': cleared the Home Assistant entity " + levels[1] + "."
                    + levels[3] + ", which no task has any more");
            cleared++;
        }
        found.clear();
        return cleared;
    }

    /** Sends every config, then every known state: on a new connection, and when Home Assistant started. */
    void announce(Link link) {
        for (Entity e : entities()) {
            link.publish(discovery.configTopic(e), discovery.configPayload(e).getBytes(UTF_8), 1, true);
        }
        for (Entity e : entities()) {
            Object value = states.get(e.objectId());
            if (value != null) {
                link.publish(discovery.stateTopic(e), Discovery.stateText(e, value).getBytes(UTF_8), config.qos(), true);
            }
        }
    }

    private static String lower(TaskInfo.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    String configFilter() {
        return discovery.configFilter();
    }
}
