package org.perthensis.sensors;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.perthensis.api.Durations;
import org.perthensis.api.I2cDevice;
import org.perthensis.api.ManagedResource;
import org.perthensis.api.Scheduler;

/**
 * A Bosch BME280 over I2C, measured in forced mode: each measurement writes its settings and
 * starts a conversion in one transaction, waits for the datasheet's longest conversion time
 * with the bus free for others, then reads the results in a second transaction.
 */
final class Bme280 implements Sensor {

    static final int CHIP_ID = 0x60;
    static final int REG_CHIP_ID = 0xD0;
    static final int REG_RESET = 0xE0;
    static final byte RESET_WORD = (byte) 0xB6;
    static final int REG_CTRL_HUM = 0xF2;
    static final int REG_CTRL_MEAS = 0xF4;
    static final int REG_DATA = 0xF7;
    static final int DATA_LENGTH = 8;
    /** The datasheet's start-up time: after a reset, the chip copies its calibration meanwhile. */
    static final Duration START_UP = Duration.ofMillis(2);
    /** The longest a transfer may take, far beyond a healthy one's microseconds: a stuck bus fails the task. */
    static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(1);
    private static final int FORCED_MODE = 0b01;
    /** What a data register of 20 bits reads when no measurement was made. */
    static final int SKIPPED = 0x80000;

    private final ManagedResource.Handle<I2cDevice> chip;
    private final Bme280Provider.Oversampling oversampling;
    private final String name;
    private Bme280Calibration calibration;

    /**
     * A chip not yet found.
     *
     * @param chip its handle on the bus
     * @param where where it is, such as {@code 0x76 on bus i2c1}
     * @param oversampling the factors
     */
    Bme280(ManagedResource.Handle<I2cDevice> chip, String where, Bme280Provider.Oversampling oversampling) {
        this.chip = chip;
        this.oversampling = oversampling;
        this.name = "BME280 at " + where;
    }

