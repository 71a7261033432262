package org.perthensis.mqtt;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.perthensis.api.Event;
import org.perthensis.api.Events;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.testing.RecordingLogger;

/**
 * A device on the real clock for tests against a real broker: a scheduler on a thread of its own
 * running the tasks added, every event recorded, a recording logger per task.
 */
final class LiveDevice implements AutoCloseable {
    final Scheduler scheduler = Scheduler.create();
    final Map<Class<?>, Object> services = new HashMap<>();
    final Metrics metrics = Metrics.create();
    final List<Event> events = new CopyOnWriteArrayList<>();
    private final Map<String, RecordingLogger> logs = new HashMap<>();
    private Thread loop;

    LiveDevice() {
        services.put(Metrics.class, metrics);
        scheduler.events().subscribe("*", events::add);
    }

    TaskEnvironment env(String task) {
        RecordingLogger log = new RecordingLogger(System.Logger.Level.DEBUG);
        logs.put(task, log);
        return TaskEnvironment.of(task, scheduler, log, services);
    }

    /** Creates an {@code mqtt} task as the runtime does and starts it, with the loop if not running yet. */
    LiveDevice mqtt(String task, MqttConfig config) {
        return add(task, new MqttProvider().create(config, env(task)));
    }

    LiveDevice add(String task, Task body) {
        scheduler.post(() -> scheduler.spawn(task, body));
        if (loop == null) {
            loop = Thread.ofPlatform().name("test loop").start(scheduler::runForever);
        }
        return this;
    }

    List<String> log(String task) {
        return logs.get(task).lines();
    }

    void publish(String topic, Object payload) {
        scheduler.events().publish(topic, payload);
    }

    Event awaitEvent(String pattern, Predicate<Event> wanted) {
        long deadline = System.nanoTime() + Subscriber.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (Event e : events) {
                if (Events.matches(pattern, e.topic()) && wanted.test(e)) {
                    return e;
                }
            }
            sleep(Duration.ofMillis(20));
        }
        return fail("no event " + pattern + " within " + Subscriber.PATIENCE.toSeconds() + "s; events: " + events
                + "\nlogs: " + logs);
    }

    String awaitLog(String task, Predicate<String> wanted) {
        long deadline = System.nanoTime() + Subscriber.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : log(task)) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            sleep(Duration.ofMillis(20));
        }
        return fail("no such log line within " + Subscriber.PATIENCE.toSeconds() + "s; log: " + log(task));
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops every task as the runtime does on SIGTERM, and waits for the loop to end. */
    @Override
    public void close() throws InterruptedException {
        scheduler.shutdown();
        if (loop != null) {
            loop.join(Subscriber.PATIENCE.toMillis());
            if (loop.isAlive()) {
                fail("the loop did not end within " + Subscriber.PATIENCE.toSeconds() + "s of shutdown; logs: " + logs);
            }
        }
    }
}
