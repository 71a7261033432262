package org.perthensis.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.api.Backoff;

/** A broker that wants a user name and password: the right ones connect, a wrong one is a clear line and a backoff. */
@Timeout(120)
class AuthTest {
    @TempDir
    Path dir;

    private Mosquitto brokerWithUser(String user, String password) throws Exception {
        Path passwords = dir.resolve("passwords");
        Process p = new ProcessBuilder(Mosquitto.find("mosquitto_passwd").orElseThrow().toString(), "-c", "-b",
                passwords.toString(), user, password).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, new String(p.getInputStream().readAllBytes()));
        return Mosquitto.startIn(dir.resolve("broker"), "allow_anonymous false", "password_file " + passwords);
    }

    @Test
    void theRightPasswordFromAFileConnects() throws Exception {
        try (Mosquitto broker = brokerWithUser("door-pi", "open sesame")) {
            Path file = Files.writeString(dir.resolve("mqtt.pass"), "open sesame\n");
            ConfigBuilder c = ConfigBuilder.on(broker.port());
            c.username = "door-pi";
            c.passwordFile = file.toString();
            try (LiveDevice device = new LiveDevice().mqtt("broker", c.build())) {
                device.awaitEvent("mqtt.broker.up", e -> true);
            }
        }
    }

    @Test
    void aWrongPasswordIsOneClearLineAndABackoffNotACrashLoop() throws Exception {
        try (Mosquitto broker = brokerWithUser("door-pi", "open sesame")) {
            Path file = Files.writeString(dir.resolve("mqtt.pass"), "open barley\n");
            ConfigBuilder c = ConfigBuilder.on(broker.port());
            c.username = "door-pi";
            c.passwordFile = file.toString();
            c.reconnect = Backoff.Config.exact(Duration.ofMillis(500), Duration.ofSeconds(2));
            LiveDevice device = new LiveDevice().mqtt("broker", c.build());
            LiveDevice.sleep(Duration.ofSeconds(6));
            device.close();
            List<String> warnings = device.log("broker").stream().filter(l -> l.startsWith("WARNING")).toList();
            assertEquals(List.of("WARNING mqtt 'broker': cannot connect to " + broker.address() + ": the broker refused"
                    + " the login (not authorized); check username 'door-pi' and the password in " + file
                    + "; retrying in 500ms"), warnings);
            long attempts = broker.log().stream().filter(l -> l.contains("New connection from")).count();
            // 0, 0.5, 1.5, 3.5, 5.5 s: a backoff of 500ms doubling to 2s, with a slow machine's slack
            assertTrue(attempts >= 3 && attempts <= 6, attempts + " attempts in 6 s:\n" + String.join("\n", broker.log()));
            assertTrue(device.log("broker").stream().noneMatch(l -> l.contains("barley")), device.log("broker").toString());
        }
    }
}
