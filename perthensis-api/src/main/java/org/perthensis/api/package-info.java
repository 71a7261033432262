/**
 * The public contract of Perthensis.
 *
 * <p>Library use: {@link org.perthensis.api.Scheduler#create()}, then
 * {@link org.perthensis.api.Scheduler#spawn(String, Task) spawn} tasks written as plain
 * blocking-style Java, then {@link org.perthensis.api.Scheduler#runForever() runForever()}.
 * Exactly one task runs at a time and it hands the turn on only inside scheduler calls,
 * so task code needs no locks for state it shares with other tasks.
 *
 * <p>Plugin use: a module {@code provides org.perthensis.api.TaskProvider} and its task
 * type becomes usable from the runtime's JSON configuration. What every module needs lives
 * here once: the duration notation ({@link org.perthensis.api.Durations}), the field checks
 * ({@link org.perthensis.api.Checks}), a fixed-rate schedule inside a task
 * ({@link org.perthensis.api.Ticks}), retry waits ({@link org.perthensis.api.Backoff}) and the
 * runtime's list of tasks ({@link org.perthensis.api.TaskList}).
 */
package org.perthensis.api;
