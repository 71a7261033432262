package org.perthensis.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One MQTT client as the task uses it: asynchronous calls whose futures complete on the client's
 * own threads, failing with a {@link LinkFailure} that says why in the user's words. The task
 * hands every outcome to the loop. {@link HiveLink} is the real one; tests give their own.
 */
interface Link {

    /** A message from the broker, on a topic this client subscribed to. */
    record Incoming(String topic, byte[] payload, boolean retained) {
    }

    /** What a link is made with: the settings, the will, and where incoming messages and losses go. */
    record Setup(MqttConfig config, Tls.Context tls, String willTopic, byte[] will, Consumer<Incoming> incoming,
            Consumer<String> lost) {
    }

    /** Makes links. */
    interface Factory {
        Link create(Setup setup) throws LinkFailure;
    }

    /**
     * Connects with a clean session and the will set up.
     *
     * @param password the password, or null; zeroed by the caller once the future completed
     */
    CompletableFuture<Void> connect(byte[] password);

    /** Publishes; for QoS 1 completes when the broker acknowledged, failing with {@link LinkFailure#refused()} if it refused. */
    CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain);

    CompletableFuture<Void> subscribe(String filter, int qos);

    CompletableFuture<Void> unsubscribe(String filter);

    /** Disconnects normally, so that the broker does not publish the will; also ends an attempt under way. */
    CompletableFuture<Void> disconnect();
}
