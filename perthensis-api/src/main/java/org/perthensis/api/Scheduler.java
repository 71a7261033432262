package org.perthensis.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The cooperative scheduler: many small tasks, exactly one running at a time.
 *
 * <p>A task hands the turn on only inside the suspending calls of this interface:
 * {@link #sleep(Duration)}, {@link #yieldTurn()}, {@link #blocking(Callable)},
 * {@link #withTimeout(Duration, Callable)}, {@link TaskHandle#join()},
 * {@link Events#await(String)} and {@link ManagedResource.Handle#acquire()}. Tasks that become
 * ready at the same instant run in the order they became ready.
 *
 * <p>Threads: {@link #post(Runnable)}, {@link #shutdown()}, {@link #clock()},
 * {@link Events#publish(String, Object)} and the thread-safe methods of {@link TaskHandle} may
 * be called from any thread. Everything else must be called on the loop: from a task, an event
 * listener or a posted action, or from the setting-up thread before the loop runs.
 * Suspending calls must come from a task, never from a listener or a posted action.
 *
 * <pre>{@code
 * Scheduler s = Scheduler.create();
 * s.spawn("counter", sch -> {
 *     for (int x = 1; ; x++) {
 *         System.out.println(x);
 *         sch.sleep(Duration.ofSeconds(1));
 *     }
 * });
 * s.runForever();
 * }</pre>
 */
public interface Scheduler {

    /**
     * Creates a scheduler on the system clock with the implementation found on the module
     * path (or class path).
     *
     * @return a new scheduler, not yet running
     * @throws IllegalStateException if no implementation is present; the message says which jar to add
     */
    static Scheduler create() {
        return builder().build();
    }

    /**
     * Starts configuring a scheduler.
     *
     * @return a builder with the default options
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a task on the next step. Perthensis's {@code create_task}.
     *
     * @param name a name for log lines and the handle
     * @param task the task; it receives this scheduler
     * @return the task's handle
     */
    TaskHandle spawn(String name, Task task);

    /**
     * Suspends the calling task for at least {@code duration}. Zero or negative yields the turn.
     *
     * @param duration how long to sleep
     * @throws java.util.concurrent.CancellationException if the task is cancelled
     */
    void sleep(Duration duration);

    /**
     * Suspends the calling task for at least {@code millis} milliseconds.
     *
     * @param millis how long to sleep, in milliseconds
     * @throws java.util.concurrent.CancellationException if the task is cancelled
     */
    default void sleep(long millis) {
        sleep(Duration.ofMillis(millis));
    }

    /**
     * Lets every other ready task run once, then continues.
     *
     * @throws java.util.concurrent.CancellationException if the task is cancelled
     */
    void yieldTurn();

    /**
     * Runs {@code body} at a fixed rate, the first run on the next step. tasko's {@code schedule}.
     *
     * @param name a name for log lines and the handle
     * @param period the time between run starts, positive
     * @param body the work of one run
     * @return the periodic task
     */
    Periodic every(String name, Duration period, Task body);

    /**
     * Runs {@code body} at a fixed rate, the first run one period from now. tasko's
     * {@code schedule_later}.
     *
     * @param name a name for log lines and the handle
     * @param period the time between run starts, positive
     * @param body the work of one run
     * @return the periodic task
     */
    Periodic everyAfter(String name, Duration period, Task body);

    /**
     * A fixed-rate schedule for the calling task to follow, with the rules of
     * {@link #every(String, Duration, Task)}, but without a task of its own: the work stays in
     * the task that is running, under its supervision and cancellation. The first tick is due
     * at once.
     *
     * <pre>{@code
     * Ticks ticks = s.ticks(Duration.ofSeconds(5));
     * while (true) {
     *     ticks.await();
     *     check();
     * }
     * }</pre>
     *
     * @param period the time between ticks, positive
     * @return the schedule, starting now
     * @throws IllegalArgumentException if {@code period} is zero or negative
     */
    default Ticks ticks(Duration period) {
        return new Ticks(this, period);
    }

    /**
     * Starts {@code task} once, after {@code delay}. tasko's {@code run_later}.
     *
     * @param name a name for log lines and the handle
     * @param delay how long to wait before starting; zero starts it on the next step
     * @param task the task
     * @return the task's handle; cancelling it before the delay has passed means it never runs
     */
    TaskHandle after(String name, Duration delay, Task task);

    /**
     * Like {@link #every(String, Duration, Task)}, named after its period, such as {@code every 250ms}.
     *
     * @param period the time between run starts, positive
     * @param body the work of one run
     * @return the periodic task
     */
    default Periodic every(Duration period, Task body) {
        return every("every " + Durations.format(period), period, body);
    }

    /**
     * Like {@link #everyAfter(String, Duration, Task)}, named after its period.
     *
     * @param period the time between run starts, positive
     * @param body the work of one run
     * @return the periodic task
     */
    default Periodic everyAfter(Duration period, Task body) {
        return everyAfter("every " + Durations.format(period), period, body);
    }

    /**
     * Like {@link #after(String, Duration, Task)}, named after its delay, such as {@code after 1s}.
     *
     * @param delay how long to wait before starting
     * @param task the task
     * @return the task's handle
     */
    default TaskHandle after(Duration delay, Task task) {
        return after("after " + Durations.format(delay), delay, task);
    }

    /**
     * Runs {@code body} in the calling task, interrupting it if it has not finished within
     * {@code timeout}. uasyncio's {@code wait_for}. The body is interrupted at its current
     * suspension point, so its {@code finally} blocks run; a blocking call in progress is
     * interrupted and abandoned.
     *
     * @param timeout the time allowed
     * @param body the work
     * @param <T> the result type
     * @return what {@code body} returned
     * @throws TimeoutException if the time ran out before the body finished
     * @throws Exception whatever {@code body} threw
     */
    <T> T withTimeout(Duration timeout, Callable<T> body) throws Exception;

    /**
     * Runs blocking work (file or socket I/O, a DNS lookup, a subprocess) on another thread
     * while the calling task waits and other tasks run. The work must not touch state that
     * tasks share without its own synchronisation: it runs at the same time as them.
     *
     * @param call the blocking work
     * @param <T> the result type
     * @return what {@code call} returned
     * @throws Exception whatever {@code call} threw
     */
    <T> T blocking(Callable<T> call) throws Exception;

    /**
     * Runs {@code action} on the loop soon, in the order posted. Thread-safe: this is how
     * foreign threads, such as GPIO listeners, hand work to the loop. The action must not
     * suspend; to wait, let it {@link #spawn(String, Task) spawn} a task.
     *
     * @param action the work; an exception it throws is logged and dropped
     */
    void post(Runnable action);

    /**
     * Publish and subscribe between tasks and modules.
     *
     * @return this scheduler's events
     */
    Events events();

    /**
     * The clock that all timing goes through.
     *
     * @return this scheduler's clock
     */
    Clock clock();

    /**
     * Counters of the loop's own work since this scheduler was created: turns, slow turns,
     * wake-ups, and how late timers fired. Keeping them costs the loop a few additions, no
     * allocation; they are read only when someone asks. Call it on the loop (from a task, a
     * listener or a posted action).
     *
     * @return the counters now; {@link LoopStatistics#NONE} from an implementation that keeps none
     */
    default LoopStatistics statistics() {
        return LoopStatistics.NONE;
    }

    /**
     * Shares one resource, such as an SPI bus, between tasks: fair first-come-first-served
     * access, with callbacks around each use. tasko's {@code ManagedResource}.
     *
     * @param resource the shared resource
     * @param onAcquire called with the acquiring handle's argument before it gets the resource
     * @param onRelease called with the releasing handle's argument after it gives it back
     * @param <R> the resource type
     * @param <A> the type of the per-handle argument, such as a chip-select pin
     * @return the managed resource
     */
    <R, A> ManagedResource<R, A> manage(R resource, Consumer<? super A> onAcquire, Consumer<? super A> onRelease);

    /**
     * Runs the loop on the calling thread until {@link #shutdown()} has ended every task.
     *
     * @throws IllegalStateException if the loop is already running or has shut down
     */
    void runForever();

    /**
     * Runs the loop on the calling thread for {@code span} of this scheduler's clock, then
     * returns with the tasks still suspended where they are, so a later call continues them.
     * Everything due up to and including the end of the span runs. Under virtual time the clock
     * reads exactly the end of the span afterwards. Returns early once {@link #shutdown()} has
     * ended every task.
     *
     * @param span how long to run
     * @throws IllegalStateException if the loop is already running or has shut down
     */
    void run(Duration span);

    /**
     * Cancels every task and lets {@link #runForever()} or {@link #run(Duration)} return once
     * they have ended. Thread-safe; calling it again does nothing.
     */
    void shutdown();

    /**
     * Options for {@link Scheduler#builder()}; {@link #build()} finds the implementation with
     * {@link ServiceLoader}.
     */
    final class Builder {

        /**
         * The system property that picks the implementation when several are on the module
         * path: the class name of its {@link SchedulerFactory}, or its module's name.
         */
        public static final String IMPLEMENTATION_PROPERTY = "perthensis.scheduler";

        private static final System.Logger LOG = System.getLogger("org.perthensis.api");

        /** The wall time a virtual clock starts at unless told otherwise. */
        public static final Instant VIRTUAL_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

        private boolean virtualTime;
        private Instant virtualStart = VIRTUAL_EPOCH;
        private Duration slowTurnWarning = Duration.ofMillis(100);
        private SchedulerFactory factory;

        private Builder() {
        }

        /**
         * Uses a virtual clock starting at {@link #VIRTUAL_EPOCH}: when every task waits, time
         * jumps to the next due timer, so a test of a day of schedule runs in milliseconds and
         * observes exact timestamps. Time does not jump while a {@link Scheduler#blocking(Callable)}
         * call is in progress.
         *
         * @return this builder
         */
        public Builder virtualTime() {
            return virtualTime(VIRTUAL_EPOCH);
        }

        /**
         * Uses a virtual clock whose wall time starts at {@code wallStart}.
         *
         * @param wallStart the wall time at monotonic time zero
         * @return this builder
         * @see #virtualTime()
         */
        public Builder virtualTime(Instant wallStart) {
            this.virtualTime = true;
            this.virtualStart = Objects.requireNonNull(wallStart, "wallStart");
            return this;
        }

        /**
         * Sets how long a task may keep the turn before it is reported by name (default 100 ms).
         *
         * @param limit the limit, positive
         * @return this builder
         */
        public Builder slowTurnWarning(Duration limit) {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("slowTurnWarning must be positive, got " + Durations.format(limit));
            }
            this.slowTurnWarning = limit;
            return this;
        }

        /**
         * Uses this implementation instead of looking one up, as tests that assemble
         * things by hand do.
         *
         * @param factory the implementation
         * @return this builder
         */
        public Builder factory(SchedulerFactory factory) {
            this.factory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Creates the scheduler.
         *
         * @return a new scheduler, not yet running
         * @throws IllegalStateException if no implementation is present; the message says which jar to add
         */
        public Scheduler build() {
            SchedulerOptions options = new SchedulerOptions(virtualTime, virtualStart, slowTurnWarning);
            return (factory != null ? factory : findFactory()).create(options);
        }

        private static SchedulerFactory findFactory() {
            List<SchedulerFactory> found = new ArrayList<>();
            Iterator<SchedulerFactory> it = ServiceLoader.load(SchedulerFactory.class).iterator();
            ServiceConfigurationError broken = null;
            for (int failures = 0; failures < 100; ) { // a broken iterator may fail on the same entry forever
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    found.add(it.next());
                } catch (ServiceConfigurationError e) {
                    broken = e; // one that fails to load must not hide one that works
                    failures++;
                }
            }
            String wanted = System.getProperty(IMPLEMENTATION_PROPERTY, "").strip();
            if (!wanted.isEmpty()) {
                for (SchedulerFactory f : found) {
                    if (f.getClass().getName().equals(wanted) || wanted.equals(f.getClass().getModule().getName())) {
                        LOG.log(System.Logger.Level.DEBUG, () -> "using scheduler " + describe(f) + ", as -D"
                                + IMPLEMENTATION_PROPERTY + " says");
                        return f;
                    }
                }
                throw new IllegalStateException("-D" + IMPLEMENTATION_PROPERTY + "=" + wanted + " names no scheduler"
                        + " implementation on the module path; found: " + (found.isEmpty() ? "none"
                        : found.stream().map(Builder::describe).collect(Collectors.joining(", "))), broken);
            }
            if (found.isEmpty()) {
                throw new IllegalStateException(
                        "No Perthensis scheduler implementation was found"
                        + (broken != null ? " (one failed to load: " + broken.getMessage() + ")" : "")
                        + ". Add perthensis-loop.jar (module org.perthensis.loop) to the module path"
                        + " next to perthensis-api.jar.", broken);
            }
            SchedulerFactory chosen = found.getFirst();
            if (found.size() > 1) {
                LOG.log(System.Logger.Level.INFO, "found " + found.size() + " scheduler implementations ("
                        + found.stream().map(Builder::describe).collect(Collectors.joining(", ")) + "); using "
                        + describe(chosen) + ". Choose one with -D" + IMPLEMENTATION_PROPERTY + "=<class or module>");
            }
            return chosen;
        }

        private static String describe(SchedulerFactory factory) {
            Module module = factory.getClass().getModule();
            return factory.getClass().getName() + " (" + (module.isNamed() ? "module " + module.getName() : "class path") + ")";
        }
    }
}
