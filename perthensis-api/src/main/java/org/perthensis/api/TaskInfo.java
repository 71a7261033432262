package org.perthensis.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the runtime knows of one configured task, as {@link TaskList} gives it: a snapshot,
 * not updated afterwards.
 *
 * @param name the task's name, unique in the configuration
 * @param type its type, such as {@code heartbeat}
 * @param module the module that provides the type, such as {@code org.perthensis.heartbeat}
 * @param state what it is doing now
 * @param since when it entered that state, in the scheduler's wall time
 * @param started when it was first started, in the scheduler's wall time
 * @param restarts how often it has been started again after it ended
 * @param lastFailure what it threw the last time it failed, such as
 *        {@code java.io.IOException: no route to host}, or null if it never failed
 * @param lastFailureAt when that was, or null
 */
public record TaskInfo(String name, String type, String module, State state, Instant since, Instant started,
        int restarts, String lastFailure, Instant lastFailureAt) {

    /** Where a supervised task stands. */
    public enum State {
        /** Created, not yet started: the loop has not run it yet. */
        STARTING,
        /** Started and not ended: running or waiting in a scheduler call. */
        RUNNING,
        /** Ended, and waiting for its backoff before it starts again. */
        RESTARTING,
        /** Ended without a failure, and not restarted. */
        ENDED,
        /** Failed, and not restarted (its restart policy says never). */
        FAILED,
        /** Stopped with the runtime. */
        STOPPED;

        /**
         * Whether a task in this state does what it is configured for, or is about to.
         *
         * @return {@code true} for {@link #STARTING} and {@link #RUNNING}
         */
        public boolean isHealthy() {
            return this == STARTING || this == RUNNING;
        }
    }

    /**
     * Checks the names.
     *
     * @param name the task's name
     * @param type its type
     * @param module its module
     * @param state its state
     * @param since when it entered the state
     * @param started when it was first started
     * @param restarts how often it was started again
     * @param lastFailure its last failure, or null
     * @param lastFailureAt when, or null
     */
    public TaskInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }

    /**
     * The last failure, if any.
     *
     * @return what it threw the last time it failed
     */
    public Optional<String> failure() {
        return Optional.ofNullable(lastFailure);
    }
}
