package org.perthensis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfiguredTasksTest {

    @Test
    void findsATasksTypeByNameAndTheNamesOfOneTypeInFileOrder() {
        Map<String, String> file = new LinkedHashMap<>();
        file.put("opener", "output");
        file.put("door", "debounce");
        file.put("light", "output");
        ConfiguredTasks tasks = new ConfiguredTasks(file);
        file.put("pump", "output");

        assertEquals(Optional.of("debounce"), tasks.typeOf("door"));
        assertEquals(Optional.empty(), tasks.typeOf("pump"), "a copy, not a view of the caller's map");
        assertEquals(List.of("opener", "light"), tasks.ofType("output"));
        assertEquals(List.of(), tasks.ofType("rule"));
        assertThrows(UnsupportedOperationException.class, () -> tasks.types().put("x", "y"));
    }
}
