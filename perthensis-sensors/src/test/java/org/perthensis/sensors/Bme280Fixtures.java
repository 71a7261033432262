package org.perthensis.sensors;

/** Calibration parameters written back into the chip's two register blocks, as a fake chip holds them. */
final class Bme280Fixtures {

    private Bme280Fixtures() {
    }

    static byte[] firstBlock(Bme280Calibration c) {
        byte[] b = new byte[Bme280Calibration.FIRST_BLOCK_LENGTH];
        int[] words = {c.t1(), c.t2(), c.t3(), c.p1(), c.p2(), c.p3(), c.p4(), c.p5(), c.p6(), c.p7(), c.p8(), c.p9()};
        for (int i = 0; i < words.length; i++) {
            b[2 * i] = (byte) words[i];
            b[2 * i + 1] = (byte) (words[i] >> 8);
        }
        b[25] = (byte) c.h1();
        return b;
    }

    static byte[] secondBlock(Bme280Calibration c) {
        return new byte[] {(byte) c.h2(), (byte) (c.h2() >> 8), (byte) c.h3(), (byte) (c.h4() >> 4),
            (byte) ((c.h5() & 0x0F) << 4 | c.h4() & 0x0F), (byte) (c.h5() >> 4), (byte) c.h6()};
    }
}
