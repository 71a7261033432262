package org.perthensis.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The buses behind {@link Buses#of}: each bus one {@link ManagedResource} whose per-handle
 * argument is the device's address, selected when its handle acquires the bus as a chip-select
 * pin is in tasko's example, and checked by every transfer.
 */
final class SharedBuses implements Buses {

    private final Map<String, Bus> i2c = new LinkedHashMap<>();

    SharedBuses(Scheduler scheduler, Map<String, ? extends I2cBus> buses) {
        buses.forEach((name, raw) -> i2c.put(Objects.requireNonNull(name, "bus name"),
                new Bus(scheduler, name, Objects.requireNonNull(raw, "bus"))));
    }

    @Override
    public ManagedResource.Handle<I2cDevice> i2c(String bus, int address) {
        Bus found = i2c.get(bus);
        if (found == null) {
            throw new IllegalArgumentException("no I2C bus is named " + Checks.quote(String.valueOf(bus)) + "; "
                    + (i2c.isEmpty() ? "there is none" : "the buses are " + String.join(", ", i2c.keySet())));
        }
        if (address < MIN_I2C_ADDRESS || address > MAX_I2C_ADDRESS) {
            throw new IllegalArgumentException("an I2C address is from " + hex(MIN_I2C_ADDRESS) + " to "
                    + hex(MAX_I2C_ADDRESS) + ", got " + hex(address));
        }
        return found.handle(address);
    }

    @Override
    public List<String> i2cNames() {
        return List.copyOf(i2c.keySet());
    }

    static String hex(int address) {
        return String.format("0x%02x", address);
    }

    private static final class Bus {
        final String name;
        final I2cBus raw;
        final ManagedResource<Bus, Integer> shared;
        /** The address whose handle holds the bus, or -1; read by the blocking threads that transfer. */
        volatile int holder = -1;

        Bus(Scheduler scheduler, String name, I2cBus raw) {
            this.name = name;
            this.raw = raw;
            this.shared = scheduler.manage(this, address -> holder = address, address -> holder = -1);
        }

        ManagedResource.Handle<I2cDevice> handle(int address) {
            ManagedResource.Handle<Bus> handle = shared.handle(address);
            Device device = new Device(this, address);
            return () -> new DeviceLease(handle.acquire(), device);
        }
    }

    private static final class Device implements I2cDevice {
        private final Bus bus;
        private final int address;

        Device(Bus bus, int address) {
            this.bus = bus;
            this.address = address;
        }

        @Override
        public int address() {
            return address;
        }

        @Override
        public String bus() {
            return bus.name;
        }

        @Override
        public void read(int register, byte[] into) throws IOException {
            check(register);
            if (into.length == 0) {
                throw new IllegalArgumentException("nothing to read: the buffer is empty");
            }
            bus.raw.read(address, register, into);
        }

        @Override
        public void write(int register, byte... data) throws IOException {
            check(register);
            if (data.length == 0) {
                throw new IllegalArgumentException("nothing to write after register " + hex(register));
            }
            bus.raw.write(address, register, data.clone());
        }

        private void check(int register) {
            if (register < 0 || register > 0xFF) {
                throw new IllegalArgumentException("a register is from 0x00 to 0xff, got " + register);
            }
            // A transfer outside the lease could interleave with another task's transaction.
            if (bus.holder != address) {
                throw new IllegalStateException(this + " used without holding the bus; acquire its handle first");
            }
        }

        @Override
        public String toString() {
            return hex(address) + " on bus " + bus.name;
        }
    }

    private record DeviceLease(ManagedResource.Lease<Bus> lease, Device device) implements ManagedResource.Lease<I2cDevice> {

        @Override
        public I2cDevice resource() {
            lease.resource(); // throws once closed
            return device;
        }

        @Override
        public void close() {
            lease.close();
        }
    }
}
