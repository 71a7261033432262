package org.perthensis.sensors;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.perthensis.api.Buses;
import org.perthensis.api.Checks;
import org.perthensis.api.FieldException;
import org.perthensis.api.I2cDevice;
import org.perthensis.api.ManagedResource;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;

/**
 * Task type {@code bme280}: a Bosch BME280 on a shared I2C bus, measured in forced mode at a
 * fixed rate, each measurement published as {@code sensor.<name>} with its units.
 */
public final class Bme280Provider implements TaskProvider<Bme280Provider.Config> {

    /** The address with the chip's SDO pin to ground, the default of most breakout boards. */
    static final int DEFAULT_ADDRESS = 0x76;
    /** The oversampling factors the chip offers; 0 leaves the measurement out. */
    static final List<Integer> FACTORS = List.of(0, 1, 2, 4, 8, 16);

    /**
     * The configuration of one {@code bme280} task. A {@code null} field takes its default.
     *
     * @param bus the name of its bus in the config's {@code "buses"} (required)
     * @param address the chip's address, {@code "0x76"} (SDO to ground) or {@code "0x77"}
     *        (SDO to VDD), as text or a number (default: {@code 0x76})
     * @param every the time between two measurements (default: 1min)
     * @param oversampling the oversampling of each measurement (default: 1 for each)
     */
    public record Config(String bus, Object address, Duration every, Oversampling oversampling) {

        /**
         * Supplies defaults and checks the values.
         *
         * @param bus the bus's name, not blank
         * @param address a 7-bit I2C address
         * @param every positive
         * @param oversampling the factors
         * @throws FieldException naming the field and what is wrong with it
         */
        public Config {
            bus = Checks.notBlank("bus", bus, "the name of a bus of \"buses\", such as \"i2c1\"").strip();
            address = Checks.i2cAddress("address", address, DEFAULT_ADDRESS);
            every = Checks.positive("every", every, Duration.ofMinutes(1));
            oversampling = oversampling == null ? new Oversampling(null, null, null) : oversampling;
        }

        /**
         * The address as a number.
         *
         * @return such as {@code 0x76}
         */
        public int addressNumber() {
            return (Integer) address;
        }
    }

    /**
     * How many samples the chip averages into each measurement: 1, 2, 4, 8 or 16; 0 leaves
     * pressure or humidity out. More samples mean less noise and a longer conversion (about
     * 2.3 ms per sample at most). A {@code null} field is 1.
     *
     * @param temperature the temperature's; never 0, as the other two are compensated with it
     * @param pressure the pressure's
     * @param humidity the humidity's
     */
    public record Oversampling(Integer temperature, Integer pressure, Integer humidity) {

        /**
         * Supplies defaults and checks the values.
         *
         * @param temperature 1 to 16
         * @param pressure 0 to 16
         * @param humidity 0 to 16
         * @throws FieldException naming the field that is none of the factors
         */
        public Oversampling {
            temperature = factor("temperature", temperature);
            pressure = factor("pressure", pressure);
            humidity = factor("humidity", humidity);
            if (temperature == 0) {
                throw Checks.invalid("temperature", "must be 1, 2, 4, 8 or 16, as pressure and humidity are"
                        + " compensated with the temperature, got 0");
            }
        }

        private static int factor(String field, Integer value) {
            if (value != null && !FACTORS.contains(value)) {
                throw Checks.invalid(field, "must be 0 (left out), 1, 2, 4, 8 or 16, got " + value);
            }
            return value == null ? 1 : value;
        }
    }

    /** Creates the provider; the runtime finds it with {@link java.util.ServiceLoader}. */
    public Bme280Provider() {
    }

    @Override
    public String type() {
        return "bme280";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    /**
     * Finds the bus and claims the address on it (two tasks reading one chip would change
     * each other's settings mid-measurement), then returns the task that measures.
     *
     * @throws FieldException at {@code bus} for a bus the config does not have, at
     *     {@code address} for an address another task uses on it
     * @throws IllegalStateException if there is no {@link Buses} service
     */
    @Override
    public Task create(Config config, TaskEnvironment environment) {
        ManagedResource.Handle<I2cDevice> chip = BusDevices.i2c(environment, config.bus(), config.addressNumber());
        Bme280 sensor = new Bme280(chip, BusDevices.where(config.bus(), config.addressNumber()), config.oversampling());
        return new SensorTask(sensor, config.every(), environment);
    }

    @Override
    public Optional<String> description() {
        return Optional.of("a BME280's temperature, humidity and pressure over a shared I2C bus, as sensor.<name>");
    }
}
