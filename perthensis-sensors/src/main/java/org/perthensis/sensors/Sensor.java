package org.perthensis.sensors;

import java.util.List;
import org.perthensis.api.Scheduler;

/**
 * One sensor chip as {@link SensorTask} drives it: found and set up once per run, then measured
 * at the task's rate. A second sensor type is one more of these and a small provider.
 */
interface Sensor {

    /**
     * The chip and where it is, for log lines and failures.
     *
     * @return such as {@code BME280 at 0x76 on bus i2c1}
     */
    String describe();

    /**
     * Finds the chip (its id) and reads what it needs before measuring, such as calibration.
     * Called on the loop at the start of each run, so a chip replaced or powered again is set
     * up afresh after a failure.
     *
     * @param scheduler the task's scheduler, for its leases, blocking calls and waits
     * @throws java.io.IOException if the chip does not answer or is not the one expected; the
     *     message says so in the user's words
     */
    void start(Scheduler scheduler) throws Exception;

    /**
     * Takes one measurement.
     *
     * @param scheduler the task's scheduler
     * @return the readings, in the order they are published
     * @throws java.io.IOException if the chip stops answering
     */
    List<Reading> measure(Scheduler scheduler) throws Exception;

    /**
     * What each measurement holds, known before the first: whoever shows the device (Home
     * Assistant discovery over MQTT, a status page) describes a sensor of each.
     *
     * @return the quantities, in the order their readings come
     */
    List<Quantity> quantities();

    /**
     * One quantity a sensor measures.
     *
     * @param name its name in the event, such as {@code temperature}
     * @param unit such as {@code °C}
     * @param deviceClass its device class in Home Assistant's terms, such as {@code temperature}
     */
    record Quantity(String name, String unit, String deviceClass) {
    }

    /**
     * One reading of a measurement.
     *
     * @param quantity its name in the event, such as {@code temperature}
     * @param value the value, in {@code unit}
     * @param unit such as {@code °C}
     */
    record Reading(String quantity, double value, String unit) {
    }
}
