/**
 * Task type {@code mqtt}: the device on an MQTT broker, with Home Assistant discovery and a
 * journal for what must not be lost while offline. The exported package holds the provider and
 * its config record; the rest is this module's own.
 */
package org.perthensis.mqtt;
