package org.perthensis.sensors;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A scripted BME280: its register map as the datasheet lays it out, the calibration of its
 * blocks, and, for each forced measurement, the next raw values of its script. It checks what
 * a driver must get right: a forced measurement read only after its conversion time, settings
 * written in the datasheet's order, a reset word that is the reset word.
 */
final class FakeBme280 {

    private final byte[] registers = new byte[256];
    private final Deque<int[]> script = new ArrayDeque<>();
    private int[] lastData;
    private final LongSupplier nanos;
    private long conversionDoneAt = Long.MIN_VALUE;
    private String mistake;

    /**
     * A chip with a calibration and a chip id.
     *
     * @param nanos the scheduler's clock, to tell a read before the conversion's end
     * @param chipId its id register, {@code 0x60} for a BME280
     * @param first its registers {@code 0x88..0xA1}
     * @param second its registers {@code 0xE1..0xE7}
     */
    FakeBme280(LongSupplier nanos, int chipId, byte[] first, byte[] second) {
        this.nanos = nanos;
        registers[Bme280.REG_CHIP_ID] = (byte) chipId;
        System.arraycopy(first, 0, registers, Bme280Calibration.FIRST_BLOCK, first.length);
        System.arraycopy(second, 0, registers, Bme280Calibration.SECOND_BLOCK, second.length);
        // After power-on a BME280 reads "skipped" in every data register.
        setData(new int[] {0x80, 0, 0, 0x80, 0, 0, 0x80, 0});
    }

    /** The real chip of {@link Bme280CalibrationTest}, measuring its one measurement again and again. */
    static FakeBme280 realChip(LongSupplier nanos) {
        FakeBme280 chip = new FakeBme280(nanos, Bme280.CHIP_ID, Bme280CalibrationTest.bytes(Bme280CalibrationTest.REAL_CHIP_FIRST_BLOCK),
                Bme280CalibrationTest.bytes(Bme280CalibrationTest.REAL_CHIP_SECOND_BLOCK));
        chip.then(Bme280CalibrationTest.REAL_CHIP_DATA);
        return chip;
    }

    /**
     * Adds one measurement's raw data registers {@code 0xF7..0xFE} to the script; once it is
     * used up, the last one is measured again.
     */
    FakeBme280 then(int... data) {
        script.add(data.clone());
        return this;
    }

    /** Adds one measurement of raw 20-bit pressure and temperature and 16-bit humidity. */
    FakeBme280 then(int adcP, int adcT, int adcH) {
        return then(adcP >> 12, adcP >> 4 & 0xFF, (adcP & 0xF) << 4, adcT >> 12, adcT >> 4 & 0xFF, (adcT & 0xF) << 4,
                adcH >> 8, adcH & 0xFF);
    }

    /** What the chip saw done wrong, or null. */
    String mistake() {
        return mistake;
    }

    synchronized byte[] read(int register, int length) {
        if (register <= Bme280.REG_DATA + Bme280.DATA_LENGTH && register + length > Bme280.REG_DATA
                && nanos.getAsLong() < conversionDoneAt) {
            mistake = "data read " + (conversionDoneAt - nanos.getAsLong()) + " ns before the conversion's end";
        }
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = registers[(register + i) & 0xFF]; // the chip counts up as it sends
        }
        return out;
    }

    synchronized void write(int register, byte[] data) {
        for (byte value : data) { // a BME280 takes one register per write
            store(register, value);
        }
    }

    private void store(int register, byte value) {
        switch (register) {
            case Bme280.REG_RESET -> {
                if (value != Bme280.RESET_WORD) {
                    mistake = "reset written with " + value;
                }
                registers[Bme280.REG_CTRL_HUM] = 0;
                registers[Bme280.REG_CTRL_MEAS] = 0;
            }
            case Bme280.REG_CTRL_MEAS -> {
                registers[register] = value;
                if ((value & 0b11) == 0b01) {
                    measure(value);
                }
            }
            default -> registers[register] = value;
        }
    }

    private void measure(byte ctrlMeas) {
        var oversampling = new Bme280Provider.Oversampling(factor(ctrlMeas >> 5 & 0b111), factor(ctrlMeas >> 2 & 0b111),
                factor(registers[Bme280.REG_CTRL_HUM] & 0b111));
        conversionDoneAt = nanos.getAsLong() + Bme280.conversionTime(oversampling).toNanos();
        if (!script.isEmpty()) {
            lastData = script.poll();
        }
        if (lastData != null) {
            setData(lastData);
        }
        // A skipped measurement reads 0x80000 (0x8000 for humidity), as the real chip's does.
        if (oversampling.pressure() == 0) {
            setBytes(0, 0x80, 0, 0);
        }
        if (oversampling.humidity() == 0) {
            setBytes(6, 0x80, 0);
        }
        registers[Bme280.REG_CTRL_MEAS] = (byte) (ctrlMeas & ~0b11); // back to sleep after the measurement
    }

    private static int factor(int code) {
        return code == 0 ? 0 : List.of(1, 2, 4, 8, 16).get(Math.min(code, 5) - 1);
    }

    private void setData(int[] data) {
        setBytes(0, data);
    }

    private void setBytes(int at, int... data) {
        for (int i = 0; i < data.length; i++) {
            registers[Bme280.REG_DATA + at + i] = (byte) data[i];
        }
    }
}
