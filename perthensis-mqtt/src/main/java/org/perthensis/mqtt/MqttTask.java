package org.perthensis.mqtt;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import org.perthensis.api.Backoff;
import org.perthensis.api.Durations;
import org.perthensis.api.Entities;
import org.perthensis.api.Event;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Subscription;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskHandle;
import org.perthensis.api.WallClock;

/**
 * The {@code mqtt} task: connects, stays connected and reconnects with a backoff; publishes
 * {@code online} on connecting and leaves {@code offline} as the will; sends the outbox through
 * a {@link Sender}; turns commands into events; keeps Home Assistant informed. Its listener is
 * subscribed when the task is created, so events published before it first runs, or while it
 * waits to be restarted, are queued too. Everything but the client's callbacks runs on the loop.
 */
final class MqttTask implements Task {
    /** A connection that lasted this long counts as working: the next loss starts the backoff afresh. */
    static final Duration STABLE = Duration.ofSeconds(10);
    /** How long a clean stop waits for {@code offline} and the disconnect to go out. */
    static final Duration STOP_WAIT = Duration.ofMillis(500);
    static final byte[] ONLINE = "online".getBytes(UTF_8);
    static final byte[] OFFLINE = "offline".getBytes(UTF_8);

    /** Where the task stands, for the metrics. */
    enum State { DOWN, CONNECTING, UP }

    /** One connection attempt and, if it succeeded, the connection; its loss is set from the client's thread. */
    private static final class Attempt {
        volatile Link link;
        volatile String lost;
        /** Connected, whether or not the connection is still there. */
        boolean up;
    }

    private final MqttConfig config;
    private final TaskEnvironment env;
    private final Scheduler scheduler;
    private final System.Logger log;
    private final String name;
    private final String address;
    private final String statusTopic;
    private final String downTopic;
    private final Link.Factory links;
    private final Backoff backoff;
    private final Outbox outbox;
    private final Sender sender;
    private final Outgoing outgoing;
    private final Commands commands;
    private final HomeAssistant homeAssistant;
    private final BurstLog dropLog;
    private final Inbound inbound;
    private final BurstLog unpublishableLog;
    private final Subscription listener;
    final Counters counters = new Counters();

    // Loop state.
    private boolean networkDown;
    private boolean announcedDown;
    private String lastFailure;
    private Attempt current;
    private TaskHandle announcer;

    /** What the task counts, read by its metrics on the loop. */
    static final class Counters {
        volatile State state = State.DOWN;
        long attempts;
        long connections;
        long commands;
        long malformed;
        long unpublishable;
    }

    MqttTask(MqttConfig config, TaskEnvironment env, Link.Factory links, DoubleSupplier random) {
        this.config = config;
        this.env = env;
        this.scheduler = env.scheduler();
        this.log = env.logger();
        this.name = "mqtt '" + env.taskName() + "'";
        this.address = (config.host().indexOf(':') >= 0 ? "[" + config.host() + "]" : config.host()) + ":" + config.port();
        this.statusTopic = config.prefix() + "/status";
        this.downTopic = "mqtt." + env.taskName() + ".down";
        this.links = links;
        this.backoff = new Backoff(config.reconnect(), random);
        this.dropLog = new BurstLog(env.taskName() + " drop report", scheduler, log, n -> name + ": dropped " + n
                + " more messages, the queue was full (queue " + config.queue()
                + ", overflow " + config.overflow() + "); " + outboxDropped() + " dropped in all");
        this.outbox = config.journal() == null
                ? new MemoryOutbox(config.queue(), config.overflow().equals("drop-oldest"), () -> wallTime().toEpochMilli(),
                        n -> dropLog.add(n, name + ": dropped a message, the queue was full (queue " + config.queue()
                                + ", overflow " + config.overflow() + ", no journal); " + outboxDropped() + " dropped in all"))
                : new JournalOutbox(config.journal(), config.queue(), log, this::wallTime,
                        n -> dropLog.add(n, name + ": dropped a message queued while the journal was closed"
                                + " (more than queue " + config.queue() + ")"));
        BurstLog refusedLog = new BurstLog(env.taskName() + " refusal report", scheduler, log, n -> name
                + ": the broker refused " + n + " more messages; they are dropped");
        this.sender = new Sender(outbox, scheduler, env.taskName(), config.qos(),
                new Pace(config.rate(), config.burst(), scheduler.clock().nanos()), refusedLog);
        this.outgoing = new Outgoing(config, () -> Entities.of(env).all());
        this.commands = new Commands(config.prefix(), env.taskName());
        this.homeAssistant = config.homeAssistant()
                ? new HomeAssistant(config, new Discovery(config, version()), env) : null;
        this.inbound = new Inbound(name, env, commands, homeAssistant, counters, random);
        this.unpublishableLog = new BurstLog(env.taskName() + " unpublishable report", scheduler, log, n -> name
                + ": did not publish " + n + " more events; "
                + counters.unpublishable + " in all");
        this.listener = env.events().subscribe("*", this::event);
        Event up = env.events().last("net.up").orElse(null);
        this.networkDown = env.events().last("net.down").filter(down -> down.isNewerThan(up)).isPresent();
        env.service(Metrics.class).ifPresent(m -> MqttMetrics.offer(m, env.taskName(), counters, sender, outbox));
    }

