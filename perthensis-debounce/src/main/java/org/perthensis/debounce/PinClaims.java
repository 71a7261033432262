package org.perthensis.debounce;

import java.util.HashMap;
import java.util.Map;
import org.perthensis.api.TaskEnvironment;

/**
 * The GPIO inputs claimed by this module's configured tasks, kept as a service under this
 * module's own key, so that one pin configured twice is a configuration error, found before
 * anything starts.
 */
final class PinClaims {

    private final Map<Integer, String> owners = new HashMap<>();

    /**
     * Claims {@code pin} for the environment's task.
     *
     * @throws IllegalArgumentException naming {@code field} if another task has claimed the pin
     */
    static void claim(TaskEnvironment env, String field, int pin) {
        PinClaims claims = env.service(PinClaims.class).orElse(null);
        if (claims == null) {
            claims = new PinClaims();
            env.provide(PinClaims.class, claims);
        }
        String owner = claims.owners.putIfAbsent(pin, env.taskName());
        if (owner != null && !owner.equals(env.taskName())) {
            throw new IllegalArgumentException(field + ": GPIO " + pin + " is already used by task '" + owner
                    + "'; each input can be read by one task");
        }
    }
}
