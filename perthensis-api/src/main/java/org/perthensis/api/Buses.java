package org.perthensis.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The buses a device's sensors share, each one {@link ManagedResource}: one transaction at a
 * time, waiters served first come, first served, a waiting task costing nothing. The runtime
 * registers it as a service, made from the config file's {@code "buses"} section
 * ({@code "buses": {"i2c1": {"bus": 1}}}); a task type that talks to a device looks it up in its
 * provider's {@code create}:
 *
 * <pre>{@code
 * ManagedResource.Handle<I2cDevice> chip = env.requireService(Buses.class).i2c("i2c1", 0x76);
 * ...
 * try (var lease = chip.acquire()) {                 // write a register: start a conversion
 *     s.blocking(() -> { lease.resource().write(0xF4, (byte) 0x25); return null; });
 * }
 * s.sleep(Duration.ofMillis(10));                    // the bus is free for others meanwhile
 * try (var lease = chip.acquire()) {                 // read the result
 *     s.blocking(() -> { lease.resource().read(0xF7, data); return null; });
 * }
 * }</pre>
 *
 * <p>A transaction holds the bus only while it needs it: what happens inside one lease is never
 * interleaved with another task's transfers on the same bus, and a wait for a conversion goes
 * between two leases, as tasko's README advises. The types are the API's own, so a device's
 * module needs no Pi4J.
 */
public interface Buses {

    /** The lowest 7-bit I2C address a device may have; those below are reserved. */
    int MIN_I2C_ADDRESS = 0x03;
    /** The highest 7-bit I2C address a device may have; those above are reserved. */
    int MAX_I2C_ADDRESS = 0x77;

    /**
     * A device on an I2C bus: a handle of that bus's managed resource. Call it in a provider's
     * {@code create} (before the loop runs) or on the loop.
     *
     * @param bus the bus's name, such as {@code i2c1}
     * @param address the device's 7-bit address, {@link #MIN_I2C_ADDRESS} to {@link #MAX_I2C_ADDRESS}
     * @return the handle; its lease's resource is the device, usable until the lease is closed
     * @throws IllegalArgumentException if no I2C bus has that name (the message lists those
     *     there are) or the address is out of range
     */
    ManagedResource.Handle<I2cDevice> i2c(String bus, int address);

    /**
     * The names of the I2C buses.
     *
     * @return the names, in the order configured
     */
    List<String> i2cNames();

    /**
     * Shares raw buses: each becomes one managed resource of {@code scheduler}, the sharing
     * the runtime's buses have. For plain Java and tests; call it before the loop runs or on it.
     *
     * @param scheduler the scheduler whose tasks share the buses
     * @param i2c the I2C buses by name, in order
     * @return the buses
     */
    static Buses of(Scheduler scheduler, Map<String, ? extends I2cBus> i2c) {
        return new SharedBuses(Objects.requireNonNull(scheduler, "scheduler"), Objects.requireNonNull(i2c, "i2c"));
    }

    /**
     * One I2C bus as the hardware offers it, talking to any device on it: what
     * {@link Buses#of} shares. The runtime's is Pi4J's; a test's may be a fake. Its calls come
     * from the threads of {@link Scheduler#blocking(java.util.concurrent.Callable)}, one at a
     * time while tasks use their leases, but a call abandoned by a timeout may still be running
     * when the next begins: an implementation is thread-safe.
     */
    interface I2cBus {

        /**
         * Writes {@code register} to the device, then reads {@code into.length} bytes from it.
         *
         * @param address the device's 7-bit address
         * @param register the first register
         * @param into where the bytes go
         * @throws IOException if the device does not answer, or with fewer bytes
         */
        void read(int address, int register, byte[] into) throws IOException;

        /**
         * Writes {@code register}, then {@code data}, to the device in one transfer.
         *
         * @param address the device's 7-bit address
         * @param register the register
         * @param data the bytes
         * @throws IOException if the device does not answer
         */
        void write(int address, int register, byte[] data) throws IOException;
    }
}