    private long outboxDropped() {
        return outbox.dropped();
    }

    Outbox outbox() {
        return outbox;
    }

    Sender sender() {
        return sender;
    }

    private java.time.Instant wallTime() {
        return env.service(WallClock.class).map(WallClock::now).orElseGet(() -> env.clock().wallTime());
    }

    private static String version() {
        return MqttTask.class.getModule().getDescriptor() != null
                ? MqttTask.class.getModule().getDescriptor().rawVersion().orElse("unknown") : "unknown";
    }

    // ---------------------------------------------------------------- events, on the loop

    private void event(Event e) {
        String topic = e.topic();
        if (topic.equals("net.down")) {
            networkDown = true;
        } else if (topic.equals("net.up")) {
            networkDown = false;
        }
        if (outgoing.wanted(topic)) {
            String problem = outgoing.problem(topic);
            if (problem != null) {
                counters.unpublishable++;
                unpublishableLog.add(1, name + ": did not publish the event " + topic + ": " + problem);
            } else {
                outbox.offer(outgoing.message(e, wallTime()));
                sender.wake();
            }
        }
        if (homeAssistant != null) {
            homeAssistant.event(e, counters.state == State.UP ? current.link : null);
        }
    }

    // ---------------------------------------------------------------- the task

    @Override
    public void run(Scheduler s) throws Exception {
        boolean cancelled = false;
        announcedDown = false;
        lastFailure = null;
        backoff.reset();
        try {
            long kept = outbox.open(s);
            if (kept > 0) {
                log.log(INFO, name + ": " + messages(kept) + " from before wait in the journal");
            }
            while (true) {
                Attempt a = new Attempt();
                current = a;
                counters.state = State.CONNECTING;
                counters.attempts++;
                LinkFailure failure = connect(s, a);
                if (failure != null) {
                    connectFailed(s, a, failure);
                    continue;
                }
                String reason = serve(s, a);
                Duration delay = nextWait();
                log.log(WARNING, name + " down: " + reason + "; reconnecting in " + Durations.format(delay));
                pause(s, delay);
            }
        } catch (CancellationException e) {
            cancelled = true;
            throw e;
        } finally {
            stop(cancelled);
        }
    }

    /** One attempt, bounded by {@code connectTimeout}; returns why it failed, or null once connected. */
    private LinkFailure connect(Scheduler s, Attempt a) throws Exception {
        boolean connected = false;
        try {
            s.withTimeout(config.connectTimeout().plusSeconds(1), () -> s.blocking(() -> {
                // Off the loop: the first client takes a moment to load, and the files are read here.
                a.link = links.create(new Link.Setup(config, Tls.load(config.tls()), statusTopic, OFFLINE,
                        m -> incoming(a, m), why -> lost(a, why)));
                byte[] password = Password.read(config);
                try {
                    a.link.connect(password).get();
                } finally {
                    if (password != null) {
                        Arrays.fill(password, (byte) 0);
                    }
                }
                return null;
            }));
            connected = true;
            return null;
        } catch (LinkFailure f) {
            return f;
        } catch (ExecutionException e) {
            return HiveLink.reason(e.getCause());
        } catch (TimeoutException e) {
            return new LinkFailure(LinkFailure.Kind.CONNECTION, "no answer within " + Durations.format(config.connectTimeout()));
        } finally {
            if (!connected && a.link != null) {
                a.link.disconnect(); // an attempt given up or failed: end whatever is left of it
            }
        }
    }

    private void connectFailed(Scheduler s, Attempt a, LinkFailure failure) {
        counters.state = State.DOWN;
        Duration delay = networkDown ? config.reconnect().max() : nextWait();
        String line = name + ": cannot connect to " + address + ": " + failure.getMessage() + hint(failure) + "; retrying in "
                + Durations.format(delay) + (networkDown ? " (the network is reported down: net.down)" : "");
        if (failure.getMessage().equals(lastFailure)) {
            log.log(DEBUG, () -> line);
        } else {
            log.log(WARNING, line);
        }
        lastFailure = failure.getMessage();
        announceDown(failure.getMessage());
        pause(s, delay);
    }

    /** What to check after a refused login, from where the password comes. */
    private String hint(LinkFailure failure) {
        if (failure.kind() != LinkFailure.Kind.LOGIN || failure.getMessage().contains("client id")) {
            return "";
        }
        if (config.username() == null) {
            return "; it may want a login: add username and passwordFile or passwordEnv";
        }
        return "; check username '" + config.username() + "' and the password in " + (config.passwordFile() != null
                ? config.passwordFile() : config.passwordEnv() != null ? "$" + config.passwordEnv() : "(none given)");
    }

