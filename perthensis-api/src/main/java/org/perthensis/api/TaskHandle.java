package org.perthensis.api;

import java.util.Optional;

/**
 * A running or finished task: its name, its state, and the means to cancel or await it.
 *
 * <p>{@link #name()}, {@link #state()}, {@link #isDone()}, {@link #failure()} and
 * {@link #cancel()} may be called from any thread. {@link #join()} suspends the calling task
 * and must be called from a task.
 */
public interface TaskHandle {

    /** The lifecycle of a task; {@link #RUNNING} until it ends in one of the other three. */
    enum State {
        /** Spawned and not yet ended: ready, running or waiting. */
        RUNNING,
        /** The task returned normally. */
        SUCCESS,
        /** The task threw; see {@link TaskHandle#failure()}. */
        FAILED,
        /** The task was cancelled before it returned. */
        CANCELLED
    }

    /**
     * The name given at spawn time, used in every log line about this task.
     *
     * @return the task's name
     */
    String name();

    /**
     * The current state.
     *
     * @return the state
     */
    State state();

    /**
     * Whether the task has ended, in any way.
     *
     * @return {@code true} once the state is no longer {@link State#RUNNING}
     */
    default boolean isDone() {
        return state() != State.RUNNING;
    }

    /**
     * What the task threw, if it failed.
     *
     * @return the exception, or empty unless the state is {@link State#FAILED}
     */
    Optional<Throwable> failure();

    /**
     * Asks the task to stop. It wakes at its current or next suspension point with a
     * {@link java.util.concurrent.CancellationException}, so its {@code finally} blocks run;
     * every later suspension point throws again. A task not yet started never runs.
     * Cancelling a finished task does nothing.
     */
    void cancel();

    /**
     * Suspends the calling task until this task has ended, in any way.
     *
     * @throws java.util.concurrent.CancellationException if the calling task is cancelled while waiting
     * @throws IllegalStateException if not called from a task, or if a task joins itself
     */
    void join();
}
