package org.perthensis.output;

import static java.lang.System.Logger.Level.WARNING;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import org.perthensis.api.Durations;
import org.perthensis.api.Event;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Subscription;
import org.perthensis.api.TaskHandle;

/**
 * The commands an output takes: {@code output.<name>.set} events, from rules, from any task and
 * from the MQTT module, which tells the output's switch entity there what arrives on
 * {@code <prefix>/command/<name>}; so every command of an output goes one way and can be
 * followed on one topic. Listeners
 * read each command as it comes and queue it for the output's task, so none is missed while the
 * task has the turn. One that cannot be read is counted and logged: the first of a burst at
 * once, the others of the burst in one line when it ends, {@link #WINDOW} later.
 */
final class Commands {

    static final Duration WINDOW = Duration.ofSeconds(10);

    private final String name;
    private final Scheduler scheduler;
    private final System.Logger log;
    private final String setTopic;
    private final Queue<Command> queue = new ArrayDeque<>();

    private long rejected;
    private long inBurst;
    private String lastRejected;
    private TaskHandle burstEnd;

    Commands(String name, Scheduler scheduler, System.Logger log) {
        this.name = name;
        this.scheduler = scheduler;
        this.log = log;
        this.setTopic = "output." + name + ".set";
    }

    /** The topic a task waits on for the next command. */
    String topic() {
        return setTopic;
    }

    /** Starts taking commands; closing the result stops it and logs the rest of a burst. */
    Subscription listen() {
        Subscription set = scheduler.events().subscribe(setTopic, this::set);
        return () -> {
            set.close();
            endBurst();
            queue.clear();
        };
    }

    /** The next command, or null. */
    Command poll() {
        return queue.poll();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** How many commands could not be read, for the metric. */
    long rejected() {
        return rejected;
    }

    private void set(Event event) {
        try {
            queue.add(Command.read(event.payload(), event.topic()));
        } catch (IllegalArgumentException e) {
            reject(event.topic(), e.getMessage());
        }
    }

    private void reject(String topic, String problem) {
        rejected++;
        String what = "on " + topic + ": " + problem;
        if (burstEnd == null) {
            log.log(WARNING, () -> "output '" + name + "' ignored a command it cannot read " + what);
            burstEnd = scheduler.after(name + " unreadable commands", WINDOW, s -> {
                burstEnd = null;
                report();
            });
        } else {
            inBurst++;
            lastRejected = what;
        }
    }

    private void endBurst() {
        if (burstEnd != null) {
            burstEnd.cancel();
            burstEnd = null;
        }
        report();
    }

    private void report() {
        if (inBurst > 0) {
            long n = inBurst;
            String last = lastRejected;
            log.log(WARNING, () -> "output '" + name + "' ignored " + n + " more " + (n == 1 ? "command" : "commands")
                    + " it could not read within " + Durations.format(WINDOW) + ", the last " + last + "; "
                    + rejected + " in all");
        }
        inBurst = 0;
        lastRejected = null;
    }
}
