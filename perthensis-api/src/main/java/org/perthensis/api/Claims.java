package org.perthensis.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Who holds what, behind {@link TaskEnvironment#claim(String)}: one per service registry. */
final class Claims {

    private final Map<String, String> holders = new HashMap<>();

    synchronized Optional<String> claim(String resource, String task) {
        String holder = holders.putIfAbsent(resource, task);
        return holder == null || holder.equals(task) ? Optional.empty() : Optional.of(holder);
    }
}
