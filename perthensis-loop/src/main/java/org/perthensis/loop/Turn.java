package org.perthensis.loop;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.perthensis.api.Clock;
import org.perthensis.api.Durations;
import org.perthensis.api.LoopStatistics;

/**
 * The loop's one turn: who holds it, who is ready for it, and how it passes on. This is the
 * path of every task switch, kept in one class so that it stays short: it allocates nothing
 * and makes no call that could go to more than one kind of object but the clock's and the
 * timers' own.
 *
 * <p>Exactly one thread holds the turn: a task's virtual thread, or the driver (the platform
 * thread that called {@code run}, see {@link Driver}). A task that suspends hands the turn
 * straight to the next ready task; only when none is ready does the driver take it back, to
 * sleep until the next timer or post. The fields that are not volatile are touched only by the
 * turn holder; the volatile write of {@link #turnThread} publishes them to the next holder.
 *
 * <p>Timers are met by a timed park and a short spin. The driver's thread has its timer slack
 * taken away ({@link TimerSlack}), so its park ends 15 to 50 us late on Linux instead of 70 to
 * 170; it parks until {@link #SPIN_NANOS} before the next timer, then hands the turn early to
 * the task that timer will wake, which waits out the rest on its own carrier; and a task that
 * suspends with a timer that close waits for it itself instead of waking the driver. The
 * window covers a park's lateness plus a hand-over to a virtual thread, and that hand-over,
 * which wakes a carrier, is most of it. The price is CPU while timers are dense (under the
 * window apart, the loop spins between them); an idle loop spends at most the window per timer.
 */
final class Turn {
    /** Stands for the driver where a fiber could stand: as the holder asking who is next, or as the answer. */
    static final Object DRIVER = new Object();
    /**
     * How close a timer must be for the turn holder to wait for it by spinning. It covers the
     * usual lateness of the driver's timed park plus a hand-over to a virtual thread; an idle
     * loop spends at most this once per timer (a heartbeat, 4 edges a second: under 1 ms of
     * CPU a second). Measured on 2026-12-01 (bench, loaded machine): 100 us saved no CPU
     * within the spread and made idle edges p50 129 us late instead of 18, one-carrier
     * {@code lateness} p50 79 us instead of 4; no spin at all saved a quarter of tasko-rate's
     * CPU and made {@code lateness} p50 132 us. Again that afternoon: 50 us saved a third of
     * tasko-rate's CPU (p50 still under 10 us) but made one-carrier {@code lateness} p50
     * 114 us; a window of 20 or 50 us only before sleeps over 10 ms saved no idle CPU within
     * the spread, because there each timed park itself costs 44 to 165 us of CPU (a KVM guest;
     * more the longer it sleeps), so an idle edge costs its three thread wake-ups, not the spin.
     */
    static final long SPIN_NANOS = 200_000;
    /** Posted actions run per switch at most, so a flood from other threads cannot starve tasks. */
    private static final int POST_BATCH = 4096;

    private final Loop loop;
    private final Clock clock;
    private final VirtualClock virtualClock;
    private final TimerHeap timers;
    private final long slowTurnNanos;
    private final Duration slowTurn;
    final ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();

    // Read across threads.
    /** The thread holding the turn: a fiber's, or the driver's; null while the loop is not running. */
    private volatile Thread turnThread;
    private volatile Thread driverThread;
    /** Owns the loop while it is not running: the creating thread, then the one that last ran it. */
    private volatile Thread ownerThread = Thread.currentThread();

    // Only the turn holder touches these.
    private final ArrayDeque<Fiber> ready = new ArrayDeque<>();
    private Fiber current;
    private int callbackDepth;
    private long turnStartedAt;
    private long runDeadline = Driver.FOREVER;
    private boolean pastDeadline;
    /** Past the end of a run: how many of the ready fibers became ready before it, and still run in this run. */
    private int readyBeforeCutoff;
    // Statistics: plain counters, since only the turn holder touches them; read on the loop.
    private long turns;
    private long slowTurns;
    private long timersFired;
    private long latenessNanos;
    private long maxLatenessNanos;
    private long lateOver1ms;
    private long lateOver10ms;
    private long lateOver100ms;

    Turn(Loop loop, Clock clock, VirtualClock virtualClock, TimerHeap timers, Duration slowTurn) {
        this.loop = loop;
        this.clock = clock;
        this.virtualClock = virtualClock;
        this.timers = timers;
        this.slowTurn = slowTurn;
        this.slowTurnNanos = Nanos.of(slowTurn, "slowTurnWarning");
    }

    // ---------------------------------------------------------------- suspension

