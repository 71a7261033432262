package org.perthensis.app.systemd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.perthensis.api.Event;
import org.perthensis.api.Events;
import org.perthensis.api.TaskInfo;
import org.perthensis.api.TaskInfo.State;

/**
 * The one line {@code systemctl status perthensis} shows: how many tasks run, whether the
 * network is up and the time synced, as far as the well-known events have said so.
 * {@code 5 of 6 tasks running (1 restarting); network up; time synced}.
 */
final class StatusLine {

    private StatusLine() {
    }

    /**
     * The line for these tasks and the latest events.
     *
     * @param tasks the task list's snapshot
     * @param events the scheduler's events, for {@code last(...)}
     * @return the line; the network and time parts only once a task has published on them
     */
    static String of(List<TaskInfo> tasks, Events events) {
        long running = tasks.stream().filter(t -> t.state() == State.RUNNING).count();
        Map<State, Integer> others = new LinkedHashMap<>();
        for (TaskInfo t : tasks) {
            if (t.state() != State.RUNNING) {
                others.merge(t.state(), 1, Integer::sum);
            }
        }
        StringBuilder line = new StringBuilder().append(running).append(" of ").append(tasks.size())
                .append(tasks.size() == 1 ? " task" : " tasks").append(" running");
        if (!others.isEmpty()) {
            List<String> parts = new ArrayList<>();
            others.forEach((state, n) -> parts.add(n + " " + state.name().toLowerCase(java.util.Locale.ROOT)));
            line.append(" (").append(String.join(", ", parts)).append(')');
        }
        Optional<Event> up = events.last("net.up");
        Optional<Event> down = events.last("net.down");
        if (up.isPresent() || down.isPresent()) {
            boolean isUp = down.isEmpty() || up.isPresent() && up.get().isNewerThan(down.get());
            line.append("; network ").append(isUp ? "up" : "down");
        }
        if (events.last("ntp.synced").isPresent()) {
            line.append("; time synced");
        } else if (events.last("ntp.failed").isPresent()) {
            line.append("; time not synced");
        }
        return line.toString();
    }
}
