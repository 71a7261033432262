package org.perthensis.api;

import java.util.List;
import java.util.Optional;

/**
 * The tasks the runtime runs from its config file, with their state: a read-only service that
 * the runtime registers, found through {@link TaskEnvironment#service(Class)}. A status page,
 * a health check or an MQTT availability message is built on it.
 *
 * <pre>{@code
 * env.service(TaskList.class).ifPresent(list ->
 *         list.tasks().forEach(t -> System.out.println(t.name() + ": " + t.state() + " since " + t.since())));
 * }</pre>
 *
 * <p>Thread-safe. Each state change is also published on the loop as the event
 * {@value #TOPIC} with the new {@link TaskInfo} as payload.
 */
public interface TaskList {

    /** The topic of the event published whenever a task's state changes. */
    String TOPIC = "task.state";

    /**
     * Every configured task that was created, in the order of the config file.
     *
     * @return snapshots of the tasks
     */
    List<TaskInfo> tasks();

    /**
     * One task.
     *
     * @param name the task's name
     * @return its snapshot, or empty if no task has that name
     */
    default Optional<TaskInfo> task(String name) {
        return tasks().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
