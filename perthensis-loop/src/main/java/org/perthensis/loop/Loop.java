package org.perthensis.loop;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.perthensis.api.Clock;
import org.perthensis.api.Events;
import org.perthensis.api.LoopStatistics;
import org.perthensis.api.ManagedResource;
import org.perthensis.api.Periodic;
import org.perthensis.api.Scheduler;
import org.perthensis.api.SchedulerOptions;
import org.perthensis.api.Task;
import org.perthensis.api.TaskHandle;
import org.perthensis.api.TaskHandle.State;

/**
 * The cooperative scheduler: the {@link Scheduler} a user holds, and the life of its tasks
 * from start to end. The work is done by parts, each with its own state:
 * <ul>
 *   <li>{@link Turn}: the one turn, the ready queue, and the hand-over from task to task,
 *       the path of every switch;
 *   <li>{@link Driver}: the thread that called {@code run}, which sleeps while no task is ready;
 *   <li>{@link TimerHeap}: every timer, sleeps and timeouts alike;
 *   <li>{@link LiveTasks}: every task not yet ended, for {@code shutdown()};
 *   <li>{@link BlockingCalls}: the pool of {@code blocking(...)};
 *   <li>{@link TimeoutScope}: {@code withTimeout};
 *   <li>{@link EventBus}, {@link PeriodicTask}, {@link SharedResource}: events, fixed rates, shared resources.
 * </ul>
 * Durations become nanoseconds through {@link Nanos}, which saturates instead of overflowing.
 *
 * <p>One carrier thread is all a loop that runs one task at a time needs. With the JDK's
 * default of one per core, each hand-over of the turn can wake an idle carrier, which costs
 * more than the switch itself: {@code -Djdk.virtualThreadScheduler.parallelism=1} about
 * doubles task switches per second (see {@code bench/}). That is the whole JVM's setting, so
 * the loop leaves it to the application.
 */
final class Loop implements Scheduler {

    private final Clock clock;
    final TimerHeap timers = new TimerHeap();
    final Turn turn;
    private final Driver driver;
    final LiveTasks live = new LiveTasks(this);
    final BlockingCalls blockingCalls = new BlockingCalls(this);
    private final EventBus events = new EventBus(this);
    System.Logger log = System.getLogger("org.perthensis.loop");
    private volatile boolean shutdownRequested;
    private int generatedNames;

    Loop(SchedulerOptions options) {
        VirtualClock virtualClock = options.virtualTime() ? new VirtualClock(options.virtualStart()) : null;
        clock = virtualClock != null ? virtualClock : new SystemClock();
        turn = new Turn(this, clock, virtualClock, timers, options.slowTurnWarning());
        driver = new Driver(this, turn, clock, virtualClock, timers);
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
        return start(newFiber(name, task), Nanos.of(delay, "delay"));
    }

    private Periodic periodic(String name, Duration period, Task body, boolean firstAfterPeriod) {
        long periodNanos = Nanos.positive(period, "period");
        Objects.requireNonNull(body, "body");
        PeriodicTask periodic = new PeriodicTask(this, periodNanos);
        Fiber fiber = newFiber(name, periodic.loopOver(body));
        periodic.attach(fiber, Nanos.saturatedAdd(clock.nanos(), firstAfterPeriod ? periodNanos : 0));
        start(fiber, firstAfterPeriod ? periodNanos : 0);
        return periodic;
    }

    private Fiber newFiber(String name, Task task) {
        checkOnLoop("spawning a task");
        Objects.requireNonNull(task, "task");
        driver.checkNotTerminated();
        return new Fiber(this, name == null || name.isBlank() ? "task-" + ++generatedNames : name, task);
    }

    private Fiber start(Fiber fiber, long delayNanos) {
        if (delayNanos > 0) {
            fiber.wait = Fiber.ON_TIMER;
            timers.add(fiber, Nanos.saturatedAdd(clock.nanos(), delayNanos));
        } else {
            turn.makeReady(fiber);
        }
        live.add(fiber);
        return fiber;
    }

