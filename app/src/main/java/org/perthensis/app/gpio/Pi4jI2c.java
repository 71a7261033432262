package org.perthensis.app.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.i2c.I2C;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perthensis.api.Buses;
import org.perthensis.api.Scheduler;
import org.perthensis.app.config.Plan;

/**
 * One I2C bus of the config's {@code "buses"} section, through the runtime's Pi4J context: the
 * linuxfs plugin's {@code /dev/i2c-N} on a Raspberry Pi, the mock plugin's off one, on which no
 * device answers. A device's Pi4J I2C is opened on its first transfer, so a bus that no task
 * reads opens nothing and starts no Pi4J. Its failures are said in the user's words, without
 * Pi4J's exception names.
 */
public final class Pi4jI2c implements Buses.I2cBus {

    private final GpioService gpio;
    private final int bus;
    private final Map<Integer, I2C> devices = new HashMap<>();

    Pi4jI2c(GpioService gpio, int bus) {
        this.gpio = gpio;
        this.bus = bus;
    }

    /**
     * The buses of a config file, each one managed resource of the scheduler, as the service
     * {@link Buses} hands them to tasks.
     *
     * @param scheduler the scheduler whose tasks share them
     * @param buses the buses of the file
     * @param gpio the Pi4J context, opened on the first transfer
     * @return the buses
     */
    public static Buses share(Scheduler scheduler, List<Plan.Bus> buses, GpioService gpio) {
        Map<String, Pi4jI2c> raw = new LinkedHashMap<>();
        buses.forEach(b -> raw.put(b.name(), new Pi4jI2c(gpio, b.number())));
        return Buses.of(scheduler, raw);
    }

    @Override
    public synchronized void read(int address, int register, byte[] into) throws IOException {
        I2C device = open(address);
        int read;
        try {
            read = device.readRegister(register, into, 0, into.length);
        } catch (RuntimeException e) {
            throw new IOException(noAnswer(device, address) + ": " + rootMessage(e), e);
        }
        if (read != into.length) {
            throw new IOException(noAnswer(device, address) + ": got " + Math.max(read, 0) + " of " + into.length
                    + " bytes from register " + hex(register));
        }
    }

    @Override
    public synchronized void write(int address, int register, byte[] data) throws IOException {
        I2C device = open(address);
        int written;
        try {
            written = device.writeRegister(register, data, 0, data.length);
        } catch (RuntimeException e) {
            throw new IOException(noAnswer(device, address) + ": " + rootMessage(e), e);
        }
        if (written < 0) {
            throw new IOException(noAnswer(device, address) + ": writing register " + hex(register) + " failed");
        }
    }

    private I2C open(int address) throws IOException {
        I2C device = devices.get(address);
        if (device != null) {
            return device;
        }
        Context context = gpio.context().orElseThrow(() -> new IOException(
                "I2C bus " + bus + " cannot be used: there is no Pi4J; see the gpio line above"));
        if (!context.hasProvider(IOType.I2C)) {
            throw new IOException("I2C bus " + bus + " cannot be used: the Pi4J plugin in use has no I2C;"
                    + " add pi4j-plugin-linuxfs.jar");
        }
        Path node = Path.of("/dev/i2c-" + bus);
        boolean simulated = isMock(context.provider(IOType.I2C).id());
        if (!simulated && !Files.exists(node)) {
            throw new IOException("I2C bus " + bus + " cannot be used: " + node + " does not exist; turn I2C on"
                    + " (sudo raspi-config nonint do_i2c 0, then reboot) or give the bus's \"bus\" a number that exists");
        }
        try {
            device = context.create(I2C.newConfigBuilder(context)
                    .id("i2c-" + bus + "-" + hex(address))
                    .name("I2C bus " + bus + " device " + hex(address))
                    .bus(bus)
                    .device(address)
                    .build());
        } catch (RuntimeException e) {
            throw new IOException("I2C bus " + bus + (simulated ? "" : " (" + node + ")") + " cannot be opened: "
                    + rootMessage(e), e);
        }
        devices.put(address, device);
        return device;
    }

    private String noAnswer(I2C device, int address) {
        return "no answer from " + hex(address) + " on I2C bus " + bus + (isMock(device.provider().id())
                ? ", which Pi4J's mock plugin simulates with no device on it" : " (/dev/i2c-" + bus + ")");
    }

    private static boolean isMock(String providerId) {
        return providerId.startsWith(GpioChoice.MOCK);
    }

    /** What the operating system said, such as {@code Remote I/O error}, under Pi4J's wrappers. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    private static String hex(int value) {
        return String.format("0x%02x", value);
    }
}
