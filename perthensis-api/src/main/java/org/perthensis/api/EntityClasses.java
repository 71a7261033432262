package org.perthensis.api;

import java.util.List;

/**
 * Home Assistant's device classes of each {@link Entity.Kind}, as its binary sensor, sensor and
 * switch documentation lists them, so that a misspelt class is an error at start and not an
 * entity Home Assistant refuses.
 */
final class EntityClasses {

    private static final List<String> BINARY_SENSOR = List.of("door", "battery", "battery_charging",
            "carbon_monoxide", "cold", "connectivity", "garage_door", "gas", "heat", "light", "lock", "moisture",
            "motion", "moving", "occupancy", "opening", "plug", "power", "presence", "problem", "running", "safety",
            "smoke", "sound", "tamper", "update", "vibration", "window");

    private static final List<String> SENSOR = List.of("temperature", "absolute_humidity", "apparent_power", "aqi",
            "area", "atmospheric_pressure", "battery", "blood_glucose_concentration", "carbon_dioxide",
            "carbon_monoxide", "current", "data_rate", "data_size", "date", "distance", "duration", "energy",
            "energy_distance", "energy_storage", "enum", "frequency", "gas", "humidity", "illuminance", "irradiance",
            "moisture", "monetary", "nitrogen_dioxide", "nitrogen_monoxide", "nitrous_oxide", "ozone", "ph", "pm1",
            "pm25", "pm10", "power_factor", "power", "precipitation", "precipitation_intensity", "pressure",
            "reactive_energy", "reactive_power", "signal_strength", "sound_pressure", "speed", "sulphur_dioxide",
            "timestamp", "volatile_organic_compounds", "volatile_organic_compounds_parts", "voltage", "volume",
            "volume_flow_rate", "volume_storage", "water", "weight", "wind_direction", "wind_speed");

    private static final List<String> SWITCH = List.of("switch", "outlet");

    private EntityClasses() {
    }

    /** The device classes of {@code kind}, the most common first. */
    static List<String> of(Entity.Kind kind) {
        return switch (kind) {
            case BINARY_SENSOR -> BINARY_SENSOR;
            case SENSOR -> SENSOR;
            case SWITCH -> SWITCH;
        };
    }

    /** Whether {@code deviceClass} is one of Home Assistant's binary sensor classes, for a config field naming one. */
    static boolean isBinarySensorClass(String deviceClass) {
        return BINARY_SENSOR.contains(deviceClass);
    }
}
