package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task type {@code bme280} through the real distribution, on the mock plugin's I2C bus, on which no chip answers. */
class SensorsIT {

    @TempDir
    Path dir;

    @Test
    void aBme280ThatDoesNotAnswerIsSaidSoAndRestartedWithBackoff() {
        Distribution.write(dir.resolve("perthensis.json"), """
                { "gpio": { "provider": "mock" },
                  "buses": { "i2c1": { "bus": 1 } },
                  "tasks": [ { "type": "bme280", "name": "indoor", "bus": "i2c1", "address": "0x76", "every": "1s" } ] }
                """);
        String says = "ERROR [app] task 'indoor' (type bme280) failed: java.io.IOException: BME280 at 0x76 on bus i2c1"
                + " cannot be reached: no answer from 0x76 on I2C bus 1, which Pi4J's mock plugin simulates with no device"
                + " on it: got 0 of 1 bytes from register 0xd0; check its wiring, power and address (0x76 with SDO to"
                + " ground, 0x77 with SDO to VDD); restarting in ";
        try (AppProcess app = Distribution.start(dir, Distribution.MODS, "perthensis.json")) {
            app.awaitLog(l -> l.equals(says + "1s"), "the first failure");
            app.awaitLog(l -> l.equals(says + "2s"), "the second, after the backoff");
            app.sigterm();
            app.awaitExit();
        }
    }

    @Test
    void mistakesOfASensorTaskAreReportedAtTheirField() {
        Distribution.write(dir.resolve("bad.json"), """
                {
                  "buses": { "i2c1": { "bus": 1 } },
                  "tasks": [
                    { "type": "bme280", "name": "a", "bus": "i2c0" },
                    { "type": "bme280", "name": "b", "bus": "i2c1", "address": 119, "oversampling": { "humidity": 3 } },
                    { "type": "bme280", "name": "c", "bus": "i2c1", "address": "0x78" },
                    { "type": "bme280", "name": "d", "bus": "i2c1" },
                    { "type": "bme280", "name": "e", "bus": "i2c1", "address": "0x76" }
                  ]
                }
                """);
        try (AppProcess app = Distribution.start(dir, Distribution.MODS, "--check", "bad.json")) {
            assertEquals(2, app.awaitExit());
            assertEquals(List.of(
                    "bad.json:4:38: $.tasks[0].bus: no I2C bus is named \"i2c0\"; the buses are i2c1",
                    "bad.json:5:87: $.tasks[1].oversampling.humidity: must be 0 (left out), 1, 2, 4, 8 or 16, got 3",
                    "bad.json:6:53: $.tasks[2].address: must be an I2C address from 0x03 to 0x77, such as \"0x76\" or 118,"
                            + " got \"0x78\"",
                    "bad.json:8:53: $.tasks[4].address: 0x76 on bus i2c1 is already read by task 'd'",
                    "4 errors in bad.json."), app.err());
        }
    }
}
