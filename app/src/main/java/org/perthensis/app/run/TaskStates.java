package org.perthensis.app.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskInfo;
import org.perthensis.api.TaskInfo.State;
import org.perthensis.api.TaskList;

/**
 * The supervisor's view of every configured task that was created, as the service
 * {@link TaskList}. Each read is an immutable snapshot; each change is published as
 * {@value TaskList#TOPIC} with the new {@link TaskInfo}. Times are the scheduler's wall time.
 */
final class TaskStates implements TaskList {

    private final Scheduler scheduler;
    private volatile List<TaskInfo> tasks = List.of();

    TaskStates(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public List<TaskInfo> tasks() {
        return tasks;
    }

    /** Adds a task just created, in state {@link State#STARTING}; not published, as nothing changed. */
    synchronized void add(String name, String type, String module) {
        List<TaskInfo> next = new ArrayList<>(tasks);
        next.add(new TaskInfo(name, type, module, State.STARTING, now(), null, 0, null, null));
        tasks = List.copyOf(next);
    }

    /**
     * Offers each task's restarts and health as metrics: {@code perthensis_task_restarts_total}
     * and {@code perthensis_task_up} (1 while starting or running), labelled {@code task} and {@code type}.
     */
    void offer(Metrics metrics) {
        for (TaskInfo t : tasks) {
            Map<String, String> labels = Map.of("task", t.name(), "type", t.type());
            metrics.counter("perthensis_task_restarts_total", "How often the task was started again after it ended",
                    labels, () -> task(t.name()).map(TaskInfo::restarts).orElse(0));
            metrics.gauge("perthensis_task_up", "1 while the task is starting or running, 0 once it has ended",
                    labels, () -> task(t.name()).filter(i -> i.state().isHealthy()).isPresent() ? 1 : 0);
        }
    }

    /** The task has started, the first time or again after its backoff. Called on the loop. */
    void running(String name) {
        change(name, t -> {
            Instant now = now();
            boolean again = t.started() != null;
            return new TaskInfo(t.name(), t.type(), t.module(), State.RUNNING, now, again ? t.started() : now,
                    again ? t.restarts() + 1 : t.restarts(), t.lastFailure(), t.lastFailureAt());
        });
    }

    /**
     * The task's run has ended. Called on the loop.
     *
     * @param failure what it threw, or null if it returned
     * @param then its state now: {@link State#RESTARTING}, {@link State#ENDED} or {@link State#FAILED}
     */
    void ended(String name, Throwable failure, State then) {
        change(name, t -> {
            Instant now = now();
            return new TaskInfo(t.name(), t.type(), t.module(), then, now, t.started(), t.restarts(),
                    failure == null ? t.lastFailure() : failure.toString(), failure == null ? t.lastFailureAt() : now);
        });
    }

    /** The task was stopped with the runtime; published only if {@code publish}, that is on the loop. */
    void stopped(String name, boolean publish) {
        change(name, t -> t.state() == State.ENDED || t.state() == State.FAILED || t.state() == State.STOPPED ? t
                : new TaskInfo(t.name(), t.type(), t.module(), State.STOPPED, now(), t.started(), t.restarts(),
                        t.lastFailure(), t.lastFailureAt()), publish);
    }

    /** Marks every task that has not ended as stopped, once the loop has returned. */
    void allStopped() {
        tasks.forEach(t -> stopped(t.name(), false));
    }

    private void change(String name, UnaryOperator<TaskInfo> how) {
        change(name, how, true);
    }

    private void change(String name, UnaryOperator<TaskInfo> how, boolean publish) {
        TaskInfo changed = null;
        synchronized (this) {
            List<TaskInfo> next = new ArrayList<>(tasks);
            for (int i = 0; i < next.size(); i++) {
                TaskInfo t = next.get(i);
                if (t.name().equals(name)) {
                    TaskInfo updated = how.apply(t);
                    if (updated != t) {
                        next.set(i, updated);
                        changed = updated;
                    }
                }
            }
            tasks = List.copyOf(next);
        }
        if (changed != null && publish) {
            scheduler.events().publish(TOPIC, changed);
        }
    }

    private Instant now() {
        return scheduler.clock().wallTime();
    }
}
