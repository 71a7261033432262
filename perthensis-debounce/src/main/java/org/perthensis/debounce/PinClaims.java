package org.perthensis.debounce;

import org.perthensis.api.Checks;
import org.perthensis.api.FieldException;
import org.perthensis.api.TaskEnvironment;

/**
 * Claims a GPIO input for a task through {@link TaskEnvironment#claim(String)}, shared with
 * every other module, so that one pin configured twice, here or for an output, is a
 * configuration error found before anything starts.
 */
final class PinClaims {

    private PinClaims() {
    }

    /**
     * Claims {@code pin} for the environment's task.
     *
     * @throws FieldException naming {@code field} if another task has claimed the pin
     */
    static void claim(TaskEnvironment env, String field, int pin) {
        env.claim("gpio:" + pin).ifPresent(owner -> {
            throw Checks.invalid(field, "GPIO " + pin + " is already used by task '" + owner
                    + "'; each input can be read by one task");
        });
    }
}
