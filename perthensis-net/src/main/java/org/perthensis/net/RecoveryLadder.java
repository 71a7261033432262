package org.perthensis.net;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.perthensis.api.Durations;
import org.perthensis.api.RuntimeControl;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;

/**
 * Walks the {@link Recovery} ladder while the network is down: after each failed check, the
 * first step that is due runs, and each run is logged with why (how long the network has been
 * down). A runtime restart keeps the outage in the state file, so the ladder goes on where it
 * was in the next process of the same boot; reboots are counted there across boots.
 */
final class RecoveryLadder {

    private enum Kind { COMMAND, RESTART, REBOOT }

    private record Step(String name, Kind kind, Duration after, Recovery.Command command, Recovery.Reboot reboot) {
    }

    private final List<Step> steps = new ArrayList<>();
    private final TaskEnvironment env;
    private final System.Logger log;
    private final Boot boot;
    private final Path file;

    private LadderState state = new LadderState();
    // The outage in progress, on the scheduler's monotonic clock; loop state.
    private boolean inOutage;
    private long downSince;
    private Instant downSinceWall;
    private final Set<String> done = new LinkedHashSet<>();
    private final Map<String, Long> lastRun = new HashMap<>();
    private final Set<String> waitsLogged = new LinkedHashSet<>();
    /** The outage a runtime restart interrupted, to take up when the network is found down. */
    private boolean resumable;

    RecoveryLadder(Recovery recovery, TaskEnvironment env, Boot boot, Path file) {
        if (recovery.reconnect() != null) {
            steps.add(new Step("reconnect", Kind.COMMAND, recovery.reconnect().after(), recovery.reconnect(), null));
        }
        if (recovery.restartInterface() != null) {
            steps.add(new Step("restartInterface", Kind.COMMAND, recovery.restartInterface().after(),
                    recovery.restartInterface(), null));
        }
        if (recovery.restartRuntime() != null) {
            steps.add(new Step("restartRuntime", Kind.RESTART, recovery.restartRuntime().after(), null, null));
        }
        if (recovery.reboot() != null) {
            steps.add(new Step("reboot", Kind.REBOOT, recovery.reboot().after(), null, recovery.reboot()));
        }
        steps.sort(Comparator.comparing(Step::after)); // stable: at the same delay, the order above
        this.env = env;
        this.log = env.logger();
        this.boot = boot;
        this.file = file;
    }

    /**
     * The state file a ladder uses unless its config names one: {@code net-<task>.recovery} in
     * systemd's state directory ({@code $STATE_DIRECTORY}, its first entry), else in the working directory.
     */
    static Path defaultFile(String task, String stateDirectory) {
        String name = "net-" + task + ".recovery";
        if (stateDirectory == null || stateDirectory.isBlank()) {
            return Path.of(name);
        }
        return Path.of(stateDirectory.split(":")[0]).resolve(name);
    }

    /** Called when the task starts: takes up an outage that a runtime restart of this boot interrupted. */
    void start(Scheduler scheduler) throws Exception {
        inOutage = false;
        resumable = false;
        try {
            state = scheduler.blocking(() -> LadderState.read(file));
        } catch (IOException | IllegalArgumentException e) {
            log.log(WARNING, "recovery: cannot read " + file + " (" + e.getMessage() + "); starting without it");
            state = new LadderState();
        }
        Optional<Duration> uptime = boot.uptime();
        if (state.outageSince != null && state.boot.equals(boot.id()) && uptime.isPresent()) {
            resumable = true;
            log.log(INFO, "recovery: the runtime restarted during an outage that began "
                    + Durations.format(seconds(uptime.get().minus(state.outageSince))) + " ago; steps run: "
                    + String.join(", ", state.done) + "; the ladder goes on if the network is still down");
        } else if (state.outageSince != null) {
            state.outageSince = null; // of another boot: a reboot starts the ladder afresh
            state.done.clear();
        }
    }

    /** Called after each failed check while the network is down; runs the first step that is due. */
    void down(Scheduler scheduler, long since, Instant sinceWall) throws Exception {
        long now = scheduler.clock().nanos();
        if (!inOutage) {
            inOutage = true;
            downSince = since;
            downSinceWall = sinceWall;
            done.clear();
            lastRun.clear();
            waitsLogged.clear();
            Optional<Duration> uptime = boot.uptime();
            if (resumable && uptime.isPresent()) {
                long before = uptime.get().minus(state.outageSince).toNanos();
                if (now - before < downSince) {
                    downSince = now - before;
                    downSinceWall = scheduler.clock().wallTime().minusNanos(before);
                }
                done.addAll(state.done);
                done.forEach(step -> lastRun.put(step, now));
            }
            resumable = false;
        }
        Duration down = Duration.ofNanos(now - downSince);
        for (Step step : steps) {
            if (down.compareTo(step.after()) < 0 || !due(step, now)) {
                continue;
            }
            String why = "network down for " + Durations.format(seconds(down)) + " (since " + downSinceWall + ")";
            if (step.kind() == Kind.REBOOT && !mayReboot(step.reboot(), why, scheduler)) {
                continue;
            }
            done.add(step.name());
            lastRun.put(step.name(), now);
            switch (step.kind()) {
                case COMMAND -> {
                    log.log(INFO, why + ": recovery step " + step.name() + ": running " + step.command().run());
                    RecoverCommand.run(scheduler, "recovery step " + step.name(), step.command().run(),
                            step.command().timeout(), log);
                }
                case RESTART -> restart(scheduler, why);
                case REBOOT -> {
                    log.log(WARNING, why + ": recovery step reboot: running " + step.reboot().run() + " (reboot "
                            + state.rebootsNear(scheduler.clock().wallTime()).size() + " of at most "
                            + step.reboot().maxPerDay() + " in 24h)");
                    RecoverCommand.run(scheduler, "recovery step reboot", step.reboot().run(), step.reboot().timeout(), log);
                }
            }
            return;
        }
    }

