package org.perthensis.api;

/**
 * Counters of a scheduler's own work since it was created, as {@link Scheduler#statistics()}
 * gives them: how many turns tasks got and how many were too long, how often the loop woke from
 * sleep, and how late its timers fired. Plain counts that only grow; whoever shows them takes
 * differences (a rate) or shows them as they are.
 *
 * <p>A timer's lateness is the time from when it was due to when the loop fired it, so a task
 * that keeps the turn too long shows as lateness of the others' timers.
 *
 * @param turns turns handed to tasks: each start of a task and each return from a suspending call
 * @param slowTurns turns a task kept longer than the slow-turn limit (each one also logged)
 * @param wakeups how often the loop woke from an idle sleep, by a timer or by a post
 * @param timers timers fired: sleeps that ended, timeouts, delayed starts
 * @param latenessNanos how late the timers fired, added up, in nanoseconds
 * @param maxLatenessNanos the latest any timer fired, in nanoseconds
 * @param timersLateOver1ms timers that fired more than 1 ms late
 * @param timersLateOver10ms timers that fired more than 10 ms late
 * @param timersLateOver100ms timers that fired more than 100 ms late
 */
public record LoopStatistics(long turns, long slowTurns, long wakeups, long timers, long latenessNanos,
        long maxLatenessNanos, long timersLateOver1ms, long timersLateOver10ms, long timersLateOver100ms) {

    /** All zero: what a scheduler that keeps no statistics gives. */
    public static final LoopStatistics NONE = new LoopStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
