package org.perthensis.mqtt;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;

/**
 * Task type {@code mqtt}: the device on an MQTT broker. Publishes the configured events,
 * turns commands into events, says {@code online} and leaves {@code offline} as its will,
 * announces its entities to Home Assistant, and keeps what the broker has not acknowledged in a
 * journal when one is configured.
 */
public final class MqttProvider implements TaskProvider<MqttConfig> {

    /** Creates the provider; the runtime finds it with {@link java.util.ServiceLoader}. */
    public MqttProvider() {
    }

    @Override
    public String type() {
        return "mqtt";
    }

    @Override
    public Class<MqttConfig> configType() {
        return MqttConfig.class;
    }

    @Override
    public Task create(MqttConfig config, TaskEnvironment environment) {
        return new MqttTask(config, environment, HiveLink.FACTORY, () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public Optional<String> description() {
        return Optional.of("the device on an MQTT broker: publishes events, receives commands, Home Assistant"
                + " discovery; a journal keeps what the broker has not acknowledged");
    }
}