    private boolean due(Step step, long now) {
        if (!done.contains(step.name())) {
            return true;
        }
        Duration every = step.command() == null ? null : step.command().every();
        return every != null && now - lastRun.get(step.name()) >= every.toNanos();
    }

    private void restart(Scheduler scheduler, String why) throws Exception {
        Optional<RuntimeControl> runtime = env.service(RuntimeControl.class);
        if (runtime.isEmpty()) {
            log.log(WARNING, why + ": recovery step restartRuntime: no runtime to restart (the task runs without"
                    + " the Perthensis runtime); skipped");
            return;
        }
        Optional<Duration> uptime = boot.uptime();
        if (uptime.isPresent()) {
            state.boot = boot.id();
            state.outageSince = uptime.get().minusNanos(scheduler.clock().nanos() - downSince);
            state.done.clear();
            state.done.addAll(done);
            save(scheduler, "the next process starts the ladder from its first step");
        }
        log.log(WARNING, why + ": recovery step restartRuntime: restarting the runtime (exit code "
                + RuntimeControl.RESTART_EXIT_CODE + ", for systemd to start it again)");
        runtime.get().restart("task '" + env.taskName() + "': " + why);
    }

    /** Whether the guards let the reboot happen now; a wait is logged once per outage and reason. */
    private boolean mayReboot(Recovery.Reboot reboot, String why, Scheduler scheduler) throws Exception {
        Optional<Duration> uptime = boot.uptime();
        Instant now = scheduler.clock().wallTime();
        List<Instant> recent = state.rebootsNear(now);
        String wait = null;
        String reason = null;
        if (uptime.isEmpty()) {
            wait = "uptime";
            reason = "cannot tell how long the system has been up (no /proc/uptime)";
        } else if (uptime.get().compareTo(reboot.minUptime()) < 0) {
            wait = "minUptime";
            reason = "the system has been up for " + Durations.format(seconds(uptime.get())) + ", less than minUptime "
                    + Durations.format(reboot.minUptime());
        } else if (recent.size() >= reboot.maxPerDay()) {
            wait = "maxPerDay";
            reason = Text.count(recent.size(), "reboot") + " in the last 24h already (maxPerDay " + reboot.maxPerDay()
                    + "); the next may happen after " + recent.get(recent.size() - reboot.maxPerDay()).plus(Duration.ofDays(1));
        }
        if (wait == null) {
            state.boot = boot.id();
            state.outageSince = null;
            state.done.clear();
            state.reboots.clear();
            state.reboots.addAll(recent);
            state.reboots.add(now);
            if (save(scheduler, null)) {
                return true;
            }
            wait = "record";
            reason = "it cannot be recorded in " + file + ", and without the record the limit per day cannot hold";
            state.reboots.remove(now);
        }
        if (waitsLogged.add(wait)) {
            log.log(WARNING, why + ": recovery step reboot waits: " + reason);
        }
        return false;
    }

    /** Called when the network is up: the ladder starts again from its first step at the next outage. */
    void up(Scheduler scheduler) throws Exception {
        if (inOutage && !done.isEmpty()) {
            log.log(INFO, "network up again after " + Durations.format(seconds(Duration.ofNanos(
                    scheduler.clock().nanos() - downSince))) + "; recovery ladder reset (steps run: "
                    + String.join(", ", done) + ")");
        }
        inOutage = false;
        resumable = false;
        if (state.outageSince != null) {
            state.outageSince = null;
            state.done.clear();
            save(scheduler, null);
        }
    }

    /** Writes the state on a blocking thread: an SD card may take its time. */
    private boolean save(Scheduler scheduler, String otherwise) throws Exception {
        try {
            scheduler.blocking(() -> {
                state.write(file, env.taskName());
                return null;
            });
            return true;
        } catch (IOException | UncheckedIOException e) {
            log.log(WARNING, "recovery: cannot write " + file + ": " + e + (otherwise == null ? "" : "; " + otherwise));
            return false;
        }
    }

    private static Duration seconds(Duration d) {
        return Duration.ofSeconds(d.toSeconds());
    }
}
