package org.perthensis.app.systemd;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.perthensis.api.Durations;
import org.perthensis.api.Event;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Subscription;
import org.perthensis.api.Task;
import org.perthensis.api.TaskInfo;
import org.perthensis.api.TaskInfo.State;
import org.perthensis.api.TaskList;
import org.perthensis.api.Ticks;

/**
 * The task on the loop that talks to systemd: {@code READY=1} once every configured task has
 * started, {@code STATUS=} whenever the line changes, and {@code WATCHDOG=1} at half of the
 * watchdog's interval. Because the ping is sent by a task, it stops when the loop stalls or a
 * task keeps the turn, and systemd restarts the process. It is also held back while a task is
 * not where its supervisor should have put it: starting for longer than a watchdog interval,
 * or waiting to restart for longer than the longest backoff and an interval.
 */
final class NotifyTask implements Task {

    /** The topics the status line is made of. */
    static final List<String> TOPICS = List.of(TaskList.TOPIC, "net.up", "net.down", "ntp.synced", "ntp.failed");

    private final Systemd systemd;
    private final TaskList tasks;
    private final Duration longestRestartWait;
    private final System.Logger log;
    /** When each task entered its state, on the loop's monotonic clock; loop state. */
    private final Map<String, Long> since = new HashMap<>();
    private String lastStatus;

    NotifyTask(Systemd systemd, TaskList tasks, Duration longestRestartWait, System.Logger log) {
        this.systemd = systemd;
        this.tasks = tasks;
        this.longestRestartWait = longestRestartWait;
        this.log = log;
    }

    @Override
    public void run(Scheduler s) {
        // Spawned after the configured tasks, so each has had its first turn; a supervisor is never slower than that.
        while (tasks.tasks().stream().anyMatch(t -> t.state() == State.STARTING)) {
            s.sleep(Duration.ofMillis(1));
        }
        long now = s.clock().nanos();
        tasks.tasks().forEach(t -> since.put(t.name(), now));
        List<Subscription> subscriptions = new ArrayList<>();
        try {
            for (String topic : TOPICS) {
                subscriptions.add(s.events().subscribe(topic, e -> changed(s, e)));
            }
            lastStatus = StatusLine.of(tasks.tasks(), s.events());
            systemd.send("READY=1\nSTATUS=" + lastStatus);
            if (systemd.watchdogInterval().isEmpty()) {
                while (true) {
                    s.sleep(Duration.ofDays(1));
                }
            }
            Duration interval = systemd.watchdogInterval().get();
            Ticks ticks = s.ticks(interval);
            String held = null;
            while (true) {
                ticks.await();
                String why = unhealthy(s.clock().nanos(), interval);
                String which = why == null ? null : why.substring(0, why.indexOf(" for ")); // the task and its state
                if (why == null) {
                    if (held != null) {
                        log.log(INFO, "systemd: every task is back where its supervisor put it; the watchdog is fed again");
                        held = null;
                    }
                    systemd.send("WATCHDOG=1");
                } else if (!which.equals(held)) {
                    log.log(WARNING, "systemd: not feeding the watchdog: " + why
                            + "; systemd restarts the runtime unless that ends soon");
                    held = which;
                }
            }
        } finally {
            subscriptions.forEach(Subscription::close);
        }
    }

    private void changed(Scheduler s, Event e) {
        if (e.payload() instanceof TaskInfo t) {
            since.put(t.name(), e.nanos());
        }
        String status = StatusLine.of(tasks.tasks(), s.events());
        if (!status.equals(lastStatus)) {
            lastStatus = status;
            systemd.send("STATUS=" + status);
        }
    }

    /** Why a task is not where it should be, or null when all are. */
    private String unhealthy(long now, Duration interval) {
        for (TaskInfo t : tasks.tasks()) {
            long in = now - since.getOrDefault(t.name(), now);
            Duration limit = switch (t.state()) {
                case STARTING -> interval;
                case RESTARTING -> longestRestartWait.plus(interval);
                default -> null;
            };
            if (limit != null && in > limit.toNanos()) {
                return "task '" + t.name() + "' has been " + t.state().name().toLowerCase(java.util.Locale.ROOT) + " for "
                        + Durations.format(Duration.ofSeconds(Duration.ofNanos(in).toSeconds())) + ", longer than "
                        + Durations.format(limit);
            }
        }
        return null;
    }
}