    @Override
    public List<Quantity> quantities() {
        List<Quantity> quantities = new ArrayList<>(List.of(new Quantity("temperature", "°C", "temperature")));
        if (oversampling.humidity() > 0) {
            quantities.add(new Quantity("humidity", "%", "humidity"));
        }
        if (oversampling.pressure() > 0) {
            quantities.add(new Quantity("pressure", "hPa", "pressure"));
        }
        return quantities;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void start(Scheduler s) throws Exception {
        calibration = null;
        try (var lease = chip.acquire()) {
            I2cDevice device = lease.resource();
            int id = read(s, device, REG_CHIP_ID, 1)[0] & 0xFF;
            if (id != CHIP_ID) {
                throw new IOException(name + " answers with chip id " + String.format("0x%02x", id) + known(id)
                        + ", not a BME280's 0x60; check the address");
            }
            // A reset puts a chip left in normal mode by an earlier run back to sleep, its filter off.
            write(s, device, REG_RESET, RESET_WORD);
        }
        s.sleep(START_UP);
        try (var lease = chip.acquire()) {
            I2cDevice device = lease.resource();
            byte[] first = read(s, device, Bme280Calibration.FIRST_BLOCK, Bme280Calibration.FIRST_BLOCK_LENGTH);
            byte[] second = read(s, device, Bme280Calibration.SECOND_BLOCK, Bme280Calibration.SECOND_BLOCK_LENGTH);
            calibration = Bme280Calibration.decode(first, second);
        }
    }

    @Override
    public List<Reading> measure(Scheduler s) throws Exception {
        if (calibration == null) {
            throw new IllegalStateException(name + " measured before it was started");
        }
        try (var lease = chip.acquire()) {
            I2cDevice device = lease.resource();
            // ctrl_hum takes effect only with the write of ctrl_meas that follows it.
            write(s, device, REG_CTRL_HUM, (byte) code(oversampling.humidity()));
            write(s, device, REG_CTRL_MEAS, (byte) (code(oversampling.temperature()) << 5
                    | code(oversampling.pressure()) << 2 | FORCED_MODE));
        }
        s.sleep(conversionTime(oversampling));
        byte[] data;
        try (var lease = chip.acquire()) {
            data = read(s, lease.resource(), REG_DATA, DATA_LENGTH);
        }
        int adcP = twentyBits(data, 0);
        int adcT = twentyBits(data, 3);
        int adcH = (data[6] & 0xFF) << 8 | (data[7] & 0xFF);
        if (adcT == SKIPPED) {
            // It still reads as after power-on: it lost its power, or ignored the start; the next run sets it up again.
            throw new IOException(name + " made no measurement (was it powered off and on?)");
        }
        int tFine = calibration.fineTemperature(adcT);
        List<Reading> readings = new ArrayList<>(3);
        readings.add(new Reading("temperature", Bme280Calibration.centiCelsius(tFine) / 100.0, "°C"));
        if (oversampling.humidity() > 0) {
            readings.add(new Reading("humidity", hundredths(calibration.humidityQ22x10(adcH, tFine) / 1024.0), "%"));
        }
        if (oversampling.pressure() > 0) {
            readings.add(new Reading("pressure", hundredths(calibration.pressureQ24x8(adcP, tFine) / 256.0 / 100.0), "hPa"));
        }
        return readings;
    }

    /**
     * The datasheet's maximum measurement time (section 9.1):
     * {@code 1.25 + 2.3·T + (2.3·P + 0.575) + (2.3·H + 0.575)} ms, a term left out with its measurement.
     *
     * @param oversampling the factors
     * @return the time
     */
    static Duration conversionTime(Bme280Provider.Oversampling oversampling) {
        long micros = 1250 + 2300L * oversampling.temperature();
        if (oversampling.pressure() > 0) {
            micros += 2300L * oversampling.pressure() + 575;
        }
        if (oversampling.humidity() > 0) {
            micros += 2300L * oversampling.humidity() + 575;
        }
        return Duration.ofNanos(micros * 1000);
    }

    /** The register code of a factor: 0 skipped, 1 for ×1 up to 5 for ×16. */
    private static int code(int factor) {
        return factor == 0 ? 0 : Integer.numberOfTrailingZeros(factor) + 1;
    }

    private static int twentyBits(byte[] data, int at) {
        return (data[at] & 0xFF) << 12 | (data[at + 1] & 0xFF) << 4 | (data[at + 2] & 0xFF) >> 4;
    }

    private static double hundredths(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String known(int id) {
        return switch (id) {
            case 0x56, 0x57, 0x58 -> " (a BMP280, which has no humidity)";
            case 0x61 -> " (a BME680)";
            case 0x55 -> " (a BMP180)";
            default -> "";
        };
    }

    private byte[] read(Scheduler s, I2cDevice device, int register, int length) throws Exception {
        byte[] into = new byte[length];
        transfer(s, () -> device.read(register, into));
        return into;
    }

    private void write(Scheduler s, I2cDevice device, int register, byte value) throws Exception {
        transfer(s, () -> device.write(register, value));
    }

    private void transfer(Scheduler s, Transfer transfer) throws Exception {
        try {
            s.withTimeout(TRANSFER_TIMEOUT, () -> s.blocking(() -> {
                transfer.run();
                return null;
            }));
        } catch (IOException e) {
            throw noAnswer(e);
        } catch (TimeoutException e) {
            throw noAnswer(new IOException("a transfer took longer than " + Durations.format(TRANSFER_TIMEOUT)));
        }
    }

    /** One read or write of the device. */
    private interface Transfer {
        void run() throws IOException;
    }

    private IOException noAnswer(IOException e) {
        return new IOException(name + " cannot be reached: " + e.getMessage()
                + "; check its wiring, power and address (0x76 with SDO to ground, 0x77 with SDO to VDD)", e);
    }
}
