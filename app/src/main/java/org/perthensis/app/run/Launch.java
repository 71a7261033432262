package org.perthensis.app.run;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.util.List;
import java.util.Optional;
import org.perthensis.api.RuntimeControl;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.app.systemd.Systemd;

/**
 * One run of a {@link Prepared} config: starts every created task under the {@link Supervisor},
 * runs the loop until stopped, then reports the pins and closes Pi4J.
 */
public final class Launch {

    static final System.Logger LOG = Preparation.LOG;

    /**
     * A task that is not from the config, such as the demo's counter: run once, unsupervised.
     *
     * @param name its name
     * @param task the task
     */
    public record Extra(String name, Task task) {
    }

    private final Prepared prepared;
    private final Scheduler scheduler;
    private final List<Extra> extras;
    private final Supervisor supervisor;
    private final Optional<Systemd> systemd;
    private volatile boolean stopRequested;
    private volatile boolean restartRequested;
    private final Object stopLock = new Object();
    private boolean finished;

    /**
     * A launch of what was prepared.
     *
     * @param prepared the created tasks; the launch owns their GPIO from now on
     * @param extras tasks to run besides them
     */
    public Launch(Prepared prepared, List<Extra> extras) {
        this(prepared, extras, Optional.empty());
    }

    /**
     * A launch of what was prepared that tells systemd how it goes.
     *
     * @param prepared the created tasks; the launch owns their GPIO from now on
     * @param extras tasks to run besides them
     * @param systemd the notification socket, when systemd gave one; the launch closes it
     */
    public Launch(Prepared prepared, List<Extra> extras, Optional<Systemd> systemd) {
        this.prepared = prepared;
        this.systemd = systemd;
        this.scheduler = prepared.scheduler();
        this.extras = List.copyOf(extras);
        this.supervisor = new Supervisor(scheduler, LOG, prepared.states(), this::allEnded);
        prepared.restart().attach(this::restart);
    }

    /** Spawns every task; the loop runs them once {@link #runLoop()} is called. */
    public void start() {
        prepared.created().forEach(c -> supervisor.start(c.entry().name(), c.entry().type(), c.entry().restart(), c.task()));
        extras.forEach(x -> scheduler.spawn(x.name(), x.task()));
        // After every configured task, so that its READY=1 follows their first turns.
        systemd.ifPresent(sd -> scheduler.spawn("systemd", sd.task(prepared.states(), Supervisor.BACKOFF.max())));
        int n = prepared.created().size() + extras.size();
        LOG.log(INFO, () -> "started " + n + (n == 1 ? " task" : " tasks") + " from " + prepared.plan().source().name()
                + "; stop with Ctrl-C or SIGTERM");
    }

    /** Runs the loop on the calling thread until every task has ended or a stop was requested. */
    public void runLoop() {
        scheduler.runForever();
    }

    /**
     * Asks every task to stop; thread-safe. The loop returns once their {@code finally} blocks have run.
     *
     * @param why the log line saying why
     */
    public void stop(String why) {
        boolean first;
        synchronized (stopLock) {
            first = !stopRequested;
            stopRequested = true;
        }
        if (first) {
            LOG.log(INFO, why);
        }
        systemd.ifPresent(Systemd::stopping);
        scheduler.shutdown();
    }

    /** A task asked for a restart ({@link org.perthensis.api.RuntimeControl}): stop, then exit with 3. */
    private void restart(String reason) {
        synchronized (stopLock) {
            if (stopRequested) {
                return;
            }
            stopRequested = true;
            restartRequested = true;
        }
        LOG.log(WARNING, "restart requested (" + reason + "): stopping every task, then exiting with "
                + RuntimeControl.RESTART_EXIT_CODE + " for systemd to start the runtime again");
        systemd.ifPresent(Systemd::stopping);
        scheduler.shutdown();
    }

    private void allEnded() {
        if (!stopRequested) {
            LOG.log(supervisor.anyFailedForGood() ? WARNING : INFO, "every configured task has ended; stopping");
            systemd.ifPresent(Systemd::stopping);
            scheduler.shutdown();
        }
    }

    /**
     * Logs the state each output pin was left in and shuts Pi4J down; runs once, whichever
     * thread comes first.
     */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        prepared.states().allStopped();
        prepared.gpio().finalStates().forEach(line -> LOG.log(INFO, line));
        prepared.close();
        systemd.ifPresent(sd -> {
            sd.stopping(); // when the loop ended for another reason, such as a failure of the loop itself
            sd.close();
        });
    }

    /**
     * The exit code once the loop has returned.
     *
     * @return 0 after a requested stop or when every task ended well, 1 if one failed for good, 3
     *     after a task asked for a restart
     */
    public int exitCode() {
        if (restartRequested) {
            return RuntimeControl.RESTART_EXIT_CODE;
        }
        return !stopRequested && supervisor.anyFailedForGood() ? 1 : 0;
    }
}
