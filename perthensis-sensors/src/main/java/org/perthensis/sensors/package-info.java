/**
 * Sensor task types: {@code bme280} ({@link org.perthensis.sensors.Bme280Provider}), a
 * temperature, humidity and pressure sensor on a shared I2C bus, read at a fixed rate and
 * published as {@code sensor.<name>} with each reading's units.
 */
package org.perthensis.sensors;
