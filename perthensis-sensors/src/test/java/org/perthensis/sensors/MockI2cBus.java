package org.perthensis.sensors;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.perthensis.api.Buses;

/**
 * An I2C bus of Pi4J's mock plugin with fake chips on it, and a log of every transfer with the
 * scheduler's time. The mock's device is a queue of bytes per register, so a read first hands
 * the fake's answer to the mock and then reads it back through Pi4J, and a write goes through
 * Pi4J and is then taken from the mock by the fake: every byte passes Pi4J's I2C API as it
 * does on a Raspberry Pi. An address without a fake answers nothing, as an unplugged chip.
 */
final class MockI2cBus implements Buses.I2cBus, AutoCloseable {

    private final Context pi4j = Pi4J.newContextBuilder().add(MockI2CProvider.newInstance()).build();
    private final Map<Integer, I2C> devices = new HashMap<>();
    private final Map<Integer, FakeBme280> chips = new HashMap<>();
    private final LongSupplier nanos;
    /** Every transfer: its time in milliseconds, address, direction, register and bytes (or length read). */
    final List<String> transfers = new CopyOnWriteArrayList<>();

    MockI2cBus(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Plugs a chip in at an address. */
    synchronized MockI2cBus plug(int address, FakeBme280 chip) {
        chips.put(address, chip);
        return this;
    }

    @Override
    public synchronized void read(int address, int register, byte[] into) throws IOException {
        I2C device = device(address);
        FakeBme280 chip = chips.get(address);
        if (chip != null) {
            device.writeRegister(register, chip.read(register, into.length));
        }
        int got = device.readRegister(register, into, 0, into.length);
        log(address, "read", register, into.length);
        if (got != into.length) {
            throw new IOException("no answer from " + hex(address) + " on I2C bus 1: got " + Math.max(got, 0) + " of "
                    + into.length + " bytes from register " + hex(register));
        }
    }

    @Override
    public synchronized void write(int address, int register, byte[] data) throws IOException {
        FakeBme280 chip = chips.get(address);
        log(address, "write", register, data);
        if (chip == null) { // the mock takes any write; a real bus without the chip is not acknowledged
            throw new IOException("no answer from " + hex(address) + " on I2C bus 1: Remote I/O error");
        }
        I2C device = device(address);
        device.writeRegister(register, data);
        byte[] taken = new byte[data.length];
        device.readRegister(register, taken, 0, taken.length);
        chip.write(register, taken);
    }

    private I2C device(int address) {
        return devices.computeIfAbsent(address, a -> pi4j.create(I2C.newConfigBuilder(pi4j)
                .id("i2c-1-" + hex(a)).bus(1).device(a).build()));
    }

    private void log(int address, String what, int register, Object detail) {
        String bytes = detail instanceof byte[] b ? " " + HexFormat.of().formatHex(b) : " " + detail;
        String millis = new BigDecimal(nanos.getAsLong()).movePointLeft(6).stripTrailingZeros().toPlainString();
        transfers.add(millis + "ms " + hex(address) + " " + what + " "
                + hex(register) + bytes);
    }

    private static String hex(int value) {
        return String.format("0x%02x", value);
    }

    @Override
    public void close() {
        pi4j.shutdown();
    }
}
