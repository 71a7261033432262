package org.perthensis.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.perthensis.api.Clock;
import org.perthensis.api.Event;
import org.perthensis.api.Json;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskInfo;
import org.perthensis.api.TaskList;

/**
 * The loop's side of the web task: it keeps the last events and the counts per topic family
 * from the moment the task is created, and hands each new event to the open streams. Every
 * method runs on the loop, and none waits: the handlers' threads reach it through
 * {@link Scheduler#post(Runnable)}. With no stream open, an event costs a map lookup and two
 * array stores.
 */
final class Hub {

    private final Scheduler scheduler;
    private final Clock clock;
    private final TaskList tasks;
    private final Metrics metrics;
    private final Device device;
    private final EventRing ring = new EventRing();
    private final Families families;
    private final List<EventStream> streams = new ArrayList<>();
    private Runnable onDrop = () -> { };

    /** Subscribes to every event: call it on the loop, or before the loop runs. */
    Hub(TaskEnvironment env, TaskList tasks, Metrics metrics, Device device) {
        this.scheduler = env.scheduler();
        this.clock = scheduler.clock();
        this.tasks = tasks;
        this.metrics = metrics;
        this.device = device;
        this.families = new Families(metrics);
        metrics.gauge("perthensis_web_streams", "Event streams open to browsers", Map.of("task", env.taskName()),
                streams::size);
        scheduler.events().subscribe("*", this::onEvent);
    }

    Scheduler scheduler() {
        return scheduler;
    }

    Metrics metrics() {
        return metrics;
    }

    /** What to do when a stream is dropped for falling behind: count it and log it. */
    void onDrop(Runnable action) {
        this.onDrop = action;
    }

    private void onEvent(Event event) {
        families.count(event.topic());
        ring.add(event);
        if (streams.isEmpty()) {
            return;
        }
        send(EventStream.message("event", ring.newestJson(clock)));
        if (States.affects(event.topic())) {
            send(EventStream.message("states", Json.write(states())));
        }
    }

    private void send(byte[] message) {
        for (int i = streams.size() - 1; i >= 0; i--) {
            EventStream s = streams.get(i);
            if (!s.offer(message)) {
                streams.remove(i);
                if (s.end() == EventStream.End.DROPPED) {
                    onDrop.run();
                }
            }
        }
    }

    /**
     * Registers a stream and gives what it must show first, in one step on the loop, so that
     * no event falls between the two or comes twice.
     *
     * @return the first message: {@code snapshot}
     */
    byte[] open(EventStream stream) {
        streams.add(stream);
        return EventStream.message("snapshot", snapshotJson());
    }

    /** Sends every open stream a keep-alive, so that one whose page has gone finds out. */
    void probe() {
        send(EventStream.KEEP_ALIVE);
    }

    void close(EventStream stream) {
        streams.remove(stream);
    }

    int streams() {
        return streams.size();
    }

    /** Ends every stream, as the task stops. */
    void closeAll() {
        streams.forEach(s -> s.finish(EventStream.End.CLOSED));
        streams.clear();
    }

    /** Everything the page shows: the device, the tasks, the states, the numbers and the last events. */
    String snapshotJson() {
        return "{\"device\":" + Json.write(device.toMap(clock.wallTime())) + ",\"tasks\":" + Json.write(tasks())
                + ",\"states\":" + Json.write(states()) + ",\"numbers\":" + Json.write(numbers())
                + ",\"events\":[" + String.join(",", ring.allJson(clock)) + "]}";
    }

    /** The numbers again, and the time, for a stream with nothing else to send. */
    byte[] numbersMessage() {
        return EventStream.message("numbers", "{\"now\":" + Json.write(clock.wallTime()) + ",\"numbers\":"
                + Json.write(numbers()) + "}");
    }

    List<TaskInfo> tasks() {
        return tasks == null ? List.of() : tasks.tasks();
    }

    private List<Map<String, Object>> states() {
        return States.of(tasks(), scheduler.events(), clock).stream().map(States.State::toMap).toList();
    }

    private List<Map<String, Object>> numbers() {
        return Numbers.of(metrics.collect());
    }
}
