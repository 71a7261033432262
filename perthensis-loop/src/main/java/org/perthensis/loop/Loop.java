package org.perthensis.loop;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.perthensis.api.Clock;
import org.perthensis.api.Events;
import org.perthensis.api.ManagedResource;
import org.perthensis.api.Periodic;
import org.perthensis.api.Scheduler;
import org.perthensis.api.SchedulerOptions;
import org.perthensis.api.Task;
import org.perthensis.api.TaskHandle;
import org.perthensis.api.TaskHandle.State;

/**
 * The cooperative scheduler.
 *
 * <p>Exactly one thread holds the turn: a task's virtual thread, or the driver (the platform
 * thread that called {@code run}). A task that suspends hands the turn straight to the next
 * ready task; only when none is ready does the driver take it back, to sleep until the next
 * timer or post. Everything in the "loop state" section is touched only by the turn holder;
 * the volatile write of {@link #turnThread} publishes it to the next holder.
 *
 * <p>Timers are met by spinning the last stretch: a platform thread's timed park wakes 70 to
 * 170 us late (more from an idle CPU), and handing the turn from the driver to a virtual thread costs more again. So
 * the driver parks until {@link #SPIN_NANOS} before the next timer, then hands the turn early
 * to the task that timer will wake, which waits out the rest on its own carrier; and a task
 * that suspends with a timer that close waits for it itself instead of waking the driver.
 * The price is CPU while timers are dense (under 200 us apart, the loop spins between them);
 * an idle loop spends at most 200 us per timer.
 *
 * <p>One carrier thread is all a loop that runs one task at a time needs. With the JDK's
 * default of one per core, each hand-over of the turn can wake an idle carrier, which costs
 * more than the switch itself: {@code -Djdk.virtualThreadScheduler.parallelism=1} about
 * doubles task switches per second (see {@code bench/}). That is the whole JVM's setting, so
 * the loop leaves it to the application.
 */
final class Loop implements Scheduler {

    private static final Object DRIVER = new Object();
    /**
     * How close a timer must be for the turn holder to wait for it by spinning. It covers the
     * usual lateness of a platform thread's timed park plus a hand-over to a virtual thread; an
     * idle loop spends at most this once per timer (a heartbeat, 4 edges a second: under 1 ms of
     * CPU a second).
     */
    static final long SPIN_NANOS = 200_000;
    private static final long FOREVER = Long.MAX_VALUE;
    /** Posted actions run per switch at most, so a flood from other threads cannot starve tasks. */
    private static final int POST_BATCH = 4096;

    private final Clock clock;
    private final VirtualClock virtualClock;
    private final long slowTurnNanos;
    private final EventBus events = new EventBus(this);
    private final ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();
    private System.Logger log = System.getLogger("org.perthensis.loop");

    // Hand-over of the turn, read across threads.
    /** The thread holding the turn: a fiber's, or the driver's; null while the loop is not running. */
    private volatile Thread turnThread;
    private volatile Thread driverThread;
    /** Owns the loop while it is not running: the creating thread, then the one that last ran it. */
    private volatile Thread ownerThread = Thread.currentThread();
    private volatile boolean driverIdle;
    private volatile boolean shutdownRequested;
    private volatile ExecutorService blockingPool;

    // Loop state: only the turn holder touches these.
    final TimerHeap timers = new TimerHeap();
    private final ArrayDeque<Fiber> ready = new ArrayDeque<>();
    private Fiber current;
    private Fiber liveHead;
    private int liveCount;
    private int callbackDepth;
    private int blockingInFlight;
    private long turnStartedAt;
    private long runDeadline = FOREVER;
    private boolean pastDeadline;
    /** Past the end of a run: how many of the ready fibers became ready before it, and still run in this run. */
    private int readyBeforeCutoff;
    private boolean running;
    private boolean shuttingDown;
    private boolean terminated;
    private int generatedNames;
    /** How often the driver woke from an idle sleep: proof that an idle loop sleeps. */
    private volatile long wakeups;

    Loop(SchedulerOptions options) {
        if (options.virtualTime()) {
            virtualClock = new VirtualClock(options.virtualStart());
            clock = virtualClock;
        } else {
            virtualClock = null;
            clock = new SystemClock();
        }
        slowTurnNanos = options.slowTurnWarning().toNanos();
    }

    // ---------------------------------------------------------------- tasks

    @Override
    public TaskHandle spawn(String name, Task task) {
        return start(newFiber(name, task), 0);
    }

    @Override
    public Periodic every(String name, Duration period, Task body) {
        return periodic(name, period, body, false);
    }

    @Override
    public Periodic everyAfter(String name, Duration period, Task body) {
        return periodic(name, period, body, true);
    }

