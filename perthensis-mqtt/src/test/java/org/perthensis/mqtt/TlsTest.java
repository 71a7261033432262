package org.perthensis.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.api.Backoff;

/** TLS with a CA the test makes with openssl: the broker's certificate is checked, and a client certificate works. */
@Timeout(120)
class TlsTest {
    @TempDir
    Path dir;

    private Mosquitto tlsBroker(TestCa ca, Path server, String... more) throws Exception {
        String[] lines = {"cafile " + ca.cert, "certfile " + server, "keyfile " + TestCa.keyOf(server)};
        String[] all = java.util.Arrays.copyOf(lines, lines.length + more.length);
        System.arraycopy(more, 0, all, lines.length, more.length);
        return Mosquitto.startIn(dir.resolve("broker"), all);
    }

    private ConfigBuilder config(Mosquitto broker, MqttConfig.Tls tls) {
        ConfigBuilder c = ConfigBuilder.on(broker.port()).publish("door.*");
        c.tls = tls;
        c.connectTimeout = Duration.ofSeconds(10);
        c.reconnect = Backoff.Config.exact(Duration.ofSeconds(5), Duration.ofSeconds(5));
        return c;
    }

    @Test
    void connectsOverTlsTrustingTheConfiguredCa() throws Exception {
        TestCa ca = TestCa.make(dir.resolve("ca"), "test-ca");
        try (Mosquitto broker = tlsBroker(ca, ca.sign("broker", "IP:127.0.0.1,DNS:localhost"))) {
            try (LiveDevice device = new LiveDevice().mqtt("broker", config(broker,
                    new MqttConfig.Tls(ca.cert.toString(), null, null)).build())) {
                device.awaitEvent("mqtt.broker.up", e -> true);
                assertTrue(device.log("broker").stream().anyMatch(l -> l.endsWith("as 'test-device' (MQTT 5, TLS)")));
            }
        }
    }

    @Test
    void aBrokerCertificateFromAnotherCaIsRefusedSayingWhatToCheck() throws Exception {
        TestCa ca = TestCa.make(dir.resolve("ca"), "test-ca");
        TestCa other = TestCa.make(dir.resolve("other"), "other-ca");
        try (Mosquitto broker = tlsBroker(ca, ca.sign("broker", "IP:127.0.0.1"))) {
            try (LiveDevice device = new LiveDevice().mqtt("broker", config(broker,
                    new MqttConfig.Tls(other.cert.toString(), null, null)).build())) {
                String line = device.awaitLog("broker", l -> l.startsWith("WARNING"));
                assertTrue(line.startsWith("WARNING mqtt 'broker': cannot connect to " + broker.address()
                        + ": TLS handshake failed: "), line);
                assertTrue(line.endsWith("; the broker's certificate is not signed by tls.ca (or, without it, a CA the"
                        + " JDK trusts); retrying in 5s"), line);
            }
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        TestCa ca = TestCa.make(dir.resolve("ca"), "test-ca");
        try (Mosquitto broker = tlsBroker(ca, ca.sign("broker", "DNS:broker.example"))) {
            try (LiveDevice device = new LiveDevice().mqtt("broker", config(broker,
                    new MqttConfig.Tls(ca.cert.toString(), null, null)).build())) {
                String line = device.awaitLog("broker", l -> l.startsWith("WARNING"));
                assertTrue(line.contains("TLS handshake failed: ") && line.contains("does not name the host"), line);
            }
        }
    }

    @Test
    void aClientCertificateIsPresentedWhenTheBrokerRequiresOne() throws Exception {
        TestCa ca = TestCa.make(dir.resolve("ca"), "test-ca");
        Path device = ca.sign("door-pi", "DNS:door-pi");
        try (Mosquitto broker = tlsBroker(ca, ca.sign("broker", "IP:127.0.0.1"), "require_certificate true");
                LiveDevice d = new LiveDevice().mqtt("broker", config(broker, new MqttConfig.Tls(ca.cert.toString(),
                        device.toString(), TestCa.keyOf(device).toString())).build())) {
            d.awaitEvent("mqtt.broker.up", e -> true);
            d.publish("door.state", Map.of("open", true));
            assertEquals("mqtt.broker.up", d.awaitEvent("mqtt.broker.up", e -> true).topic());
        }
    }

    @Test
    void aCaFileThatIsMissingOrNotACertificateIsSaidNamingIt() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        LinkFailure missing = org.junit.jupiter.api.Assertions.assertThrows(LinkFailure.class,
                () -> Tls.load(new MqttConfig.Tls(dir.resolve("nope.pem").toString(), null, null)));
        assertEquals("tls.ca " + dir.resolve("nope.pem") + " does not exist", missing.getMessage());
        LinkFailure junk = org.junit.jupiter.api.Assertions.assertThrows(LinkFailure.class,
                () -> Tls.load(new MqttConfig.Tls(dir.resolve("ca.pem").toString(), null, null)));
        assertTrue(junk.getMessage().startsWith("tls.ca " + dir.resolve("ca.pem") + " "), junk.getMessage());
    }
}
