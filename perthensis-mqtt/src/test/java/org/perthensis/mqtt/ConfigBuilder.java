package org.perthensis.mqtt;

import java.time.Duration;
import java.util.List;
import org.perthensis.api.Backoff;
import org.perthensis.api.JournalConfig;

/** An {@link MqttConfig} for tests, field by field, the rest left to their defaults. */
final class ConfigBuilder {
    String host = "127.0.0.1";
    Integer port;
    MqttConfig.Tls tls;
    String username;
    String passwordFile;
    String passwordEnv;
    String clientId = "test-device";
    Duration keepAlive;
    String version;
    Backoff.Config reconnect = Backoff.Config.exact(Duration.ofMillis(200), Duration.ofSeconds(2));
    Duration connectTimeout;
    String prefix;
    List<String> publish;
    List<String> retain;
    Integer qos;
    JournalConfig journal;
    Integer queue;
    String overflow;
    Integer rate = 100_000;
    Integer burst = 100_000;
    Boolean homeAssistant;
    String discoveryPrefix;
    String deviceName;

    static ConfigBuilder on(int port) {
        ConfigBuilder b = new ConfigBuilder();
        b.port = port;
        return b;
    }

    ConfigBuilder publish(String... patterns) {
        publish = List.of(patterns);
        return this;
    }

    MqttConfig build() {
        return new MqttConfig(host, port, tls, username, passwordFile, passwordEnv, clientId, keepAlive, version,
                reconnect, connectTimeout, prefix, publish, retain, qos, journal, queue, overflow, rate, burst,
                homeAssistant, discoveryPrefix, deviceName);
    }
}
