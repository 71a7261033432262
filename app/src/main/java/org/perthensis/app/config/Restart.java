package org.perthensis.app.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A task's {@code restart} policy: what the supervisor does when the task ends. */
public enum Restart {
    /** Restart after a failure, with backoff; a task that returns normally stays ended. The default. */
    ON_FAILURE,
    /** Never restart; a failure is logged and published, and the task stays ended. */
    NEVER,
    /** Restart whenever the task ends, failed or not, with backoff. */
    ALWAYS;

    /**
     * The name used in the config file.
     *
     * @return such as {@code on-failure}
     */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The policy of a name in the config file.
     *
     * @param text such as {@code on-failure}
     * @return the policy, or empty if none has that name
     */
    public static Optional<Restart> of(String text) {
        return Arrays.stream(values()).filter(r -> r.text().equals(text)).findFirst();
    }
}
