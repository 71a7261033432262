package org.perthensis.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.perthensis.api.Backoff;
import org.perthensis.api.Checks;
import org.perthensis.api.FieldException;
import org.perthensis.api.JournalConfig;

/**
 * The {@code mqtt} task's configuration. Missing ({@code null}) fields get their defaults; bad
 * values are rejected with a {@link FieldException} naming the field.
 *
 * @param host the broker's host name or address; required
 * @param port the broker's TCP port (default: 1883, or 8883 with {@code tls})
 * @param tls connect with TLS: the broker's CA and optionally a client certificate (default: none, plain TCP)
 * @param username the user name to log in with (default: none)
 * @param passwordFile a file holding the password, read at each connection attempt; a final
 *        line break is not part of it (default: none)
 * @param passwordEnv an environment variable holding the password, instead of {@code passwordFile} (default: none)
 * @param clientId the MQTT client identifier, unique on the broker (default: the device's host name)
 * @param keepAlive how long the link may be quiet before a ping, whole seconds (default: 60s)
 * @param version the MQTT version: {@code "5"} or {@code "3.1.1"} (default: {@code "5"})
 * @param reconnect the waits between connection attempts (default: 10s doubling to 2min, each shortened by
 *        up to 90% at random, so that a fleet reconnecting to a restarted broker spreads out)
 * @param connectTimeout how long one attempt may take, TLS and the broker's answer included (default: 10s)
 * @param prefix the topic prefix of everything this device publishes and receives (default:
 *        {@code perthensis/<clientId>})
 * @param publish the events sent to the broker, as topics or prefixes such as {@code "debounce.*"} (default: none)
 * @param retain the published events whose latest one the broker keeps for clients that connect
 *        later (default: the events that carry the state of an entity, such as {@code debounce.door})
 * @param qos 0 (at most once) or 1 (at least once: kept until the broker acknowledged it) (default: 1)
 * @param journal keep the messages not yet acknowledged on disk, so that they survive a restart
 *        and a power cut (default: none, a bounded queue in memory)
 * @param queue without a journal, how many messages wait in memory for the broker (default: 1000)
 * @param overflow without a journal, what a full queue drops: {@code drop-oldest} or
 *        {@code drop-newest} (default: drop-oldest)
 * @param rate how many queued messages a second are sent at most, so that a backlog after an
 *        outage does not flood the broker (default: 100)
 * @param burst how many messages may go out at once beyond the rate after a quiet time (default: 100)
 * @param homeAssistant announce the device's entities for Home Assistant's MQTT discovery (default: false)
 * @param discoveryPrefix Home Assistant's discovery prefix (default: {@code homeassistant})
 * @param deviceName the device's name in Home Assistant (default: the client id)
 */
