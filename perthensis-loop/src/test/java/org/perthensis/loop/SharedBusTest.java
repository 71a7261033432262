package org.perthensis.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Buses;
import org.perthensis.api.I2cDevice;
import org.perthensis.api.ManagedResource;
import org.perthensis.api.Scheduler;

/** The API's buses on the loop: one transaction at a time, first come first served, through blocking calls. */
class SharedBusTest {

    private final Scheduler s = Scheduler.builder().virtualTime().build();
    /** Every transfer, with the virtual time it began at; written from the blocking threads. */
    private final List<String> transfers = new CopyOnWriteArrayList<>();

    private final Buses.I2cBus wire = new Buses.I2cBus() {
        @Override
        public void read(int address, int register, byte[] into) {
            transfers.add(s.clock().millis() + " " + Integer.toHexString(address) + " read " + Integer.toHexString(register));
            into[0] = (byte) register;
        }

        @Override
        public void write(int address, int register, byte[] data) {
            transfers.add(s.clock().millis() + " " + Integer.toHexString(address) + " write " + Integer.toHexString(register)
                    + " " + HexFormat.of().formatHex(data));
        }
    };

    private final Buses buses = Buses.of(s, Map.of("i2c1", wire));

    private static void write(Scheduler s, I2cDevice device, int register, int value) throws Exception {
        s.blocking(() -> {
            device.write(register, (byte) value);
            return null;
        });
    }

    private static byte read(Scheduler s, I2cDevice device, int register) throws Exception {
        byte[] one = new byte[1];
        s.blocking(() -> {
            device.read(register, one);
            return null;
        });
        return one[0];
    }

    @Test
    void transactionsOfTasksOnOneBusNeverInterleaveAndAreServedInTheOrderAsked() {
        for (int address : List.of(0x76, 0x77, 0x40)) {
            ManagedResource.Handle<I2cDevice> chip = buses.i2c("i2c1", address);
            s.spawn("chip " + address, sch -> {
                try (var lease = chip.acquire()) {   // each blocking call hands the turn on: the others ask meanwhile
                    write(sch, lease.resource(), 0xF4, 0x25);
                    read(sch, lease.resource(), 0xF7);
                }
                sch.sleep(10);                       // the conversion: the bus is free meanwhile
                try (var lease = chip.acquire()) {
                    read(sch, lease.resource(), 0xFA);
                }
            });
        }
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of(
                "0 76 write f4 25", "0 76 read f7",
                "0 77 write f4 25", "0 77 read f7",
                "0 40 write f4 25", "0 40 read f7",
                "10 76 read fa", "10 77 read fa", "10 40 read fa"), transfers);
    }

    @Test
    void aDeviceUsedOutsideItsLeaseIsRefusedBeforeItTouchesTheBus() {
        ManagedResource.Handle<I2cDevice> chip = buses.i2c("i2c1", 0x76);
        Throwable[] refused = new Throwable[1];
        s.spawn("careless", sch -> {
            I2cDevice kept;
            try (var lease = chip.acquire()) {
                kept = lease.resource();
                assertEquals((byte) 0xD0, read(sch, kept, 0xD0));
            }
            refused[0] = assertThrows(IllegalStateException.class, () -> kept.read(0xD0, new byte[1]));
        });
        s.run(Duration.ofSeconds(1));
        assertEquals("0x76 on bus i2c1 used without holding the bus; acquire its handle first", refused[0].getMessage());
        assertEquals(List.of("0 76 read d0"), transfers);
    }

    @Test
    void aLeaseGivesItsDeviceWithItsAddressAndBus() {
        ManagedResource.Handle<I2cDevice> chip = buses.i2c("i2c1", 0x77);
        byte[] got = new byte[1];
        s.spawn("chip", sch -> {
            try (var lease = chip.acquire()) {
                I2cDevice device = lease.resource();
                assertEquals(List.of(0x77, "i2c1", "0x77 on bus i2c1"), List.of(device.address(), device.bus(), device.toString()));
                got[0] = read(sch, device, 0x42);
            }
        });
        s.run(Duration.ofSeconds(1));
        assertArrayEquals(new byte[] {0x42}, got);
    }

    @Test
    void anUnknownBusOrAnAddressOutOfRangeIsSaidInTheUsersWords() {
        assertEquals("no I2C bus is named \"i2c2\"; the buses are i2c1",
                assertThrows(IllegalArgumentException.class, () -> buses.i2c("i2c2", 0x76)).getMessage());
        assertEquals("no I2C bus is named \"i2c1\"; there is none",
                assertThrows(IllegalArgumentException.class, () -> Buses.of(s, Map.of()).i2c("i2c1", 0x76)).getMessage());
        assertEquals("an I2C address is from 0x03 to 0x77, got 0x78",
                assertThrows(IllegalArgumentException.class, () -> buses.i2c("i2c1", 0x78)).getMessage());
        assertEquals(List.of("i2c1"), buses.i2cNames());
    }

    @Test
    void aFailedTransferFailsOnlyItsTaskAndFreesTheBus() {
        Buses flaky = Buses.of(s, Map.of("i2c1", new Buses.I2cBus() {
            @Override
            public void read(int address, int register, byte[] into) throws IOException {
                if (address == 0x76) {
                    throw new IOException("no answer from 0x76");
                }
                into[0] = 1;
            }

            @Override
            public void write(int address, int register, byte[] data) {
            }
        }));
        ManagedResource.Handle<I2cDevice> gone = flaky.i2c("i2c1", 0x76);
        ManagedResource.Handle<I2cDevice> there = flaky.i2c("i2c1", 0x77);
        var failed = s.spawn("gone", sch -> {
            try (var lease = gone.acquire()) {
                read(sch, lease.resource(), 0xD0);
            }
        });
        byte[] got = new byte[1];
        s.spawn("there", sch -> {
            try (var lease = there.acquire()) {
                got[0] = read(sch, lease.resource(), 0xD0);
            }
        });
        s.run(Duration.ofSeconds(1));
        assertEquals("java.io.IOException: no answer from 0x76", String.valueOf(failed.failure().orElseThrow()));
        assertEquals(1, got[0]);
    }
}
