package org.perthensis.net;

import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;

/**
 * Watches whether the network really works: the {@code net} task as a library.
 *
 * <p>Every {@code every} it runs the probes in order; a check passes when all of them pass.
 * After {@code upAfter} passing checks in a row the state becomes {@link State#UP} and
 * {@code net.up} is published; after {@code downAfter} failing checks in a row it becomes
 * {@link State#DOWN} and {@code net.down} is published. Each change is logged once.
 *
 * <pre>{@code
 * NetWatch net = NetWatch.of(NetProvider.Config.of("tcp://192.0.2.1:53", "dns://example.org"),
 *         TaskEnvironment.of("net", scheduler, System.getLogger("net"), new HashMap<>()));
 * scheduler.spawn("net", net);
 * }</pre>
 */
public interface NetWatch extends Task {

    /** Whether the network works, as far as the probes tell. */
    enum State {
        /** No verdict yet: fewer than {@code upAfter} or {@code downAfter} checks have run. */
        UNKNOWN,
        /** {@code upAfter} checks in a row passed; {@code net.up} was published. */
        UP,
        /** {@code downAfter} checks in a row failed; {@code net.down} was published. */
        DOWN
    }

    /**
     * Creates a watch; spawn it on the scheduler of {@code environment} to start it.
     *
     * @param config the probes, timing and recover command
     * @param environment the task's name, events, clock and logger
     * @return the watch, not yet running
     */
    static NetWatch of(NetProvider.Config config, TaskEnvironment environment) {
        return new ConnectivityWatch(config, environment, ProbeRunner.REAL);
    }

    /**
     * The current state. Thread-safe.
     *
     * @return the state, {@link State#UNKNOWN} until enough checks have run
     */
    State state();
}