public record MqttConfig(String host, Integer port, Tls tls, String username, String passwordFile,
        String passwordEnv, String clientId, Duration keepAlive, String version, Backoff.Config reconnect,
        Duration connectTimeout, String prefix, List<String> publish, List<String> retain, Integer qos,
        JournalConfig journal, Integer queue, String overflow, Integer rate, Integer burst, Boolean homeAssistant,
        String discoveryPrefix, String deviceName) {

    /** The waits between attempts unless configured: spread wide, for a fleet behind one broker. */
    public static final Backoff.Config DEFAULT_RECONNECT = new Backoff.Config(Duration.ofSeconds(10),
            Duration.ofMinutes(2), 0.9);

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** What MQTT forbids in a topic one publishes to, besides the empty level. */
    private static final Pattern TOPIC = Pattern.compile("[^+#\\u0000]+");
    private static final Pattern NODE_TEXT = Pattern.compile(".*\\S.*");

    /**
     * TLS settings: {@code "tls": {"ca": "/etc/perthensis/ca.pem"}}; {@code "tls": {}} trusts the
     * system's certificate authorities.
     *
     * @param ca a PEM file of the certificate authorities the broker's certificate must come from
     *        (default: the Java runtime's)
     * @param cert a PEM file of this device's client certificate (default: none)
     * @param key a PEM file of the client certificate's private key, unencrypted PKCS#8 (default: none)
     */
    public record Tls(String ca, String cert, String key) {

        /**
         * Checks that a client certificate comes with its key.
         *
         * @throws FieldException if only one of {@code cert} and {@code key} is given
         */
        public Tls {
            if ((cert == null) != (key == null)) {
                throw Checks.invalid(cert == null ? "cert" : "key", "a client certificate needs both cert and key");
            }
        }
    }

    /**
     * Supplies defaults and checks every field.
     *
     * @throws FieldException for a bad value, naming the field
     */
    public MqttConfig {
        host = Checks.notBlank("host", host, "the broker's host name or address, such as \"192.0.2.5\"");
        port = Checks.between("port", port, 1, 65535, tls == null ? 1883 : 8883);
        if (passwordFile != null && passwordEnv != null) {
            throw Checks.invalid("passwordEnv", "give passwordFile or passwordEnv, not both");
        }
        if (passwordEnv != null && !ENV_NAME.matcher(passwordEnv).matches()) {
            throw Checks.invalid("passwordEnv", "must be the name of an environment variable, such as"
                    + " \"MQTT_PASSWORD\", got " + Checks.quote(passwordEnv));
        }
        if (passwordFile != null) {
            Checks.notBlank("passwordFile", passwordFile, "a file holding the password, such as \"/etc/perthensis/mqtt.pass\"");
        }
        if ((passwordFile != null || passwordEnv != null) && username == null) {
            throw Checks.invalid(passwordFile != null ? "passwordFile" : "passwordEnv",
                    "a password needs a username too; add \"username\"");
        }
        if (username != null) {
            Checks.notBlank("username", username, "the user name the broker knows this device by");
        }
        clientId = clientId == null ? HostName.get() : Checks.notBlank("clientId", clientId,
                "a client id unique on the broker, such as \"door-pi\"");
        keepAlive = Checks.positive("keepAlive", keepAlive, Duration.ofSeconds(60));
        if (keepAlive.toNanosPart() != 0 || keepAlive.toSeconds() > 65_535) {
            throw Checks.invalid("keepAlive", "must be whole seconds from 1s to 18h12min15s (65535s), got "
                    + org.perthensis.api.Durations.format(keepAlive));
        }
        version = version == null ? "5" : version.strip();
        if (!version.equals("5") && !version.equals("3.1.1")) {
            throw Checks.invalid("version", "must be \"5\" or \"3.1.1\", got " + Checks.quote(version));
        }
        reconnect = reconnect == null ? DEFAULT_RECONNECT : reconnect;
        connectTimeout = Checks.positive("connectTimeout", connectTimeout, Duration.ofSeconds(10));
        prefix = prefix == null ? "perthensis/" + clientId : prefix;
        if (prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")
                || !TOPIC.matcher(prefix).matches()) {
            throw Checks.invalid("prefix", "must be MQTT topic levels such as \"perthensis/door-pi\": no '+',"
                    + " '#', empty level or '/' at either end, got " + Checks.quote(prefix));
        }
        publish = Checks.eventPatterns("publish", publish, List.of());
        retain = Checks.eventPatterns("retain", retain, null);
        qos = Checks.between("qos", qos, 0, 1, 1);
        queue = Checks.atLeast("queue", queue, 1, 1000);
        overflow = Checks.oneOf("overflow", overflow, "drop-oldest", List.of("drop-oldest", "drop-newest"));
        rate = Checks.atLeast("rate", rate, 1, 100);
        burst = Checks.atLeast("burst", burst, 1, 100);
        homeAssistant = homeAssistant != null && homeAssistant;
        discoveryPrefix = discoveryPrefix == null ? "homeassistant" : discoveryPrefix;
        if (discoveryPrefix.isEmpty() || discoveryPrefix.contains("/") || !TOPIC.matcher(discoveryPrefix).matches()) {
            throw Checks.invalid("discoveryPrefix", "must be one MQTT topic level such as \"homeassistant\", got "
                    + Checks.quote(discoveryPrefix));
        }
        deviceName = deviceName == null ? clientId : deviceName;
        if (!NODE_TEXT.matcher(deviceName).matches()) {
            throw Checks.invalid("deviceName", "is empty; give the name Home Assistant shows, such as \"Door Pi\"");
        }
    }

    /**
     * A configuration for a broker at {@code host} with every default.
     *
     * @param host the broker's host name or address
     * @return the configuration
     */
    public static MqttConfig of(String host) {
        return new MqttConfig(host, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    /**
     * The Home Assistant node id of this device: the client id with every character other than
     * letters, digits, {@code _} and {@code -} replaced by {@code _}.
     *
     * @return such as {@code door-pi}
     */
    public String nodeId() {
        return clientId.replaceAll("[^a-zA-Z0-9_-]", "_");
    }
}