    /** Sleeps the calling fiber until {@code due}, or until something else wakes it normally. */
    void sleepUntil(Fiber me, long due) {
        me.wait = Fiber.ON_TIMER;
        timers.add(me, due);
        suspend(me);
    }

    /** Suspends the current fiber, which has set its {@link Fiber#wait}, until it is resumed. */
    void suspend(Fiber me) {
        checkSlowTurn(me);
        Object next = nextRunner(me);
        while (next != me) {
            handTo(next);
            awaitTurn(me);
            if (me.wait == null) {
                break; // made ready and picked by whoever handed over the turn
            }
            next = nextRunner(me); // handed the turn early to wait out its own timer
        }
        resumed(me);
        if (me.interrupted) {
            me.interrupted = false;
            RuntimeException reason = interruption(me);
            if (reason != null) {
                throw reason;
            }
        }
    }

    /** Throws at the start of a suspension point if the task was cancelled or a timeout of it ran out. */
    void checkInterruption(Fiber me) {
        RuntimeException reason = interruption(me);
        if (reason != null) {
            throw reason;
        }
    }

    private static RuntimeException interruption(Fiber me) {
        if (me.cancelled) {
            return new CancellationException("task '" + me.name + "' was cancelled");
        }
        TimeoutScope expired = TimeoutScope.outermostExpired(me.scopes);
        return expired == null ? null : new TimeoutScope.Expired(expired);
    }

    /**
     * Ends a fiber's wait: normally when what it waited for happened, or interrupted (cancelled,
     * timed out), in which case it throws on resuming. A fiber not waiting is left alone; it
     * sees a cancellation at its next suspension point.
     */
    void resume(Fiber fiber, boolean interrupt) {
        Wait w = fiber.wait;
        if (w == null) {
            return;
        }
        fiber.wait = null;
        w.abort(fiber);
        fiber.interrupted |= interrupt;
        makeReady(fiber);
    }

    void makeReady(Fiber fiber) {
        ready.add(fiber);
    }

    void resumed(Fiber me) {
        turnStartedAt = System.nanoTime();
        turns++;
    }

    void checkSlowTurn(Fiber me) {
        long held = System.nanoTime() - turnStartedAt;
        if (held > slowTurnNanos) {
            slowTurns++;
            loop.log.log(WARNING, () -> "task '" + me.name + "' kept the turn for " + Durations.format(roundedUp(held))
                    + " (limit " + Durations.format(slowTurn) + "); other tasks waited."
                    + " Move blocking work into blocking(...) or add sleep/yieldTurn calls");
        }
    }

    /** A turn's length as the warning shows it: whole milliseconds (microseconds below one), never under the limit. */
    private static Duration roundedUp(long nanos) {
        long unit = nanos >= 1_000_000 ? 1_000_000 : 1_000;
        return Duration.ofNanos(Math.ceilDiv(nanos, unit) * unit);
    }

    // ---------------------------------------------------------------- who goes next

    /**
     * Runs posted actions and due timers, then picks who gets the turn: a ready fiber, or the
     * driver to sleep. A timer due within {@link #SPIN_NANOS} is waited for here; when the
     * driver asks, the fiber that timer will wake gets the turn early to wait for it instead.
     *
     * @param me the asking turn holder: a fiber, or {@link #DRIVER}
     */
    Object nextRunner(Object me) {
        while (true) {
            runPosted();
            long now = clock.nanos();
            if (!pastDeadline && now > runDeadline) {
                // Past the end of run(span): what was due by then still runs; what becomes ready later waits for the next run.
                fireTimers(runDeadline, now);
                pastDeadline = true;
                readyBeforeCutoff = ready.size();
            } else if (!pastDeadline) {
                fireTimers(now, now);
            }
            Fiber next = pollReady();
            if (next != null) {
                return next;
            }
            if (advanceVirtualTime()) {
                continue;
            }
            long due = timers.nextDue();
            if (virtualClock != null || pastDeadline || due > runDeadline || due - now > SPIN_NANOS) {
                return DRIVER;
            }
            if (me == DRIVER) {
                Fiber owner = timers.first().wakes();
                if (owner != null && owner.thread != null) {
                    return owner;
                }
            }
            spinUntil(due);
        }
    }

    /** Waits for the clock to reach {@code due}, or for a post. */
    private void spinUntil(long due) {
        while (clock.nanos() < due && posted.isEmpty()) {
            Thread.onSpinWait();
        }
    }

    private Fiber pollReady() {
        while (true) {
            Fiber next = ready.peek();
            if (next == null || (pastDeadline && readyBeforeCutoff == 0)) {
                return null;
            }
            ready.poll();
            if (pastDeadline) {
                readyBeforeCutoff--;
            }
            if (next.thread == null && next.cancelled) {
                loop.finish(next, new CancellationException()); // cancelled before it ever started: it never runs
                continue;
            }
            return next;
        }
    }

