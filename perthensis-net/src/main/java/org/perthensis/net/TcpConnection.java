package org.perthensis.net;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.perthensis.api.Backoff;
import org.perthensis.api.Durations;
import org.perthensis.api.Event;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Subscription;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskHandle;

/**
 * The {@code connection} task. The task itself connects, then reads through {@code blocking}
 * calls until the connection ends; a writer task, started whenever lines are queued, writes
 * them; a keep-alive task sends pings. Everything but the socket calls runs on the loop.
 */
final class TcpConnection implements Connection {
    static final DoubleSupplier RANDOM = () -> ThreadLocalRandom.current().nextDouble();

    private final ConnectionProvider.Config config;
    private final Supplier<Socket> sockets;
    private final TaskEnvironment env;
    private final System.Logger log;
    private final String name;
    private final String topic;
    private final String address;
    private final OutgoingQueue queue;
    private final Backoff backoff;
    private final DropReport droppedReport;
    private final DropReport overlongReport;
    private final AtomicBoolean wakePosted = new AtomicBoolean();
    private final Scheduler scheduler;
    private volatile State state = State.DOWN;
    private volatile long received;
    private volatile long overlong;

    // Loop state.
    private boolean networkDown;
    private boolean announcedDown;
    private String lastFailure;
    private Link link;

    /**
     * A connection, not yet running.
     *
     * @param random the backoff's jitter, values in [0, 1)
     * @param sockets makes each attempt's unconnected socket: {@code Socket::new}, or a scripted one in tests
     */
    TcpConnection(ConnectionProvider.Config config, TaskEnvironment env, DoubleSupplier random,
            Supplier<Socket> sockets) {
        this.config = config;
        this.sockets = sockets;
        this.env = env;
        this.log = env.logger();
        this.scheduler = env.scheduler();
        this.name = "connection '" + env.taskName() + "'";
        this.topic = "connection." + env.taskName();
        this.address = config.host().indexOf(':') >= 0 ? "[" + config.host() + "]:" + config.port()
                : config.host() + ":" + config.port();
        Overflow overflow = Overflow.of(config.overflow());
        this.queue = new OutgoingQueue(config.queue(), overflow);
        this.backoff = new Backoff(config.reconnect(), random);
        this.droppedReport = new DropReport(env.taskName(), scheduler, log, n -> name + ": dropped "
                + Text.count(n, "outgoing line") + ", the queue was full (queue " + config.queue() + ", overflow " + config.overflow() + "); "
                + queue.dropped() + " dropped in all");
        this.overlongReport = new DropReport(env.taskName(), scheduler, log, n -> name + ": dropped "
                + Text.count(n, "incoming line") + " longer than " + config.maxLineLength() + " bytes (maxLineLength); "
                + overlong + " dropped in all");
    }

    // ---------------------------------------------------------------- library API

