package org.perthensis.api;

/**
 * Lets a task ask the runtime that runs it to restart: every task is stopped as on SIGTERM
 * (their {@code finally} blocks run), then the process exits with {@link #RESTART_EXIT_CODE}
 * for its service manager to start it again ({@code perthensis.service} says
 * {@code RestartForceExitStatus=3}). A last resort, such as a step of the {@code net} task's
 * recovery ladder; the runtime registers it as a service, so a library use has none:
 *
 * <pre>{@code
 * env.service(RuntimeControl.class).ifPresentOrElse(
 *         runtime -> runtime.restart("task 'wan': network down for 15min"),
 *         () -> log.log(WARNING, "no runtime to restart"));
 * }</pre>
 */
public interface RuntimeControl {

    /** The exit code of a process that stopped to be restarted; not one of the runtime's others (0, 1, 2). */
    int RESTART_EXIT_CODE = 3;

    /**
     * Stops every task and exits with {@link #RESTART_EXIT_CODE}. Thread-safe; returns at once,
     * the stop follows on the loop. A second request, or one after a signal, changes nothing.
     *
     * @param reason why, for the runtime's log line, such as {@code task 'wan': network down for 15min}
     */
    void restart(String reason);
}
