package org.perthensis.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.perthensis.api.FieldException;
import org.perthensis.api.JournalConfig;

class ConfigTest {

    private static void rejected(String message, Executable construction) {
        assertEquals(message, assertThrows(FieldException.class, construction).getMessage());
    }

    @Test
    void aBrokerNeedsOnlyItsHost() {
        MqttConfig c = MqttConfig.of("192.0.2.5");
        assertEquals(1883, c.port());
        assertEquals(HostName.get(), c.clientId());
        assertEquals("perthensis/" + c.clientId(), c.prefix());
        assertEquals(Duration.ofSeconds(60), c.keepAlive());
        assertEquals("5", c.version());
        assertEquals(MqttConfig.DEFAULT_RECONNECT, c.reconnect());
        assertEquals(List.of(), c.publish());
        assertNull(c.retain());
        assertEquals(1, c.qos());
        assertNull(c.journal());
        assertEquals(1000, c.queue());
        assertEquals(100, c.rate());
        assertEquals(100, c.burst());
        assertEquals(false, c.homeAssistant());
        assertEquals("homeassistant", c.discoveryPrefix());
        assertEquals(c.clientId(), c.deviceName());
    }

    @Test
    void tlsMakesThePort8883() {
        ConfigBuilder b = new ConfigBuilder();
        b.tls = new MqttConfig.Tls("/etc/perthensis/ca.pem", null, null);
        assertEquals(8883, b.build().port());
    }

    @Test
    void theNodeIdIsTheClientIdInTheCharactersHomeAssistantAllows() {
        ConfigBuilder b = new ConfigBuilder();
        b.clientId = "door pi.local";
        assertEquals("door_pi_local", b.build().nodeId());
    }

    @Test
    void badValuesAreRejectedNamingTheField() {
        rejected("host: is required; give the broker's host name or address, such as \"192.0.2.5\"",
                () -> MqttConfig.of(null));
        ConfigBuilder b = new ConfigBuilder();
        b.port = 0;
        rejected("port: must be from 1 to 65535, got 0", b::build);
        b = new ConfigBuilder();
        b.passwordFile = "/etc/perthensis/mqtt.pass";
        rejected("passwordFile: a password needs a username too; add \"username\"", b::build);
        b.username = "door-pi";
        b.passwordEnv = "MQTT_PASSWORD";
        rejected("passwordEnv: give passwordFile or passwordEnv, not both", b::build);
        b.passwordFile = null;
        b.passwordEnv = "MQTT PASSWORD";
        rejected("passwordEnv: must be the name of an environment variable, such as \"MQTT_PASSWORD\", got \"MQTT PASSWORD\"",
                b::build);
        b = new ConfigBuilder();
        b.keepAlive = Duration.ofMillis(1500);
        rejected("keepAlive: must be whole seconds from 1s to 18h12min15s (65535s), got 1.5s", b::build);
        b = new ConfigBuilder();
        b.version = "4";
        rejected("version: must be \"5\" or \"3.1.1\", got \"4\"", b::build);
        b = new ConfigBuilder();
        b.prefix = "perthensis/#";
        rejected("prefix: must be MQTT topic levels such as \"perthensis/door-pi\": no '+', '#', empty level or '/' at"
                + " either end, got \"perthensis/#\"", b::build);
        b.prefix = "perthensis/";
        rejected("prefix: must be MQTT topic levels such as \"perthensis/door-pi\": no '+', '#', empty level or '/' at"
                + " either end, got \"perthensis/\"", b::build);
        b = new ConfigBuilder().publish("debounce.*", "net*.up");
        rejected("publish[1]: must be an event topic, or a prefix ending in '*' such as \"net.*\", got \"net*.up\"",
                b::build);
        b = new ConfigBuilder();
        b.qos = 2;
        rejected("qos: must be from 0 to 1, got 2", b::build);
        b = new ConfigBuilder();
        b.rate = 0;
        rejected("rate: must be at least 1, got 0", b::build);
        b = new ConfigBuilder();
        b.discoveryPrefix = "home/assistant";
        rejected("discoveryPrefix: must be one MQTT topic level such as \"homeassistant\", got \"home/assistant\"",
                b::build);
        rejected("key: a client certificate needs both cert and key",
                () -> new MqttConfig.Tls(null, "/etc/perthensis/device.pem", null));
        b = new ConfigBuilder();
        b.journal = JournalConfig.in("/var/lib/perthensis/mqtt");
        assertEquals("/var/lib/perthensis/mqtt", b.build().journal().dir());
    }

    @Test
    void thePasswordFileIsReadWithoutItsLastLineBreakAndAMissingVariableIsNamed() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("mqtt", ".pass");
        java.nio.file.Files.writeString(file, "open sesame\r\n");
        ConfigBuilder b = new ConfigBuilder();
        b.username = "door-pi";
        b.passwordFile = file.toString();
        assertEquals("open sesame", new String(Password.read(b.build()), java.nio.charset.StandardCharsets.UTF_8));
        b.passwordFile = null;
        b.passwordEnv = "PERTHENSIS_TEST_NO_SUCH_VARIABLE";
        assertEquals("passwordEnv: the environment variable PERTHENSIS_TEST_NO_SUCH_VARIABLE is not set",
                assertThrows(LinkFailure.class, () -> Password.read(b.build())).getMessage());
    }
}
