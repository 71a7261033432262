package org.perthensis.mqtt;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.perthensis.api.Entity;
import org.perthensis.api.Json;

/**
 * Home Assistant's MQTT discovery, as its documentation says: for each entity a retained config
 * message on {@code <discovery prefix>/<component>/<node id>/<object id>/config} with a
 * {@code unique_id}, the {@code device} block shared by all of the device's entities, the
 * availability topic ({@code <prefix>/status}, {@code online}/{@code offline}) and the documented
 * device classes; the entity's state, retained, on {@code <prefix>/<component>/<object id>/state}.
 */
final class Discovery {
    static final String MANUFACTURER = "Perthensis";
    static final String SOFTWARE = "Perthensis for Java";
    static final String SUPPORT_URL = "https://github.com/scy/perthensis";

    private final MqttConfig config;
    private final String version;

    Discovery(MqttConfig config, String version) {
        this.config = config;
        this.version = version;
    }

    /** Where the entity's config goes. */
    String configTopic(Entity e) {
        return configTopic(e.kind().text(), e.objectId());
    }

    String configTopic(String component, String objectId) {
        return config.discoveryPrefix() + "/" + component + "/" + config.nodeId() + "/" + objectId + "/config";
    }

    /** What every config topic of this device matches, to find old ones on the broker. */
    String configFilter() {
        return config.discoveryPrefix() + "/+/" + config.nodeId() + "/+/config";
    }

    /** Where Home Assistant says it (re)started. */
    String birthTopic() {
        return config.discoveryPrefix() + "/status";
    }

    String stateTopic(Entity e) {
        return stateTopic(e.kind().text(), e.objectId());
    }

    String stateTopic(String component, String objectId) {
        return config.prefix() + "/" + component + "/" + objectId + "/state";
    }

    String commandTopic(Entity e) {
        return config.prefix() + "/command/" + e.objectId();
    }

    String availabilityTopic() {
        return config.prefix() + "/status";
    }

    /** The discovery config of one entity, as JSON. */
    String configPayload(Entity e) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", e.name());
        c.put("unique_id", config.nodeId() + "_" + e.objectId());
        c.put("state_topic", stateTopic(e));
        c.put("availability_topic", availabilityTopic());
        c.put("payload_available", "online");
        c.put("payload_not_available", "offline");
        if (e.deviceClass() != null) {
            c.put("device_class", e.deviceClass());
        }
        if (e.unit() != null) {
            c.put("unit_of_measurement", e.unit());
        }
        if (!e.options().isEmpty()) {
            c.put("options", e.options());
        }
        if (e.diagnostic()) {
            c.put("entity_category", "diagnostic");
        }
        if (e.kind() == Entity.Kind.SWITCH) {
            c.put("command_topic", commandTopic(e));
            c.put("payload_on", "on");
            c.put("payload_off", "off");
        }
        c.put("qos", config.qos());
        c.put("device", device());
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("name", SOFTWARE);
        origin.put("sw_version", version);
        origin.put("support_url", SUPPORT_URL);
        c.put("origin", origin);
        return Json.write(c);
    }

    private Map<String, Object> device() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("identifiers", List.of("perthensis_" + config.nodeId()));
        d.put("name", config.deviceName());
        d.put("manufacturer", MANUFACTURER);
        d.put("model", SOFTWARE);
        d.put("sw_version", version);
        return d;
    }

    /**
     * A state as the entity's state topic carries it: {@code ON}/{@code OFF} for a binary sensor
     * (Home Assistant's defaults), {@code on}/{@code off} for a switch (its payloads as configured
     * above), the number or text for a sensor.
     */
    static String stateText(Entity e, Object value) {
        return switch (e.kind()) {
            case BINARY_SENSOR -> Boolean.TRUE.equals(value) ? "ON" : "OFF";
            case SWITCH -> Boolean.TRUE.equals(value) ? "on" : "off";
            case SENSOR -> switch (value) {
                case BigDecimal d -> d.toPlainString();
                case Enum<?> en -> en.name().toLowerCase(Locale.ROOT);
                default -> String.valueOf(value);
            };
        };
    }
}
