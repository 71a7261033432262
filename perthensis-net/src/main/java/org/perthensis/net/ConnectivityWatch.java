package org.perthensis.net;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.Ticks;

/** The {@code net} task: fixed-rate checks, hysteresis, events, the recover command and the recovery ladder. */
final class ConnectivityWatch implements NetWatch {
    private final NetProvider.Config config;
    private final List<Probe> probes;
    private final List<String> probeTexts;
    private final TaskEnvironment env;
    private final System.Logger log;
    private final ProbeRunner runner;
    private final RecoverCommand recover;
    private final RecoveryLadder ladder;
    private volatile State state = State.UNKNOWN;

    // The current streak of equal check results; loop state.
    private boolean streakPassing;
    private int streak;
    private Instant streakSince;
    private long streakSinceNanos;

    ConnectivityWatch(NetProvider.Config config, TaskEnvironment env, ProbeRunner runner) {
        this(config, env, runner, Boot.LINUX, config.recovery() == null ? null
                : config.recovery().stateFile() != null ? Path.of(config.recovery().stateFile())
                : RecoveryLadder.defaultFile(env.taskName(), System.getenv("STATE_DIRECTORY")));
    }

    /** With the machine's boot and the ladder's state file given, as tests under a virtual clock need. */
    ConnectivityWatch(NetProvider.Config config, TaskEnvironment env, ProbeRunner runner, Boot boot, Path ladderFile) {
        this.config = config;
        this.probes = Probe.parseAll("probes", config.probes());
        this.probeTexts = probes.stream().map(Probe::text).toList();
        this.env = env;
        this.log = env.logger();
        this.runner = runner;
        this.recover = config.recover() == null ? null : new RecoverCommand(config.recover(), config.recoverAfter(),
                config.recoverEvery(), config.recoverTimeout(), log);
        this.ladder = config.recovery() == null ? null : new RecoveryLadder(config.recovery(), env, boot, ladderFile);
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public void run(Scheduler scheduler) throws Exception {
        // The first state change can be several checks away: say at once what is watched.
        log.log(INFO, () -> "watching " + probes.stream().map(Probe::text).collect(Collectors.joining(", "))
                + " every " + Durations.format(config.every()));
        streak = 0;
        if (ladder != null) {
            ladder.start(scheduler);
        }
        Ticks ticks = scheduler.ticks(config.every()); // an overrun checks again at once, with no burst after it
        while (true) {
            ticks.await();
            check(scheduler);
        }
    }

    private void check(Scheduler scheduler) throws Exception {
        Instant at = scheduler.clock().wallTime().truncatedTo(ChronoUnit.MILLIS); // log lines stay readable
        for (Probe probe : probes) {
            String failure = runner.run(scheduler, probe, config.timeout());
            if (failure != null) {
                failed(scheduler, at, probe, failure);
                return;
            }
        }
        passed(scheduler, at);
    }

    private void passed(Scheduler scheduler, Instant at) throws Exception {
        count(scheduler, true, at);
        log.log(DEBUG, () -> "check passed (" + streak + " in a row)");
        if (state != State.UP && streak >= config.upAfter()) {
            state = State.UP;
            log.log(INFO, "network up: " + String.join(", ", probeTexts) + (probes.size() == 1 ? " passes" : " pass"));
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("since", streakSince);
            payload.put("probes", probeTexts);
            env.events().publish("net.up", payload);
            if (ladder != null) {
                ladder.up(scheduler);
            }
        }
    }

    private void failed(Scheduler scheduler, Instant at, Probe probe, String reason) throws Exception {
        count(scheduler, false, at);
        log.log(DEBUG, () -> "probe " + probe.text() + " failed (" + streak + " in a row): " + reason);
        if (state != State.DOWN && streak >= config.downAfter()) {
            state = State.DOWN;
            log.log(WARNING, "network down since " + streakSince + ": " + probe.text() + " failed: " + reason);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("failed", probe.text());
            payload.put("reason", reason);
            payload.put("since", streakSince);
            env.events().publish("net.down", payload);
        }
        if (recover != null) {
            recover.afterFailedCheck(scheduler, streak);
        }
        if (ladder != null && state == State.DOWN) {
            ladder.down(scheduler, streakSinceNanos, streakSince);
        }
    }

    private void count(Scheduler scheduler, boolean passing, Instant at) {
        if (streak == 0 || passing != streakPassing) {
            streakPassing = passing;
            streak = 0;
            streakSince = at;
            streakSinceNanos = scheduler.clock().nanos();
        }
        if (streak < Integer.MAX_VALUE) {
            streak++;
        }
    }
}
