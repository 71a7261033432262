/**
 * Sensors on the buses the runtime shares: task type {@code bme280}, a Bosch BME280's
 * temperature, humidity and pressure over I2C, published as {@code sensor.<name>} and offered
 * as metrics. Every transfer goes through the API's {@code Buses}, so the module needs no Pi4J.
 *
 * @provides org.perthensis.api.TaskProvider
 */
module org.perthensis.sensors {
    // The exported config records and provider are made of the API's types.
    requires transitive org.perthensis.api;

    exports org.perthensis.sensors;

    provides org.perthensis.api.TaskProvider with org.perthensis.sensors.Bme280Provider;
}
