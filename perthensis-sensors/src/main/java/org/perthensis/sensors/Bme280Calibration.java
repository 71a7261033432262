package org.perthensis.sensors;

/**
 * A BME280's trimming parameters, read from its registers {@code 0x88..0xA1} and
 * {@code 0xE1..0xE7}, and the compensation of its raw readings in the datasheet's integer form
 * (BST-BME280-DS002, section 4.2.3): 32-bit for temperature and humidity, 64-bit for pressure.
 * The integer form is exact on every machine, and is what Bosch's own driver computes.
 */
record Bme280Calibration(int t1, int t2, int t3,
        int p1, int p2, int p3, int p4, int p5, int p6, int p7, int p8, int p9,
        int h1, int h2, int h3, int h4, int h5, int h6) {

    /** The first block's register, {@code dig_T1} to {@code dig_H1}. */
    static final int FIRST_BLOCK = 0x88;
    /** Its length: {@code 0x88..0xA1}, {@code 0xA0} unused. */
    static final int FIRST_BLOCK_LENGTH = 26;
    /** The second block's register, {@code dig_H2} to {@code dig_H6}. */
    static final int SECOND_BLOCK = 0xE1;
    /** Its length: {@code 0xE1..0xE7}. */
    static final int SECOND_BLOCK_LENGTH = 7;

    /**
     * Decodes the two blocks as the datasheet's table 16 lays them out.
     *
     * @param first the 26 bytes from {@code 0x88}
     * @param second the 7 bytes from {@code 0xE1}
     * @return the parameters
     */
    static Bme280Calibration decode(byte[] first, byte[] second) {
        return new Bme280Calibration(
                unsigned16(first, 0), signed16(first, 2), signed16(first, 4),
                unsigned16(first, 6), signed16(first, 8), signed16(first, 10), signed16(first, 12),
                signed16(first, 14), signed16(first, 16), signed16(first, 18), signed16(first, 20),
                signed16(first, 22),
                first[25] & 0xFF,
                signed16(second, 0),
                second[2] & 0xFF,
                // dig_H4 and dig_H5 are 12-bit signed, sharing the nibbles of 0xE5.
                (second[3] << 4) | (second[4] & 0x0F),
                (second[5] << 4) | ((second[4] & 0xFF) >> 4),
                second[6]);
    }

    /**
     * The fine temperature that the pressure and humidity compensations take.
     *
     * @param adcT the raw 20-bit temperature
     * @return {@code t_fine}
     */
    int fineTemperature(int adcT) {
        int var1 = (((adcT >> 3) - (t1 << 1)) * t2) >> 11;
        int var2 = (((((adcT >> 4) - t1) * ((adcT >> 4) - t1)) >> 12) * t3) >> 14;
        return var1 + var2;
    }

    /**
     * The temperature.
     *
     * @param tFine the fine temperature
     * @return hundredths of a degree Celsius: 5123 is 51.23 °C
     */
    static int centiCelsius(int tFine) {
        return (tFine * 5 + 128) >> 8;
    }

    /**
     * The pressure.
     *
     * @param adcP the raw 20-bit pressure
     * @param tFine the fine temperature of the same measurement
     * @return pascals in Q24.8 (divide by 256), or 0 if the parameters would divide by zero
     */
    long pressureQ24x8(int adcP, int tFine) {
        long var1 = (long) tFine - 128000;
        long var2 = var1 * var1 * p6;
        var2 = var2 + ((var1 * p5) << 17);
        var2 = var2 + (((long) p4) << 35);
        var1 = ((var1 * var1 * p3) >> 8) + ((var1 * p2) << 12);
        var1 = ((((long) 1) << 47) + var1) * p1 >> 33;
        if (var1 == 0) {
            return 0; // an erased or wrong calibration: the datasheet's guard against dividing by zero
        }
        long p = 1048576 - adcP;
        p = (((p << 31) - var2) * 3125) / var1;
        var1 = (((long) p9) * (p >> 13) * (p >> 13)) >> 25;
        var2 = (((long) p8) * p) >> 19;
        return ((p + var1 + var2) >> 8) + (((long) p7) << 4);
    }

    /**
     * The relative humidity.
     *
     * @param adcH the raw 16-bit humidity
     * @param tFine the fine temperature of the same measurement
     * @return percent in Q22.10 (divide by 1024), 0 to 100 %
     */
    int humidityQ22x10(int adcH, int tFine) {
        int v = tFine - 76800;
        v = (((((adcH << 14) - (h4 << 20) - (h5 * v)) + 16384) >> 15)
                * (((((((v * h6) >> 10) * (((v * h3) >> 11) + 32768)) >> 10) + 2097152) * h2 + 8192) >> 14));
        v = v - (((((v >> 15) * (v >> 15)) >> 7) * h1) >> 4);
        v = Math.max(0, Math.min(v, 419430400));
        return v >> 12;
    }

    private static int unsigned16(byte[] b, int at) {
        return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
    }

    private static int signed16(byte[] b, int at) {
        return (short) unsigned16(b, at);
    }
}
