package org.perthensis.app.run;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.perthensis.api.Backoff;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.api.TaskHandle;
import org.perthensis.api.TaskInfo.State;
import org.perthensis.app.config.Restart;

/**
 * Runs configured tasks under their {@link Restart} policy: every failure is logged with the
 * task's name and published as {@code task.failed}; a restart waits for the {@link Backoff}
 * (1 s doubling to 60 s, from 1 s again after a healthy minute). Every change of state goes to
 * the {@link TaskStates}. The restart loop runs inside the task itself, so it works on any
 * scheduler, a virtual-time one included, and a cancelled task stops wherever it waits.
 *
 * <p>When the last supervised task has ended for good, {@code whenAllEnded} runs.
 */
final class Supervisor {

    /** The topic of the event published on each failure. */
    static final String FAILED_TOPIC = "task.failed";
    /** The waits between restarts: exact, as one device's restarts need no spreading. */
    static final Backoff.Config BACKOFF = Backoff.Config.exact(Duration.ofSeconds(1), Duration.ofSeconds(60));
    /** A run at least this long counts as healthy: the next failure waits the first delay again. */
    static final Duration HEALTHY = Duration.ofMinutes(1);

    private final Scheduler scheduler;
    private final System.Logger log;
    private final TaskStates states;
    private final Runnable whenAllEnded;
    private int live;
    private boolean anyFailedForGood;

    Supervisor(Scheduler scheduler, System.Logger log, TaskStates states, Runnable whenAllEnded) {
        this.scheduler = scheduler;
        this.log = log;
        this.states = states;
        this.whenAllEnded = whenAllEnded;
    }

    /**
     * Starts a task under supervision. Must be called on the loop, or before it runs.
     *
     * @param name the task's name, as added to the task states
     * @param type its type, for messages and events
     * @param policy when to restart it
     * @param task the task, run again on each restart
     * @return the handle of the supervising task
     */
    TaskHandle start(String name, String type, Restart policy, Task task) {
        live++;
        return scheduler.spawn(name, s -> {
            try {
                supervise(s, name, type, policy, task);
            } catch (CancellationException e) {
                states.stopped(name, true);
                throw e;
            } finally {
                if (--live == 0) {
                    whenAllEnded.run();
                }
            }
        });
    }

    /**
     * Whether some task failed and was not restarted: the runtime then exits with 1.
     *
     * @return true after such a failure
     */
    boolean anyFailedForGood() {
        return anyFailedForGood;
    }

    private void supervise(Scheduler s, String name, String type, Restart policy, Task task) {
        Backoff backoff = new Backoff(BACKOFF);
        while (true) {
            long started = s.clock().nanos();
            states.running(name);
            Throwable failure = null;
            try {
                task.run(s);
            } catch (CancellationException e) {
                throw e; // shutting down: not a failure
            } catch (OutOfMemoryError e) {
                throw e;
            } catch (Exception | Error e) {
                failure = e;
            }
            boolean restart = policy == Restart.ALWAYS || failure != null && policy == Restart.ON_FAILURE;
            if (restart && s.clock().nanos() - started >= HEALTHY.toNanos()) {
                backoff.reset();
            }
            Duration delay = restart ? backoff.next() : null;
            states.ended(name, failure, restart ? State.RESTARTING : failure != null ? State.FAILED : State.ENDED);
            String label = "task '" + name + "' (type " + type + ")";
            if (failure != null) {
                log.log(ERROR, label + " failed: " + failure + "; "
                        + (restart ? "restarting in " + Durations.format(delay) : "not restarting (restart: never)"),
                        failure);
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("task", name);
                payload.put("type", type);
                payload.put("error", failure.toString());
                payload.put("restartIn", delay);
                s.events().publish(FAILED_TOPIC, payload);
                anyFailedForGood |= !restart;
            } else {
                log.log(INFO, label + " ended" + (restart ? "; restarting in " + Durations.format(delay)
                        + " (restart: always)" : ""));
            }
            if (!restart) {
                return;
            }
            s.sleep(delay);
        }
    }
}
