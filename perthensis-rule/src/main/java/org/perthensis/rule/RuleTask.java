package org.perthensis.rule;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.perthensis.api.Event;
import org.perthensis.api.Json;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Subscription;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskHandle;

/**
 * A {@code rule} entry: follows its trigger while it runs, and runs the actions of each trigger
 * as a task of their own, so that a restart can cancel them mid-wait. The runs and the queue
 * live on the loop; a trigger that is ignored or dropped is logged, the first of a burst at
 * once and the rest of it in one line when the burst ends.
 */
final class RuleTask implements Task {

    private static final Duration FOREVER = Duration.ofDays(365);
    /** Payloads are shown in log lines up to this many characters. */
    private static final int SHOWN = 200;

    private final RuleProvider.Config config;
    private final Condition condition;
    private final String name;
    private final System.Logger log;
    private final Deque<Event> waiting = new ArrayDeque<>();

    private Scheduler scheduler;
    private TaskHandle running;
    /** The event the current run is for. */
    private Event runningFor;
    /** Which run is the current one: a cancelled run ends after its successor started. */
    private long runs;
    private long ignoredInBurst;
    private long droppedInBurst;
    private boolean stopping;

    RuleTask(RuleProvider.Config config, TaskEnvironment env) {
        this.config = config;
        this.condition = Condition.of(config.if_());
        this.name = env.taskName();
        this.log = env.logger();
    }

    @Override
    public void run(Scheduler s) {
        scheduler = s;
        stopping = false;
        Subscription trigger = s.events().subscribe(config.when(), this::seen);
        try {
            log.log(INFO, () -> "rule '" + name + "' watching " + config.when()
                    + (condition.isEmpty() ? "" : " if " + condition) + ": " + config.do_().size()
                    + (config.do_().size() == 1 ? " action" : " actions") + ", mode " + config.mode()
                    + (config.mode().equals("queued") ? " (max " + config.max() + ")" : ""));
            while (true) {
                s.sleep(FOREVER); // the work happens in the listener and the runs it starts
            }
        } finally {
            trigger.close();
            stopping = true;
            String cancelled = running == null ? "" : ", its run for " + runningFor.topic() + " cancelled";
            int queued = waiting.size();
            waiting.clear();
            if (running != null) {
                running.cancel();
                running = null;
            }
            reportBursts();
            log.log(INFO, () -> "rule '" + name + "' stopped" + cancelled + (queued == 0 ? ""
                    : ", " + queued + " queued " + (queued == 1 ? "trigger" : "triggers") + " not run"));
        }
    }

    private void seen(Event event) {
        if (!condition.matches(event.payload())) {
            log.log(DEBUG, () -> "rule '" + name + "': " + describe(event) + " does not meet if " + condition);
            return;
        }
        if (running == null) {
            log.log(INFO, () -> "rule '" + name + "' triggered by " + describe(event));
            start(event);
            return;
        }
        switch (config.mode()) {
            case "restart" -> {
                log.log(INFO, () -> "rule '" + name + "' triggered again by " + describe(event) + ": restarting");
                running.cancel();
                start(event);
            }
            case "single" -> {
                if (ignoredInBurst++ == 0) {
                    log.log(INFO, () -> "rule '" + name + "' triggered by " + describe(event)
                            + " while it runs: ignored (mode single)");
                }
            }
            default -> queue(event);
        }
    }

    private void queue(Event event) {
        if (waiting.size() + 1 < config.max()) {
            waiting.add(event);
            int n = waiting.size();
            log.log(INFO, () -> "rule '" + name + "' triggered by " + describe(event) + " while it runs: queued, " + n
                    + " waiting (mode queued, max " + config.max() + ")");
        } else if (droppedInBurst++ == 0) {
            log.log(WARNING, () -> "rule '" + name + "' dropped a trigger, " + describe(event) + ": " + (config.max() - 1)
                    + " already waiting (mode queued, max " + config.max() + ")");
        }
    }

    private void start(Event trigger) {
        long run = ++runs;
        runningFor = trigger;
        running = scheduler.spawn("rule " + name, s -> run(s, trigger, run));
    }

    private void run(Scheduler s, Event trigger, long run) {
        String by = "rule '" + name + "' (" + trigger.topic() + ")";
        List<Action> actions = config.do_();
        int at = 0;
        try {
            for (; at < actions.size(); at++) {
                Action action = actions.get(at);
                log.log(INFO, () -> by + ": " + action.describe());
                perform(s, action, by);
            }
            log.log(INFO, () -> by + ": done");
        } catch (CancellationException stopped) {
            throw stopped; // restarted, or the rule stops: the next run or the rule says so
        } catch (RuntimeException e) {
            int failed = at;
            log.log(WARNING, () -> by + ": do[" + failed + "] failed: " + e, e);
        } finally {
            if (run == runs && !stopping) {
                ended();
            }
        }
    }

    private void perform(Scheduler s, Action action, String by) {
        switch (action.verb()) {
            case "wait" -> s.sleep(action.wait_());
            case "publish" -> s.events().publish(action.publish(), action.payload());
            default -> s.events().publish("output." + action.output() + ".set", action.command(by));
        }
    }

    /** The current run has ended: report what a burst left out, then start the next queued run. */
    private void ended() {
        running = null;
        reportBursts();
        Event next = waiting.poll();
        if (next != null) {
            log.log(INFO, () -> "rule '" + name + "' runs the queued " + describe(next));
            start(next);
        }
    }

    /** Ends the bursts of ignored and dropped triggers: the first of each was logged, this logs the rest. */
    private void reportBursts() {
        if (ignoredInBurst > 1) {
            long n = ignoredInBurst - 1;
            log.log(INFO, () -> "rule '" + name + "' ignored " + n + " more " + (n == 1 ? "trigger" : "triggers")
                    + " while it ran (mode single)");
        }
        ignoredInBurst = 0;
        if (droppedInBurst > 1) {
            long n = droppedInBurst - 1;
            log.log(WARNING, () -> "rule '" + name + "' dropped " + n + " more " + (n == 1 ? "trigger" : "triggers")
                    + " while " + (config.max() - 1) + " waited (mode queued, max " + config.max() + ")");
        }
        droppedInBurst = 0;
    }

    private static String describe(Event event) {
        if (event.payload() == null) {
            return event.topic();
        }
        String payload;
        try {
            payload = Json.write(event.payload());
        } catch (IllegalArgumentException tooDeep) {
            payload = String.valueOf(event.payload());
        }
        return event.topic() + " " + (payload.length() > SHOWN ? payload.substring(0, SHOWN) + "..." : payload);
    }
}
