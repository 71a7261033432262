package org.perthensis.mqtt;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import org.perthensis.api.Durations;
import org.perthensis.api.Entities;
import org.perthensis.api.Entity;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;

/**
 * What comes from the broker, on the loop: commands, which become events, and Home Assistant's
 * birth message, which has the entities announced again; and the announcement on each new
 * connection. Malformed commands are counted and logged, one line per burst.
 */
final class Inbound {
    /** How long the first connection listens for old discovery configs the broker retained. */
    static final Duration COLLECT = Duration.ofSeconds(1);

    private final String name;
    private final TaskEnvironment env;
    private final System.Logger log;
    private final Commands commands;
    private final HomeAssistant homeAssistant;
    private final MqttTask.Counters counters;
    private final DoubleSupplier random;
    private final BurstLog malformedLog;
    private Link lastAnnounced;

    Inbound(String name, TaskEnvironment env, Commands commands, HomeAssistant homeAssistant, MqttTask.Counters counters,
            DoubleSupplier random) {
        this.name = name;
        this.env = env;
        this.log = env.logger();
        this.commands = commands;
        this.homeAssistant = homeAssistant;
        this.counters = counters;
        this.random = random;
        this.malformedLog = new BurstLog(env.taskName() + " command report", env.scheduler(), log, n -> name
                + ": ignored " + n + " more malformed commands; " + counters.malformed + " malformed in all");
    }

    /** On a new connection: clear what this device no longer has (the first time only), then announce. */
    void discover(Scheduler s, Link link, Duration timeout) throws Exception {
        if (homeAssistant.needsCleanUp()) {
            homeAssistant.collect();
            try {
                s.blocking(() -> link.subscribe(homeAssistant.configFilter(), 0).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
                s.sleep(COLLECT);
                link.unsubscribe(homeAssistant.configFilter());
            } catch (ExecutionException | TimeoutException e) {
                log.log(WARNING, name + ": cannot look for old Home Assistant entities: " + HiveLink.reason(e).getMessage());
            }
            homeAssistant.cleanUp(link);
        }
        lastAnnounced = link;
        homeAssistant.announce(link);
    }

    /**
     * A message from the broker.
     *
     * @param link the connection it came on if that is still up, else null
     */
    void received(Link.Incoming message, Link link) {
        if (homeAssistant != null && message.topic().equals(homeAssistant.discovery().birthTopic())) {
            if (link != null && new String(message.payload(), UTF_8).equals("online")) {
                // As Home Assistant asks: after its birth message, wait a random moment, so that
                // a house full of devices does not announce itself in the same millisecond.
                Duration delay = Duration.ofMillis((long) (random.getAsDouble() * 1000));
                log.log(INFO, name + ": Home Assistant started (" + message.topic() + " online); announcing the"
                        + " entities again in " + Durations.format(delay));
                env.scheduler().after(env.taskName() + " announce", delay, d -> {
                    if (lastAnnounced == link && counters.state == MqttTask.State.UP) {
                        homeAssistant.announce(link);
                    }
                });
            }
            return;
        }
        if (!commands.isCommand(message.topic())) {
            return;
        }
        StringBuilder why = new StringBuilder();
        var read = commands.read(message, why);
        if (read.isEmpty()) {
            counters.malformed++;
            malformedLog.add(1, name + ": ignored a malformed command on " + message.topic() + ": " + why + "; "
                    + counters.malformed + " malformed in all");
            return;
        }
        Commands.Command command = read.get();
        counters.commands++;
        log.log(DEBUG, () -> name + ": command " + command.name() + ": " + command.text());
        env.events().publish(command.topic(), command.payload());
        // A switch (an output) is told on its own command topic, with Home Assistant or without.
        for (Entity e : Entities.of(env).all()) {
            if (e.command() != null && e.objectId().equals(command.name())) {
                env.events().publish(e.command(), command.text().strip());
            }
        }
    }

    /** Logs the malformed commands not logged yet: at a stop. */
    void flush() {
        malformedLog.flush();
    }
}
