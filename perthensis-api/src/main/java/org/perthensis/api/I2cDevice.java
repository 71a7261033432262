package org.perthensis.api;

import java.io.IOException;

/**
 * One device on a shared I2C bus, as the lease of its handle gives it: reads and writes of its
 * registers. Made by {@link Buses#i2c(String, int)}; {@code toString()} names it for messages,
 * such as {@code 0x76 on bus i2c1}.
 *
 * <p>Each call is a transfer on the bus and blocks until it is done (tens to hundreds of
 * microseconds, longer on a slow or busy bus), so a task makes it inside
 * {@link Scheduler#blocking(java.util.concurrent.Callable)}, and only while it holds the lease:
 *
 * <pre>{@code
 * try (var lease = sensor.acquire()) {          // the bus is this task's until closed
 *     I2cDevice chip = lease.resource();
 *     byte[] id = new byte[1];
 *     s.blocking(() -> { chip.read(0xD0, id); return null; });
 * }
 * }</pre>
 */
public interface I2cDevice {

    /**
     * The device's 7-bit address.
     *
     * @return such as {@code 0x76}
     */
    int address();

    /**
     * The name of the bus it is on.
     *
     * @return such as {@code i2c1}
     */
    String bus();

    /**
     * Reads consecutive registers: writes the register number, then reads {@code into.length}
     * bytes in one transfer (devices count up from {@code register} as they send).
     *
     * @param register the first register, 0 to 255
     * @param into where the bytes go; its length is how many are read
     * @throws IOException if the device does not answer, or answers with fewer bytes
     * @throws IllegalStateException if no lease of this device's handle is open
     */
    void read(int register, byte[] into) throws IOException;

    /**
     * Writes the register number followed by {@code data} in one transfer; most devices store
     * the bytes in consecutive registers from {@code register} on (a BME280 takes one register
     * per write).
     *
     * @param register the register, 0 to 255
     * @param data the bytes to write, at least one
     * @throws IOException if the device does not answer
     * @throws IllegalStateException if no lease of this device's handle is open
     */
    void write(int register, byte... data) throws IOException;
}
