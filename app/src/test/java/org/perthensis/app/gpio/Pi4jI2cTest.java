package org.perthensis.app.gpio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.IOType;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perthensis.app.config.GpioMode;
import org.perthensis.testing.RecordingLogger;

/** A configured I2C bus through the app's Pi4J context, on Pi4J's real mock plugin. */
class Pi4jI2cTest {

    private final RecordingLogger log = new RecordingLogger();
    private final GpioService gpio = new GpioService(new GpioChoice("mock", "tests", false), GpioMode.MOCK, log, true);

    @AfterEach
    void shutDown() {
        gpio.close();
    }

    @Test
    void aTransferReachesItsDeviceAndPi4jStartsOnlyThen() throws IOException {
        Pi4jI2c bus = new Pi4jI2c(gpio, 1);
        assertTrue(!gpio.isOpen(), "a bus nobody uses starts no Pi4J");
        bus.write(0x76, 0xF4, new byte[] {0x25, 0x26});
        byte[] got = new byte[2];
        bus.read(0x76, 0xF4, got); // the mock's register hands back what was written to it
        assertArrayEquals(new byte[] {0x25, 0x26}, got);
        assertTrue(gpio.context().orElseThrow().registry().exists("i2c-1-0x76"));
        assertEquals(List.of("INFO gpio: using Pi4J plugin mock: tests"), log.lines());
    }

    @Test
    void aDeviceThatAnswersNothingIsSaidSoInTheUsersWords() {
        IOException e = assertThrows(IOException.class, () -> new Pi4jI2c(gpio, 1).read(0x77, 0xD0, new byte[1]));
        assertEquals("no answer from 0x77 on I2C bus 1, which Pi4J's mock plugin simulates with no device on it:"
                + " got 0 of 1 bytes from register 0xd0", e.getMessage());
    }

    @Test
    void withoutPi4jNoBusCanBeUsed() {
        try (GpioService none = new GpioService(new GpioChoice(null, "no GPIO here", true), GpioMode.AUTO, log, true)) {
            IOException e = assertThrows(IOException.class, () -> new Pi4jI2c(none, 1).write(0x76, 0xE0, new byte[] {1}));
            assertEquals("I2C bus 1 cannot be used: there is no Pi4J; see the gpio line above", e.getMessage());
        }
    }

    @Test
    void theMockContextHasI2cAndSpi() {
        try (Gpio mock = Gpio.open("mock")) {
            assertTrue(mock.context().hasProvider(IOType.I2C));
            assertTrue(mock.context().hasProvider(IOType.SPI));
        }
    }
}