    /**
     * With nothing ready under virtual time, jumps to the next timer due within this run, so a
     * task can go straight on without a round trip through the driver thread.
     */
    private boolean advanceVirtualTime() {
        if (virtualClock == null || loop.blockingCalls.anyInFlight() || !posted.isEmpty()) {
            return false;
        }
        long due = timers.nextDue();
        if (due == TimerHeap.NEVER || due > runDeadline) {
            return false;
        }
        virtualClock.advanceTo(due);
        return true;
    }

    private void fireTimers(long upTo, long now) {
        Timer due;
        while ((due = timers.pollDue(upTo)) != null) {
            countLateness(now - due.due);
            due.expire();
        }
    }

    private void countLateness(long late) {
        timersFired++;
        latenessNanos += late;
        if (late > maxLatenessNanos) {
            maxLatenessNanos = late;
        }
        if (late > 1_000_000) {
            lateOver1ms++;
            if (late > 10_000_000) {
                lateOver10ms++;
                if (late > 100_000_000) {
                    lateOver100ms++;
                }
            }
        }
    }

    /** The counters so far, with the driver's count of wake-ups. Called by the turn holder. */
    LoopStatistics statistics(long wakeups) {
        return new LoopStatistics(turns, slowTurns, wakeups, timersFired, latenessNanos, maxLatenessNanos,
                lateOver1ms, lateOver10ms, lateOver100ms);
    }

    private void runPosted() {
        Runnable action;
        for (int i = 0; i < POST_BATCH && (action = posted.poll()) != null; i++) {
            callback(action, "a posted action");
        }
    }

    /** Runs loop-side code that must not suspend: posted actions and event listeners. */
    void callback(Runnable action, String what) {
        callbackDepth++;
        try {
            action.run();
        } catch (Throwable t) {
            loop.log.log(ERROR, what + " failed: " + t, t);
        } finally {
            callbackDepth--;
        }
    }

    // ---------------------------------------------------------------- the hand-over

    /** Gives the turn to {@code next}, a fiber (started on its first turn) or {@link #DRIVER}. */
    void handTo(Object next) {
        if (next == DRIVER) {
            current = null;
            turnThread = driverThread;
            LockSupport.unpark(driverThread);
            return;
        }
        Fiber fiber = (Fiber) next;
        current = fiber;
        if (fiber.thread == null) {
            Thread t = Thread.ofVirtual().name(fiber.name).unstarted(fiber::body);
            fiber.thread = t;
            turnThread = t;
            t.start();
        } else {
            turnThread = fiber.thread;
            LockSupport.unpark(fiber.thread);
        }
    }

    /** Parks the calling thread, the driver's or a fiber's, until it is handed the turn. */
    void awaitTurn(Object me) {
        Thread self = Thread.currentThread();
        while (turnThread != self) {
            LockSupport.park(this);
            // Interrupts do not stop tasks (cancel does); clear it so park keeps parking.
            if (Thread.interrupted() && me == DRIVER) {
                loop.shutdown();
            }
        }
    }

    /** The calling thread, a driver, takes the turn for a run that ends at {@code deadline}. */
    void driverTakes(long deadline) {
        runDeadline = deadline;
        pastDeadline = false;
        driverThread = Thread.currentThread();
        current = null;
        turnThread = driverThread;
    }

    /** The driver's run is over: nobody holds the turn, and the calling thread owns the loop until the next run. */
    void driverLeaves() {
        ownerThread = Thread.currentThread();
        runDeadline = Driver.FOREVER;
        current = null;
        turnThread = null;
    }

    /** Whether a run reached its end: the driver then returns instead of sleeping. */
    boolean pastDeadline() {
        return pastDeadline;
    }

    /** Wakes the driver's thread from a park; a no-op before the first run. */
    void unparkDriver() {
        LockSupport.unpark(driverThread);
    }

    // ---------------------------------------------------------------- threads

    /** Whether the caller may touch loop state: it holds the turn, or owns the loop while it is not running. */
    boolean onLoop() {
        Thread t = turnThread;
        return (t != null ? t : ownerThread) == Thread.currentThread();
    }

    /** The fiber calling a suspending method; it must be a task of this loop, outside any listener. */
    Fiber requireTask(String what) {
        Fiber me = current;
        if (me == null || me.thread != Thread.currentThread()) {
            throw new IllegalStateException(what + " must be called from a task running on this scheduler");
        }
        if (callbackDepth > 0) {
            throw new IllegalStateException(what + " cannot be called from an event listener or posted action,"
                    + " which must not wait; spawn a task for work that waits");
        }
        return me;
    }
}
