package org.perthensis.app.config;

import static org.perthensis.app.config.ConfigSource.member;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
    static List<Plan.Bus> read(JsonValue section, Problems problems) {
        List<Plan.Bus> read = new ArrayList<>();
        if (section == null) {
            return read;
        }
        if (!(section instanceof JsonValue.Obj buses)) {
            problems.add("$.buses", "expected an object of buses by name, such as " + EXAMPLE + ", got "
                    + JsonValues.describe(section));
            return read;
        }
        Map<Integer, String> named = new HashMap<>();
        for (Map.Entry<String, JsonValue> entry : buses.members().entrySet()) {
            String name = entry.getKey();
            String path = member("$.buses", name);
            JsonValue value = entry.getValue();
            if (!NAME.matcher(name).matches()) {
                problems.add(path, "expected a bus name of letters, digits, '-' and '_', such as \"i2c1\", got "
                        + JsonValues.quote(name));
                continue;
            }
            if (!(value instanceof JsonValue.Obj bus)) {
                problems.add(path, "expected an object such as {\"bus\": 1}, got " + JsonValues.describe(value));
                continue;
            }
            for (String field : bus.members().keySet()) {
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

    private static Integer number(String path, JsonValue number, Problems problems) {
        if (number == null) {
            problems.add(path, "missing field 'bus': the Linux I2C bus number, such as 1 for /dev/i2c-1"
                    + " (a Raspberry Pi's pins 3 and 5)");
            return null;
        }
        if (!(number instanceof JsonValue.Num n) || !(n.value() instanceof Integer bus) || bus < 0 || bus > MAX_BUS) {
            problems.add(member(path, "bus"), "expected an I2C bus number from 0 to " + MAX_BUS
                    + ", such as 1 for /dev/i2c-1, got " + JsonValues.describe(number));
            return null;
        }
        return bus;
    }
}
