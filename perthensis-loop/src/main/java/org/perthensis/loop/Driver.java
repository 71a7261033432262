package org.perthensis.loop;

import java.util.concurrent.locks.LockSupport;
import org.perthensis.api.Clock;

/**
 * What {@code runForever()} and {@code run(span)} do on the calling thread, the driver: hand
 * the turn to ready tasks, and with none ready sleep until the next timer or post. It parks
 * {@link Turn#SPIN_NANOS} short of a timer, to spin the rest, with its timer slack taken away
 * ({@link TimerSlack}) so that the park ends on time; under virtual time it jumps the
 * clock instead of sleeping, but not while a blocking call runs in real time. One driver at a
 * time; a loop that has shut down stays shut.
 *
 * <p>It stays the calling platform thread. Driving from a virtual thread instead, so that
 * hand-overs to tasks stay on one carrier, saved no CPU (measured 2026-12-01, tasko-rate, one
 * carrier): a virtual thread's timed park is done by the JDK's delay-scheduler thread, which
 * inherits the timer slack of the carrier that first parks with a timeout and then cannot be
 * changed without {@code CAP_SYS_NICE}; it took 20 us of CPU per timer run, and each timer
 * still woke three threads (that one when re-armed, when due, and a carrier).
 */
final class Driver {
    /** A deadline that never comes: the end of {@code runForever()}. */
    static final long FOREVER = Long.MAX_VALUE;

    private final Loop loop;
    private final Turn turn;
    private final Clock clock;
    private final VirtualClock virtualClock;
    private final TimerHeap timers;
    /** Set while the driver sleeps, so that a post from another thread knows to wake it. */
    private volatile boolean idle;
    /** How often the driver woke from an idle sleep, by its time or by a post: proof that an idle loop sleeps. */
    private volatile long wakeups;
    private boolean running; // guarded by this
    private boolean terminated; // set by the driver holding the turn; read by turn holders, and in enter() under this

    Driver(Loop loop, Turn turn, Clock clock, VirtualClock virtualClock, TimerHeap timers) {
        this.loop = loop;
        this.turn = turn;
        this.clock = clock;
        this.virtualClock = virtualClock;
        this.timers = timers;
    }

    /** Runs the loop on the calling thread until {@code deadline} on its clock, or until it has shut down. */
    void drive(long deadline) {
        enter(deadline);
        if (virtualClock == null) {
            TimerSlack.lowerForCurrentThread(loop.log); // its timed parks are how the loop meets its timers
        }
        boolean interruptedOnEntry = Thread.interrupted();
        if (interruptedOnEntry) {
            loop.shutdown();
        }
        try {
            while (true) {
                Object next = turn.nextRunner(Turn.DRIVER);
                if (next != Turn.DRIVER) {
                    turn.handTo(next);
                    turn.awaitTurn(Turn.DRIVER);
                    continue;
                }
                if (loop.live.allCancelledAndEnded()) {
                    terminated = true;
                    return;
                }
                if (turn.pastDeadline()) {
                    return;
                }
                long wakeAt = Math.min(timers.nextDue(), deadline);
                if (virtualClock != null) {
                    if (clock.nanos() >= deadline && timers.nextDue() > deadline) {
                        return;
                    }
                    if (!loop.blockingCalls.anyInFlight() && wakeAt != FOREVER && turn.posted.isEmpty()) {
                        virtualClock.advanceTo(wakeAt);
                    } else {
                        idle(FOREVER); // virtual time stands still while a blocking call runs in real time
                    }
                } else {
                    // Wake ahead of a timer, to spin the last stretch; the end of a run needs no precision.
                    idle(wakeAt < deadline ? wakeAt - Turn.SPIN_NANOS : wakeAt);
                }
            }
        } finally {
            leave();
            if (interruptedOnEntry) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized void enter(long deadline) {
        checkNotTerminated();
        if (running) {
            throw new IllegalStateException("this scheduler is already running");
        }
        running = true;
        turn.driverTakes(deadline);
    }

    private synchronized void leave() {
        running = false;
        turn.driverLeaves();
    }

    /** Refuses to go on with a loop that has shut down. */
    void checkNotTerminated() {
        if (terminated) {
            throw new IllegalStateException("this scheduler has shut down; create a new one");
        }
    }

    /** Sleeps the driver until {@code until} on the clock, or until something is posted. */
    private void idle(long until) {
        idle = true;
        try {
            while (turn.posted.isEmpty()) {
                if (until == FOREVER) {
                    LockSupport.park(turn);
                } else {
                    long left = until - clock.nanos();
                    if (left <= 0) {
                        return;
                    }
                    LockSupport.parkNanos(turn, left);
                }
                if (Thread.interrupted()) {
                    loop.shutdown();
                }
                if (endedASleep(until)) {
                    wakeups++;
                }
            }
        } finally {
            idle = false;
        }
    }

    /**
     * Whether a park that returned ended a sleep: its time came, or something was posted. One
     * that returns at once with time left and nothing to do is none: a hand-over of the turn to
     * the driver unparks it, and when it took the turn back without parking (a busy machine
     * descheduled it for a moment), the permit is left for its next park.
     */
    private boolean endedASleep(long until) {
        return !turn.posted.isEmpty() || (until != FOREVER && clock.nanos() >= until);
    }

    /** Hands {@code action} to the loop from any thread, waking the driver if it sleeps. */
    void post(Runnable action) {
        turn.posted.add(action);
        if (idle) {
            turn.unparkDriver();
        }
    }

    long wakeups() {
        return wakeups;
    }
}
