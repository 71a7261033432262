package org.perthensis.api;

/**
 * A unit of work run by the {@link Scheduler}, written as straight-line blocking-style code.
 *
 * <p>The scheduler passes itself in, as Perthensis passes it to every task. A task hands the
 * turn to other tasks only inside scheduler calls such as {@link Scheduler#sleep(java.time.Duration)};
 * between them it runs alone. An exception thrown here ends this task only: it is logged with
 * the task's name and kept in its {@link TaskHandle}.
 *
 * <pre>{@code
 * Task counter = s -> {
 *     for (int x = 1; ; x++) {
 *         System.out.println(x);
 *         s.sleep(Duration.ofSeconds(1));
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Task {

    /**
     * Runs the task.
     *
     * @param scheduler the scheduler running this task
     * @throws Exception anything; it ends this task and is recorded as its failure
     */
    void run(Scheduler scheduler) throws Exception;
}