    @Override
    public TaskHandle after(String name, Duration delay, Task task) {
        return start(newFiber(name, task), nanosOf(delay, "delay"));
    }

    private Periodic periodic(String name, Duration period, Task body, boolean firstAfterPeriod) {
        long periodNanos = positiveNanos(period, "period");
        Objects.requireNonNull(body, "body");
        PeriodicTask periodic = new PeriodicTask(this, periodNanos);
        Fiber fiber = newFiber(name, periodic.loopOver(body));
        periodic.attach(fiber, saturatedAdd(clock.nanos(), firstAfterPeriod ? periodNanos : 0));
        start(fiber, firstAfterPeriod ? periodNanos : 0);
        return periodic;
    }

    private Fiber newFiber(String name, Task task) {
        checkOnLoop("spawning a task");
        Objects.requireNonNull(task, "task");
        if (terminated) {
            throw new IllegalStateException("this scheduler has shut down; create a new one");
        }
        return new Fiber(this, name == null || name.isBlank() ? "task-" + ++generatedNames : name, task);
    }

    private Fiber start(Fiber fiber, long delayNanos) {
        fiber.nextLive = liveHead;
        if (liveHead != null) {
            liveHead.prevLive = fiber;
        }
        liveHead = fiber;
        liveCount++;
        if (delayNanos > 0) {
            fiber.wait = Fiber.ON_TIMER;
            timers.add(fiber, saturatedAdd(clock.nanos(), delayNanos));
        } else {
            makeReady(fiber);
        }
        if (shuttingDown) {
            cancel(fiber);
        }
        return fiber;
    }

    void cancel(Fiber fiber) {
        if (fiber.isDone() || fiber.cancelled) {
            return;
        }
        fiber.cancelled = true;
        resume(fiber, true);
    }

    void join(Fiber target) {
        Fiber me = requireTask("join");
        if (me == target) {
            throw new IllegalStateException("task '" + me.name + "' cannot join itself");
        }
        checkInterruption(me);
        if (target.isDone()) {
            return;
        }
        target.addJoiner(me);
        me.wait = joiner -> target.removeJoiner(joiner);
        suspend(me);
    }

    /** Ends a fiber: records the outcome, wakes joiners, releases leases, passes the turn on. */
    void finish(Fiber fiber, Throwable thrown) {
        if (fiber.thread != null) {
            checkSlowTurn(fiber);
        }
        State end;
        if (thrown == null) {
            end = State.SUCCESS;
        } else if (thrown instanceof CancellationException && fiber.cancelled) {
            end = State.CANCELLED;
        } else {
            end = State.FAILED;
        }
        fiber.ended(end, end == State.FAILED ? thrown : null);
        if (end == State.FAILED) {
            log.log(ERROR, "task '" + fiber.name + "' failed: " + thrown, thrown);
        }
        unlinkLive(fiber);
        timers.remove(fiber);
        fiber.scopes = null;
        for (ManagedResource.Lease<?> lease : fiber.takeLeases()) {
            log.log(WARNING, "task '" + fiber.name + "' ended holding a managed resource; released it");
            callback(lease::close, "releasing the resource of task '" + fiber.name + "'");
        }
        for (Fiber joiner : fiber.takeJoiners()) {
            resume(joiner, false);
        }
        if (fiber.thread != null) {
            handTo(nextRunner(fiber));
        }
    }

    private void unlinkLive(Fiber fiber) {
        if (fiber.prevLive != null) {
            fiber.prevLive.nextLive = fiber.nextLive;
        } else if (liveHead == fiber) {
            liveHead = fiber.nextLive;
        }
        if (fiber.nextLive != null) {
            fiber.nextLive.prevLive = fiber.prevLive;
        }
        fiber.prevLive = null;
        fiber.nextLive = null;
        liveCount--;
    }

    // ---------------------------------------------------------------- suspension

    @Override
    public void sleep(Duration duration) {
        Fiber me = requireTask("sleep");
        checkInterruption(me);
        long nanos = nanosOf(duration, "duration");
        if (nanos <= 0) {
            yieldFrom(me);
            return;
        }
        sleepUntil(me, saturatedAdd(clock.nanos(), nanos));
    }

    @Override
    public void yieldTurn() {
        Fiber me = requireTask("yieldTurn");
        checkInterruption(me);
        yieldFrom(me);
    }

    private void yieldFrom(Fiber me) {
        makeReady(me);
        suspend(me);
    }

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

