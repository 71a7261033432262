package org.perthensis.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The datasheet's integer compensation, against the datasheet's worked example and a real
 * chip's dump, each also computed with the datasheet's floating-point form as a check.
 */
class Bme280CalibrationTest {

    /**
     * Bosch's worked example (BMP280 datasheet BST-BMP280-DS001, section 3.12: the BME280 has
     * the same temperature and pressure compensation; its own datasheet prints no example, so
     * the humidity parameters here are the real chip's below).
     */
    static final Bme280Calibration DATASHEET = new Bme280Calibration(27504, 26435, -1000,
            36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
            75, 364, 0, 314, 0, 30);
    static final int DATASHEET_ADC_T = 519888;
    static final int DATASHEET_ADC_P = 415148;

    /** A real BME280's registers 0x88..0xA1 (from senlib's tests of its BME280 driver). */
    static final int[] REAL_CHIP_FIRST_BLOCK = {104, 110, 232, 100, 50, 0, 83, 143, 171, 213, 208, 11, 163, 34, 53, 0,
        249, 255, 172, 38, 10, 216, 189, 16, 0, 75};
    /** The same chip's registers 0xE1..0xE7. */
    static final int[] REAL_CHIP_SECOND_BLOCK = {108, 1, 0, 19, 10, 0, 30};
    /** The same chip's registers 0xF7..0xFE in one measurement: pressure, temperature, humidity. */
    static final int[] REAL_CHIP_DATA = {86, 133, 0, 126, 87, 0, 116, 223};

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static Bme280Calibration realChip() {
        return Bme280Calibration.decode(bytes(REAL_CHIP_FIRST_BLOCK), bytes(REAL_CHIP_SECOND_BLOCK));
    }

    @Test
    void theDatasheetsWorkedExampleGivesItsFineTemperatureTemperatureAndPressure() {
        int tFine = DATASHEET.fineTemperature(DATASHEET_ADC_T);
        assertEquals(128422, tFine);
        assertEquals(2508, Bme280Calibration.centiCelsius(tFine)); // 25.08 °C
        long pressure = DATASHEET.pressureQ24x8(DATASHEET_ADC_P, tFine);
        assertEquals(25767233, pressure);
        assertEquals(100653.27, pressure / 256.0, 0.02); // the datasheet's 100653.27 Pa
    }

    @Test
    void theFloatingPointFormAgreesWithTheDatasheetsIntermediateValues() {
        Reference ref = new Reference(DATASHEET);
        assertEquals(25.08, ref.celsius(DATASHEET_ADC_T), 0.005);
        assertEquals(128422.287, ref.tFineExact, 0.001); // var1 128793.1787 + var2 -370.8917052
        assertEquals(100653.27, ref.pascals(DATASHEET_ADC_P), 0.005);
    }

    @Test
    void aRealChipsDumpDecodesToItsParametersWithTheSharedNibblesOfH4AndH5() {
        assertEquals(new Bme280Calibration(28264, 25832, 50,
                36691, -10837, 3024, 8867, 53, -7, 9900, -10230, 4285,
                75, 364, 0, 314, 0, 30), realChip());
        byte[] negative = bytes(REAL_CHIP_SECOND_BLOCK);
        negative[3] = (byte) 0xF0; // dig_H4 = 0xF0 << 4 | 0xA: a negative 12-bit number
        negative[4] = (byte) 0xFA; // and dig_H5's low nibble 0xF
        negative[5] = (byte) 0xFF;
        Bme280Calibration c = Bme280Calibration.decode(bytes(REAL_CHIP_FIRST_BLOCK), negative);
        assertEquals(-246, c.h4());
        assertEquals(-1, c.h5());
    }

    @Test
    void aRealChipsMeasurementCompensatesAsTheFloatingPointFormDoes() {
        Bme280Calibration chip = realChip();
        int adcP = 86 << 12 | 133 << 4;
        int adcT = 126 << 12 | 87 << 4;
        int adcH = 116 << 8 | 223;
        int tFine = chip.fineTemperature(adcT);
        assertEquals(2010, Bme280Calibration.centiCelsius(tFine));
        assertEquals(23868825, chip.pressureQ24x8(adcP, tFine));   // 93237.60 Pa
        assertEquals(56078, chip.humidityQ22x10(adcH, tFine));      // 54.76 %
        Reference ref = new Reference(chip);
        assertEquals(ref.celsius(adcT), Bme280Calibration.centiCelsius(tFine) / 100.0, 0.01);
        assertEquals(ref.pascals(adcP), chip.pressureQ24x8(adcP, tFine) / 256.0, 0.05);
        assertEquals(ref.percent(adcH), chip.humidityQ22x10(adcH, tFine) / 1024.0, 0.01);
    }

    @Test
    void humidityStaysWithinZeroAndAHundredPercent() {
        Bme280Calibration chip = realChip();
        int tFine = chip.fineTemperature(126 << 12 | 87 << 4);
        assertEquals(0, chip.humidityQ22x10(0, tFine));
        assertEquals(100 * 1024, chip.humidityQ22x10(0xFFFF, tFine));
    }

    @Test
    void anErasedCalibrationGivesNoPressureInsteadOfDividingByZero() {
        Bme280Calibration erased = new Bme280Calibration(27504, 26435, -1000, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0);
        assertEquals(0, erased.pressureQ24x8(DATASHEET_ADC_P, erased.fineTemperature(DATASHEET_ADC_T)));
    }

    /** The datasheet's floating-point compensation (BME280 datasheet, section 8.1), the independent check. */
    private static final class Reference {
        private final Bme280Calibration c;
        /** {@code var1 + var2}, as the worked example carries it on (the C code truncates it). */
        double tFineExact;

        Reference(Bme280Calibration c) {
            this.c = c;
        }

        double celsius(int adcT) {
            double var1 = (adcT / 16384.0 - c.t1() / 1024.0) * c.t2();
            double var2 = (adcT / 131072.0 - c.t1() / 8192.0) * (adcT / 131072.0 - c.t1() / 8192.0) * c.t3();
            tFineExact = var1 + var2;
            return tFineExact / 5120.0;
        }

        double pascals(int adcP) {
            double var1 = tFineExact / 2.0 - 64000.0;
            double var2 = var1 * var1 * c.p6() / 32768.0;
            var2 = var2 + var1 * c.p5() * 2.0;
            var2 = var2 / 4.0 + c.p4() * 65536.0;
            var1 = (c.p3() * var1 * var1 / 524288.0 + c.p2() * var1) / 524288.0;
            var1 = (1.0 + var1 / 32768.0) * c.p1();
            double p = 1048576.0 - adcP;
            p = (p - var2 / 4096.0) * 6250.0 / var1;
            var1 = c.p9() * p * p / 2147483648.0;
            var2 = p * c.p8() / 32768.0;
            return p + (var1 + var2 + c.p7()) / 16.0;
        }

        double percent(int adcH) {
            double h = tFineExact - 76800.0;
            h = (adcH - (c.h4() * 64.0 + c.h5() / 16384.0 * h))
                    * (c.h2() / 65536.0 * (1.0 + c.h6() / 67108864.0 * h * (1.0 + c.h3() / 67108864.0 * h)));
            h = h * (1.0 - c.h1() * h / 524288.0);
            return Math.max(0, Math.min(100, h));
        }
    }
}
