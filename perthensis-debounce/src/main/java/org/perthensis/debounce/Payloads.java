package org.perthensis.debounce;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Event payloads as ordered, unmodifiable maps, so that readers need none of this module's types. */
final class Payloads {

    private Payloads() {
    }

    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
