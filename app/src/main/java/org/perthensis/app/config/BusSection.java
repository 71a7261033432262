package org.perthensis.app.config;

import static org.perthensis.app.config.ConfigSource.member;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The config file's {@code "buses"} section: the I2C buses that tasks share, each by the name
 * the tasks give it and its Linux bus number.
 *
 * <pre>{@code
 * "buses": { "i2c1": { "bus": 1 } }
 * }</pre>
 */
final class BusSection {

    /** The highest Linux I2C bus number taken; a Raspberry Pi's are 0 to 22 or so. */
    static final int MAX_BUS = 255;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final List<String> FIELDS = List.of("bus");
    private static final String EXAMPLE = "{\"i2c1\": {\"bus\": 1}}";

    private BusSection() {
    }

    /**
     * Reads the section, adding its mistakes to {@code problems}.
     *
     * @param buses the section, or null when the file has none
     * @param problems where the mistakes go
     * @return the buses written without a mistake, in file order
     */
    static List<Plan.Bus> read(JsonNode buses, Problems problems) {
        List<Plan.Bus> read = new ArrayList<>();
        if (buses == null) {
            return read;
        }
        if (!buses.isObject()) {
            problems.add("$.buses", "expected an object of buses by name, such as " + EXAMPLE + ", got "
                    + JsonValues.describe(buses));
            return read;
        }
        Map<Integer, String> named = new HashMap<>();
        for (String name : buses.propertyNames()) {
            String path = member("$.buses", name);
            JsonNode bus = buses.get(name);
            if (!NAME.matcher(name).matches()) {
                problems.add(path, "expected a bus name of letters, digits, '-' and '_', such as \"i2c1\", got "
                        + JsonValues.quote(name));
                continue;
            }
            if (!bus.isObject()) {
                problems.add(path, "expected an object such as {\"bus\": 1}, got " + JsonValues.describe(bus));
                continue;
            }
            for (String field : bus.propertyNames()) {
                if (!FIELDS.contains(field)) {
                    problems.add(member(path, field), RecordBinder.unknownField(field, "bus " + name, FIELDS));
                }
            }
            Integer number = number(path, bus.get("bus"), problems);
            if (number == null) {
                continue;
            }
            String first = named.putIfAbsent(number, name);
            if (first != null) {
                // Two names for one bus would make two resources of it, whose users could talk at once.
                problems.add(member(path, "bus"), "I2C bus " + number + " is named \"" + first + "\" already;"
                        + " give each bus one name, so that the tasks on it take turns");
                continue;
            }
            read.add(new Plan.Bus(name, number));
        }
        return read;
    }

    private static Integer number(String path, JsonNode number, Problems problems) {
        if (number == null) {
            problems.add(path, "missing field 'bus': the Linux I2C bus number, such as 1 for /dev/i2c-1"
                    + " (a Raspberry Pi's pins 3 and 5)");
            return null;
        }
        if (!number.isIntegralNumber() || !number.canConvertToInt() || number.intValue() < 0
                || number.intValue() > MAX_BUS) {
            problems.add(member(path, "bus"), "expected an I2C bus number from 0 to " + MAX_BUS
                    + ", such as 1 for /dev/i2c-1, got " + JsonValues.describe(number));
            return null;
        }
        return number.intValue();
    }
}