    /** The connection's life: returns why it ended. */
    private String serve(Scheduler s, Attempt a) {
        Link link = a.link;
        a.up = true;
        counters.state = State.UP;
        counters.connections++;
        long upSince = s.clock().nanos();
        announcedDown = false;
        lastFailure = null;
        link.publish(statusTopic, ONLINE, 1, true);
        subscribe(link, commands.filter(), "commands");
        if (homeAssistant != null) {
            subscribe(link, homeAssistant.discovery().birthTopic(), "Home Assistant's status");
            announcer = s.spawn(env.taskName() + " discovery", d -> inbound.discover(d, link, config.connectTimeout()));
        }
        long queued = outbox.pending();
        log.log(INFO, name + " up: connected to " + address + " as '" + config.clientId() + "' (MQTT " + config.version()
                + (config.tls() != null ? ", TLS" : "") + ")" + (queued > 0 ? "; sending " + queued
                + (queued == 1 ? " queued message" : " queued messages") + ", at most " + config.rate() + " a second" : ""));
        Map<String, Object> up = new LinkedHashMap<>();
        up.put("host", config.host());
        up.put("port", config.port());
        env.events().publish("mqtt." + env.taskName() + ".up", up);
        sender.connected(link);
        try {
            while (a.lost == null) {
                s.events().await(downTopic);
            }
        } finally {
            sender.disconnected();
            if (announcer != null) {
                announcer.cancel();
                announcer = null;
            }
            counters.state = State.DOWN;
        }
        announceDown(a.lost); // if it was lost before serve began to wait, nobody has said so yet
        if (s.clock().nanos() - upSince >= STABLE.toNanos()) {
            backoff.reset();
        }
        return a.lost;
    }

    private void subscribe(Link link, String filter, String what) {
        link.subscribe(filter, 1).whenComplete((ok, e) -> {
            if (e != null && HiveLink.reason(e).refused()) {
                scheduler.post(() -> log.log(WARNING, name + ": cannot receive " + what + ": " + HiveLink.reason(e).getMessage()));
            }
        });
    }

    /** From the client's thread: the connection of {@code a} is gone. */
    private void lost(Attempt a, String reason) {
        if (a.lost != null) {
            return;
        }
        a.lost = reason;
        scheduler.post(() -> {
            if (a == current && counters.state == State.UP) {
                announceDown(reason); // which wakes serve, waiting for exactly this event
            }
        });
    }

    private void announceDown(String reason) {
        if (!announcedDown) {
            announcedDown = true;
            env.events().publish(downTopic, Map.of("reason", reason));
        }
    }

    /** Waits {@code delay} before the next attempt, or less if {@code net.up} comes. */
    private void pause(Scheduler s, Duration delay) {
        if (s.events().await("net.up", delay).isPresent()) {
            log.log(INFO, name + ": network up (net.up); connecting now");
            backoff.reset();
        }
    }

    /** The next wait, in whole milliseconds: what the log line says is what is waited. */
    private Duration nextWait() {
        return backoff.next().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---------------------------------------------------------------- from the broker

    /** From the client's thread. */
    private void incoming(Attempt a, Link.Incoming message) {
        if (homeAssistant != null && homeAssistant.found(message)) {
            return;
        }
        scheduler.post(() -> inbound.received(message, a == current && a.lost == null && a.up ? a.link : null));
    }

    static String messages(long n) {
        return n + (n == 1 ? " message" : " messages");
    }

    // ---------------------------------------------------------------- stopping

    private void stop(boolean cancelled) {
        Attempt a = current;
        boolean wasUp = a != null && a.up && a.lost == null;
        sender.disconnected();
        if (announcer != null) {
            announcer.cancel();
            announcer = null;
        }
        counters.state = State.DOWN;
        current = null;
        boolean offline = false;
        if (a != null && a.link != null) {
            a.lost = "stopped";
            // The turn is held here (a cancelled task cannot suspend), briefly: loopback takes a millisecond.
            if (wasUp) {
                try {
                    a.link.publish(statusTopic, OFFLINE, 1, true).get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    offline = true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    // the will says offline instead, once the broker notices
                }
            }
            try {
                a.link.disconnect().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // already gone, or not answering: nothing more to do at a stop
            }
        }
        dropLog.flush();
        inbound.flush();
        unpublishableLog.flush();
        long left = outbox.pending();
        outbox.close();
        if (cancelled) {
            listener.close();
            String queued = left == 0 ? "nothing queued" : outbox.durable()
                    ? messages(left) + (left == 1 ? " stays" : " stay") + " in the journal for the next start"
                    : messages(left) + " queued " + (left == 1 ? "is" : "are") + " lost (no journal)";
            log.log(left > 0 && !outbox.durable() ? WARNING : INFO, name + " stopped" + (wasUp ? offline
                    ? ": offline published" : ": offline not confirmed; the will says it" : "") + "; " + queued);
        }
    }
}