    void cancel(Fiber fiber) {
        if (fiber.isDone() || fiber.cancelled) {
            return;
        }
        fiber.cancelled = true;
        turn.resume(fiber, true);
    }

    void join(Fiber target) {
        Fiber me = turn.requireTask("join");
        if (me == target) {
            throw new IllegalStateException("task '" + me.name + "' cannot join itself");
        }
        turn.checkInterruption(me);
        if (target.isDone()) {
            return;
        }
        target.addJoiner(me);
        me.wait = joiner -> target.removeJoiner(joiner);
        turn.suspend(me);
    }

    /** Ends a fiber: records the outcome, wakes joiners, releases leases, passes the turn on. */
    void finish(Fiber fiber, Throwable thrown) {
        if (fiber.thread != null) {
            turn.checkSlowTurn(fiber);
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
        live.remove(fiber);
        timers.remove(fiber);
        fiber.scopes = null;
        for (ManagedResource.Lease<?> lease : fiber.takeLeases()) {
            log.log(WARNING, "task '" + fiber.name + "' ended holding a managed resource; released it");
            turn.callback(lease::close, "releasing the resource of task '" + fiber.name + "'");
        }
        for (Fiber joiner : fiber.takeJoiners()) {
            turn.resume(joiner, false);
        }
        if (fiber.thread != null) {
            turn.handTo(turn.nextRunner(fiber));
        }
    }

    // ---------------------------------------------------------------- suspension

    @Override
    public void sleep(Duration duration) {
        Fiber me = turn.requireTask("sleep");
        turn.checkInterruption(me);
        long nanos = Nanos.of(duration, "duration");
        if (nanos <= 0) {
            yieldFrom(me);
            return;
        }
        turn.sleepUntil(me, Nanos.saturatedAdd(clock.nanos(), nanos));
    }

    @Override
    public void yieldTurn() {
        Fiber me = turn.requireTask("yieldTurn");
        turn.checkInterruption(me);
        yieldFrom(me);
    }

    private void yieldFrom(Fiber me) {
        turn.makeReady(me);
        turn.suspend(me);
    }

    @Override
    public <T> T withTimeout(Duration timeout, Callable<T> body) throws Exception {
        Fiber me = turn.requireTask("withTimeout");
        Objects.requireNonNull(body, "body");
        turn.checkInterruption(me);
        return TimeoutScope.run(this, me, timeout, body);
    }

    @Override
    public <T> T blocking(Callable<T> call) throws Exception {
        Fiber me = turn.requireTask("blocking");
        Objects.requireNonNull(call, "call");
        turn.checkInterruption(me);
        return blockingCalls.run(me, call);
    }

    // ---------------------------------------------------------------- running

    @Override
    public void runForever() {
        driver.drive(Driver.FOREVER);
    }

    @Override
    public void run(Duration span) {
        long nanos = Nanos.of(span, "span");
        driver.drive(nanos <= 0 ? clock.nanos() : Nanos.saturatedAdd(clock.nanos(), nanos));
    }

    @Override
    public void post(Runnable action) {
        driver.post(Objects.requireNonNull(action, "action"));
    }

    @Override
    public void shutdown() {
        if (shutdownRequested) {
            return;
        }
        shutdownRequested = true;
        post(live::cancelAll);
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

    @Override
    public LoopStatistics statistics() {
        checkOnLoop("statistics");
        return turn.statistics(driver.wakeups());
    }

    // ---------------------------------------------------------------- threads

    void checkOnLoop(String what) {
        if (!turn.onLoop()) {
            throw new IllegalStateException(what + " must happen on the loop (in a task, listener or posted action);"
                    + " from another thread, use post(...)");
        }
    }

    void onLoopOrPost(Runnable action) {
        if (turn.onLoop()) {
            action.run();
        } else {
            post(action);
        }
    }

    // ---------------------------------------------------------------- for tests and benchmarks

    void logTo(System.Logger logger) {
        this.log = Objects.requireNonNull(logger);
    }

    /** How often the driver woke from an idle sleep; {@code bench/} reads it by reflection, by this name. */
    long idleWakeups() {
        return driver.wakeups();
    }
}
