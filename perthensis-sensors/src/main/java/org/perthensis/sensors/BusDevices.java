package org.perthensis.sensors;

import org.perthensis.api.Buses;
import org.perthensis.api.Checks;
import org.perthensis.api.I2cDevice;
import org.perthensis.api.ManagedResource;
import org.perthensis.api.TaskEnvironment;

/** How a sensor's provider gets its device: from the runtime's buses, its address claimed. */
final class BusDevices {

    private BusDevices() {
    }

    /**
     * The handle of a device on an I2C bus, for a provider's {@code create}.
     *
     * @param environment the task's environment, whose {@link Buses} service has the bus
     * @param bus the configured {@code bus}
     * @param address the configured {@code address}
     * @return the device's handle
     * @throws org.perthensis.api.FieldException at {@code bus} for a bus there is not, at
     *     {@code address} for a device another task uses
     * @throws IllegalStateException if there is no {@link Buses} service
     */
    static ManagedResource.Handle<I2cDevice> i2c(TaskEnvironment environment, String bus, int address) {
        Buses buses = environment.requireService(Buses.class);
        ManagedResource.Handle<I2cDevice> handle;
        try {
            handle = buses.i2c(bus, address);
        } catch (IllegalArgumentException e) {
            throw Checks.invalid("bus", e.getMessage());
        }
        // Two tasks on one chip would change each other's settings between their transactions.
        environment.claim("i2c:" + bus + ":" + hex(address)).ifPresent(holder -> {
            throw Checks.invalid("address", where(bus, address) + " is already read by task '" + holder + "'");
        });
        return handle;
    }

    /**
     * Where a device is, as its {@link I2cDevice#toString()} says it.
     *
     * @param bus the bus's name
     * @param address the address
     * @return such as {@code 0x76 on bus i2c1}
     */
    static String where(String bus, int address) {
        return hex(address) + " on bus " + bus;
    }

    private static String hex(int address) {
        return String.format("0x%02x", address);
    }
}