    private RuntimeException interruption(Fiber me) {
        if (me.cancelled) {
            return new CancellationException("task '" + me.name + "' was cancelled");
        }
        TimeoutScope outermostExpired = null;
        for (TimeoutScope s = me.scopes; s != null; s = s.outer) {
            if (s.expired) {
                outermostExpired = s;
            }
        }
        return outermostExpired == null ? null : new TimeoutScope.Expired(outermostExpired);
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

    private void makeReady(Fiber fiber) {
        ready.add(fiber);
    }

    void resumed(Fiber me) {
        turnStartedAt = System.nanoTime();
    }

    private void checkSlowTurn(Fiber me) {
        long held = System.nanoTime() - turnStartedAt;
        if (held > slowTurnNanos) {
            log.log(WARNING, () -> "task '" + me.name + "' kept the turn for " + held / 1_000_000
                    + " ms (limit " + slowTurnNanos / 1_000_000 + " ms); other tasks waited."
                    + " Move blocking work into blocking(...) or add sleep/yieldTurn calls");
        }
    }

    // ---------------------------------------------------------------- the turn

    /**
     * Runs posted actions and due timers, then picks who gets the turn: a ready fiber, or the
     * driver to sleep. A timer due within {@link #SPIN_NANOS} is waited for here; when the
     * driver asks, the fiber that timer will wake gets the turn early to wait for it instead.
     *
     * @param me the asking turn holder: a fiber, or {@link #DRIVER}
     */
    private Object nextRunner(Object me) {
        while (true) {
            runPosted();
            long now = clock.nanos();
            if (!pastDeadline && now > runDeadline) {
                // Past the end of run(span): what was due by then still runs; what becomes ready later waits for the next run.
                fireTimers(runDeadline);
                pastDeadline = true;
                readyBeforeCutoff = ready.size();
            } else if (!pastDeadline) {
                fireTimers(now);
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
                finish(next, new CancellationException()); // cancelled before it ever started: it never runs
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
        if (virtualClock == null || blockingInFlight > 0 || !posted.isEmpty()) {
            return false;
        }
        long due = timers.nextDue();
        if (due == TimerHeap.NEVER || due > runDeadline) {
            return false;
        }
        virtualClock.advanceTo(due);
        return true;
    }

    private void fireTimers(long upTo) {
        Timer due;
        while ((due = timers.pollDue(upTo)) != null) {
            due.expire();
        }
    }

    private void handTo(Object next) {
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
    private void awaitTurn(Object me) {
        Thread self = Thread.currentThread();
        while (turnThread != self) {
            LockSupport.park(this);
            // Interrupts do not stop tasks (cancel does); clear it so park keeps parking.
            if (Thread.interrupted() && me == DRIVER) {
                shutdown();
            }
        }
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
            log.log(ERROR, what + " failed: " + t, t);
        } finally {
            callbackDepth--;
        }
    }

    // ---------------------------------------------------------------- the driver

    @Override
    public void runForever() {
        drive(FOREVER);
    }

    @Override
    public void run(Duration span) {
        long nanos = nanosOf(span, "span");
        drive(nanos <= 0 ? clock.nanos() : saturatedAdd(clock.nanos(), nanos));
    }

    private void drive(long deadline) {
        enterDriver(deadline);
        boolean interruptedOnEntry = Thread.interrupted();
        if (interruptedOnEntry) {
            shutdown();
        }
        try {
            while (true) {
                Object next = nextRunner(DRIVER);
                if (next != DRIVER) {
                    handTo(next);
                    awaitTurn(DRIVER);
                    continue;
                }
                if (shuttingDown && liveCount == 0) {
                    terminated = true;
                    return;
                }
                if (pastDeadline) {
                    return;
                }
                long wakeAt = Math.min(timers.nextDue(), deadline);
                if (virtualClock != null) {
                    if (clock.nanos() >= deadline && timers.nextDue() > deadline) {
                        return;
                    }
                    if (blockingInFlight == 0 && wakeAt != FOREVER && posted.isEmpty()) {
                        virtualClock.advanceTo(wakeAt);
                    } else {
                        idle(FOREVER); // virtual time stands still while a blocking call runs in real time
                    }
                } else {
                    // Wake ahead of a timer, to spin the last stretch; the end of a run needs no precision.
                    idle(wakeAt < deadline ? wakeAt - SPIN_NANOS : wakeAt);
                }
            }
        } finally {
            leaveDriver();
            if (interruptedOnEntry) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized void enterDriver(long deadline) {
        if (terminated) {
            throw new IllegalStateException("this scheduler has shut down; create a new one");
        }
        if (running) {
            throw new IllegalStateException("this scheduler is already running");
        }
        running = true;
        runDeadline = deadline;
        pastDeadline = false;
        driverThread = Thread.currentThread();
        current = null;
        turnThread = driverThread;
    }

    private synchronized void leaveDriver() {
        running = false;
        ownerThread = Thread.currentThread();
        runDeadline = FOREVER;
        current = null;
        turnThread = null;
    }

    /** Sleeps the driver until {@code until} on the clock, or until something is posted. */
    private void idle(long until) {
        driverIdle = true;
        try {
            while (posted.isEmpty()) {
                if (until == FOREVER) {
                    LockSupport.park(this);
                } else {
                    long left = until - clock.nanos();
                    if (left <= 0) {
                        return;
                    }
                    LockSupport.parkNanos(this, left);
                }
                wakeups++;
                if (Thread.interrupted()) {
                    shutdown();
                }
            }
        } finally {
            driverIdle = false;
        }
    }

    @Override
    public void post(Runnable action) {
        posted.add(Objects.requireNonNull(action, "action"));
        if (driverIdle) {
            LockSupport.unpark(driverThread);
        }
    }

    @Override
    public void shutdown() {
        if (shutdownRequested) {
            return;
        }
        shutdownRequested = true;
        post(this::cancelAll);
    }

    private void cancelAll() {
        shuttingDown = true;
        List<Fiber> all = new ArrayList<>(liveCount);
        for (Fiber f = liveHead; f != null; f = f.nextLive) {
            all.add(f);
        }
        for (Fiber f : all) {
            cancel(f);
        }
    }

    // ---------------------------------------------------------------- timeouts and blocking work

    @Override
    public <T> T withTimeout(Duration timeout, Callable<T> body) throws Exception {
        Fiber me = requireTask("withTimeout");
        Objects.requireNonNull(body, "body");
        checkInterruption(me);
        long nanos = nanosOf(timeout, "timeout");
        TimeoutScope scope = new TimeoutScope(me, me.scopes);
        me.scopes = scope;
        timers.add(scope, saturatedAdd(clock.nanos(), Math.max(0, nanos)));
        try {
            return body.call();
        } catch (TimeoutScope.Expired expired) {
            if (expired.scope == scope) {
                throw timedOut(timeout, null);
            }
            throw expired;
        } catch (Exception e) {
            // The body turned the interruption into its own exception (an interrupted read, say).
            if (scope.expired && !me.cancelled && !(e instanceof CancellationException)) {
                throw timedOut(timeout, e);
            }
            throw e;
        } finally {
            timers.remove(scope);
            me.scopes = scope.outer;
        }
    }

    private static TimeoutException timedOut(Duration timeout, Exception cause) {
        TimeoutException e = new TimeoutException("timed out after " + timeout.toMillis() + " ms");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T blocking(Callable<T> call) throws Exception {
        Fiber me = requireTask("blocking");
        Objects.requireNonNull(call, "call");
        checkInterruption(me);
        BlockingCall work = new BlockingCall(this, me, call);
        blockingInFlight++;
        me.wait = work;
        pool().execute(work);
        suspend(me);
        return (T) work.outcome();
    }

    void blockingDone() {
        blockingInFlight--;
    }

    private ExecutorService pool() {
        ExecutorService p = blockingPool;
        if (p == null) {
            // Platform threads: a blocking call that pins its thread (DNS, JNI) must not take a carrier from the tasks.
            p = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "perthensis-blocking");
                t.setDaemon(true);
                return t;
            });
            blockingPool = p;
        }
        return p;
    }

    // ---------------------------------------------------------------- the rest of Scheduler

    @Override
    public Events events() {
        return events;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public <R, A> ManagedResource<R, A> manage(R resource, Consumer<? super A> onAcquire, Consumer<? super A> onRelease) {
        checkOnLoop("manage");
        return new SharedResource<>(this, resource, onAcquire, onRelease);
    }

    // ---------------------------------------------------------------- threads

    /** Whether the caller may touch loop state: it holds the turn, or owns the loop while it is not running. */
    boolean onLoop() {
        Thread t = turnThread;
        return (t != null ? t : ownerThread) == Thread.currentThread();
    }

    void checkOnLoop(String what) {
        if (!onLoop()) {
            throw new IllegalStateException(what + " must happen on the loop (in a task, listener or posted action);"
                    + " from another thread, use post(...)");
        }
    }

    void onLoopOrPost(Runnable action) {
        if (onLoop()) {
            action.run();
        } else {
            post(action);
        }
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

    // ---------------------------------------------------------------- for tests and benchmarks

    void logTo(System.Logger logger) {
        this.log = Objects.requireNonNull(logger);
    }

    long idleWakeups() {
        return wakeups;
    }

    // ---------------------------------------------------------------- durations

    private static long nanosOf(Duration d, String what) {
        Objects.requireNonNull(d, what);
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }

    static long positiveNanos(Duration d, String what) {
        long nanos = nanosOf(d, what);
        if (nanos <= 0) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
        return nanos;
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE - 1 : sum;
    }
}