    @Override
    public void send(String line) {
        Objects.requireNonNull(line, "line");
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("line: must not contain a line break; send each line on its own");
        }
        int dropped = queue.offer(line);
        if (dropped > 0) {
            droppedReport.add(dropped);
        }
        if (wakePosted.compareAndSet(false, true)) {
            scheduler.post(() -> {
                wakePosted.set(false);
                startWriter(scheduler); // before the task first runs, there is no link: run starts the writer
            });
        }
    }

    @Override
    public Subscription onLine(Consumer<String> listener) {
        Objects.requireNonNull(listener, "listener");
        return env.events().subscribe(topic + ".line", e -> listener.accept((String) e.get("line")));
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public long sent() {
        return queue.sent();
    }

    @Override
    public long received() {
        return received;
    }

    @Override
    public long dropped() {
        return queue.dropped();
    }

    @Override
    public long overlong() {
        return overlong;
    }

    @Override
    public int queued() {
        return queue.size();
    }

    // ---------------------------------------------------------------- the task

    @Override
    public void run(Scheduler s) throws Exception {
        networkDown = networkDownNow(s);
        Subscription net = s.events().subscribe("net.*", e -> {
            if (e.topic().equals("net.down")) {
                networkDown = true;
            } else if (e.topic().equals("net.up")) {
                networkDown = false;
            }
        });
        announcedDown = false;
        lastFailure = null;
        backoff.reset();
        try {
            while (true) {
                if (networkDown) {
                    waitForNetwork(s);
                }
                state = State.CONNECTING;
                Socket socket = sockets.get();
                String failure = connect(s, socket);
                if (failure != null) {
                    closeQuietly(socket);
                    state = State.DOWN;
                    connectFailed(s, failure);
                    continue;
                }
                String reason = serve(s, socket);
                state = State.DOWN;
                Duration delay = nextWait();
                log.log(WARNING, name + " down: " + reason + "; reconnecting in " + Durations.format(delay));
                announceDown(reason);
                pause(s, delay);
            }
        } finally {
            net.close();
            state = State.DOWN;
            droppedReport.flush();
            overlongReport.flush();
        }
    }

    /** For a connection started late: {@code net.down} is current if it began after the last {@code net.up}. */
    private static boolean networkDownNow(Scheduler s) {
        Event up = s.events().last("net.up").orElse(null);
        return s.events().last("net.down").filter(down -> down.isNewerThan(up)).isPresent();
    }

    private void waitForNetwork(Scheduler s) {
        state = State.DOWN;
        log.log(INFO, name + ": network down (net.down); waiting for net.up before connecting to " + address);
        announceDown("waiting for the network (net.down)");
        s.events().await("net.up");
        log.log(INFO, name + ": network up (net.up); connecting now");
        backoff.reset();
    }

    /** Waits {@code delay} before the next attempt, or less if {@code net.up} comes. */
    private void pause(Scheduler s, Duration delay) {
        if (s.events().await("net.up", delay).isPresent()) {
            log.log(INFO, name + ": network up (net.up); connecting now");
            backoff.reset();
        }
    }

    private void connectFailed(Scheduler s, String failure) {
        Duration delay = nextWait();
        String line = name + ": cannot connect to " + address + ": " + failure + "; retrying in "
                + Durations.format(delay);
        if (failure.equals(lastFailure)) {
            log.log(DEBUG, () -> line);
        } else {
            log.log(WARNING, line);
        }
        lastFailure = failure;
        announceDown(failure);
        pause(s, delay);
    }

    /** The next wait of the backoff, in whole milliseconds: what the log line says is what is waited. */
    private Duration nextWait() {
        return backoff.next().truncatedTo(ChronoUnit.MILLIS);
    }

    private void announceDown(String reason) {
        if (!announcedDown) {
            announcedDown = true;
            env.events().publish(topic + ".down", Map.of("reason", reason));
        }
    }

    /** Connects, bounded twice: the socket's connect timeout, and withTimeout around the name lookup too. */
    private String connect(Scheduler s, Socket socket) throws Exception {
        Duration timeout = config.connectTimeout();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.setSoTimeout(config.readTimeout() == null ? 0 : millis(config.readTimeout()));
            s.withTimeout(timeout, () -> s.blocking(() -> {
                socket.connect(new InetSocketAddress(config.host(), config.port()), millis(timeout));
                return null;
            }));
            return null;
        } catch (TimeoutException e) {
            return "no answer within " + Durations.format(timeout);
        } catch (IOException e) {
            return Text.reason(e, timeout);
        }
    }

    /** The connection's life: returns why it ended, once nothing of it is left running. */
    private String serve(Scheduler s, Socket socket) throws Exception {
        Link l;
        try {
            l = new Link(socket, s.clock().nanos(), queue, droppedReport, config.ping(), env.taskName());
        } catch (IOException e) {
            closeQuietly(socket);
            return Text.reason(e, config.connectTimeout());
        }
        link = l;
        state = State.UP;
        announcedDown = false;
        lastFailure = null;
        backoff.reset();
        droppedReport.flush();
        log.log(INFO, name + " up: connected to " + address);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("host", config.host());
        payload.put("port", config.port());
        env.events().publish(topic + ".up", payload);
        TaskHandle pinger = config.keepAlive() == null ? null
                : s.spawn(env.taskName() + " keep-alive", k -> l.keepAlive(k, config.keepAlive()));
        l.startWriter(s);
        String reason;
        try {
            reason = read(s, l);
            l.closeAndJoinWriter();
        } finally {
            l.close();
            l.cancelWriter();
            if (pinger != null) {
                pinger.cancel();
            }
            link = null;
            overlongReport.flush();
        }
        return l.failure() != null ? l.failure() : reason;
    }

    private String read(Scheduler s, Link l) throws Exception {
        byte[] buffer = new byte[8192];
        LineSplitter lines = new LineSplitter(config.maxLineLength(), this::lineArrived, this::overlongArrived);
        while (true) {
            int n;
            try {
                n = s.blocking(() -> l.in.read(buffer));
            } catch (SocketTimeoutException e) {
                return "no data for " + Durations.format(config.readTimeout()) + " (readTimeout)";
            } catch (IOException e) {
                return Text.reason(e, config.connectTimeout());
            }
            if (n < 0) {
                if (lines.hasPartialLine()) {
                    log.log(WARNING, name + ": the server closed the connection in the middle of a line;"
                            + " dropped that part line");
                }
                return "closed by the server";
            }
            lines.feed(buffer, 0, n);
        }
    }

    private void lineArrived(String line) {
        received++;
        log.log(DEBUG, () -> name + " received: " + line);
        env.events().publish(topic + ".line", Map.of("line", line));
    }

    private void overlongArrived() {
        overlong++;
        overlongReport.add(1);
    }

    /** Starts a writer for the current socket if lines wait; from {@code send}, through the loop. */
    private void startWriter(Scheduler s) {
        if (link != null) {
            link.startWriter(s);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that failed anyway: nothing left to report
        }
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }
}
