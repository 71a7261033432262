package org.perthensis.mqtt;

import java.util.Map;
import org.perthensis.api.Metrics;

/** The link's numbers for whoever collects them (the {@code web} task's {@code /metrics}), read on the loop. */
final class MqttMetrics {

    private MqttMetrics() {
    }

    static void offer(Metrics m, String taskName, MqttTask.Counters counters, Sender sender, Outbox outbox) {
        Map<String, String> task = Map.of("task", taskName);
        m.gauge("perthensis_mqtt_connected", "1 while connected to the broker", task,
                () -> counters.state == MqttTask.State.UP ? 1 : 0);
        m.counter("perthensis_mqtt_messages_published_total", "Messages sent to the broker, resent ones included",
                task, sender::published);
        m.counter("perthensis_mqtt_messages_acknowledged_total", "Messages the broker acknowledged", task,
                sender::acknowledged);
        m.gauge("perthensis_mqtt_messages_queued", "Messages waiting for the broker's acknowledgement, in memory or"
                + " in the journal", task, outbox::pending);
        m.counter("perthensis_mqtt_messages_dropped_total", "Messages lost: a full queue or journal, old age,"
                + " refused by the broker, or an event that cannot be an MQTT topic", task,
                () -> outbox.dropped() + sender.refused() + counters.unpublishable);
        m.counter("perthensis_mqtt_connection_attempts_total", "Attempts to connect to the broker", task,
                () -> counters.attempts);
        m.counter("perthensis_mqtt_reconnects_total", "Connections made after the first", task,
                () -> Math.max(0, counters.connections - 1));
        m.counter("perthensis_mqtt_commands_total", "Commands received and published as events", task,
                () -> counters.commands);
        m.counter("perthensis_mqtt_commands_malformed_total", "Commands received that could not be read", task,
                () -> counters.malformed);
    }
}
