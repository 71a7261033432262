package org.perthensis.net;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.perthensis.api.Durations;
import org.perthensis.api.Event;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Subscription;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskHandle;

/**
 * The {@code connection} task. The task itself connects, then reads through {@code blocking}
 * calls until the connection ends; a writer task, started whenever lines wait, writes them; a
 * keep-alive task sends pings. Everything but the socket and journal calls runs on the loop.
 * {@link Reconnects} decides the waits and words the log lines about them; {@link Outbox} keeps
 * the outgoing lines, in memory or in the journal; {@link Forwarder} turns events into lines.
 */
final class TcpConnection implements Connection {
    static final DoubleSupplier RANDOM = () -> ThreadLocalRandom.current().nextDouble();

    private final ConnectionProvider.Config config;
    private final Supplier<Socket> sockets;
    private final TaskEnvironment env;
    private final System.Logger log;
    private final String name;
    private final String topic;
    private final OutgoingQueue queue;
    private final Outbox outbox;
    private final JournalFiles journalFiles;
    private final Reconnects reconnects;
    private final Forwarder forwarder;
    private final DropReport droppedReport;
    private final DropReport overlongReport;
    private final AtomicBoolean wakePosted = new AtomicBoolean();
    private final Scheduler scheduler;
    private volatile State state = State.DOWN;
    private volatile long received;
    private volatile long overlong;

    // Loop state.
    private boolean announcedDown;
    private Link link;

    /**
     * A connection, not yet running. Its {@code forward} subscription starts now, so that events
     * published before the task first runs are sent too.
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
        String address = config.host().indexOf(':') >= 0 ? "[" + config.host() + "]:" + config.port()
                : config.host() + ":" + config.port();
        this.queue = new OutgoingQueue(config.queue(), Overflow.of(config.overflow()));
        this.journalFiles = config.journal() == null ? null
                : new JournalFiles(config.journal(), env.clock(), log, name);
        this.outbox = new Outbox(queue, journalFiles == null ? Integer.MAX_VALUE : journalFiles.maxLine(),
                () -> scheduler.post(this::journalFailed));
        this.reconnects = new Reconnects(name, address, config.reconnect(), config.stableAfter(),
                config.readTimeout() != null, random, log);
        this.droppedReport = new DropReport(env.taskName(), scheduler, log, n -> name + ": dropped "
                + Text.count(n, "outgoing line") + ", the queue was full (queue " + config.queue() + ", overflow "
                + config.overflow() + "); " + queue.dropped() + " dropped in all");
        this.overlongReport = new DropReport(env.taskName(), scheduler, log, n -> name + ": dropped "
                + Text.count(n, "incoming line") + " longer than " + config.maxLineLength() + " bytes (maxLineLength); "
                + overlong + " dropped in all");
        this.forwarder = new Forwarder(config.forward(), env, this::offer);
        forwarder.start();
        env.service(Metrics.class).ifPresent(m -> ConnectionMetrics.register(m, env.taskName(), this));
    }

    // ---------------------------------------------------------------- library API

    @Override
    public void send(String line) {
        Objects.requireNonNull(line, "line");
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("line: must not contain a line break; send each line on its own");
        }
        offer(line);
    }

    private void offer(String line) {
        int dropped = outbox.offer(line);
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
        return outbox.sent();
    }

    @Override
    public long received() {
        return received;
    }

    @Override
    public long dropped() {
        return outbox.dropped() + forwarder.failed();
    }

    @Override
    public long overlong() {
        return overlong;
    }

    @Override
    public int queued() {
        return (int) Math.min(Integer.MAX_VALUE, outbox.pending());
    }

    /** Lines waiting, in memory or in the journal. */
    long pending() {
        return outbox.pending();
    }

    /** Connections that ended, each followed by reconnecting; read on the loop. */
    long reconnects() {
        return reconnects.reconnects();
    }

    // ---------------------------------------------------------------- the task

    @Override
    public void run(Scheduler s) throws Exception {
        reconnects.start(networkDownNow(s));
        Subscription net = s.events().subscribe("net.*", e -> {
            if (e.topic().equals("net.down")) {
                reconnects.networkDown(state == State.UP);
            } else if (e.topic().equals("net.up")) {
                reconnects.networkUp();
            }
        });
        forwarder.start(); // again, after a cancelled run
        announcedDown = false;
        boolean cancelled = false;
        try {
            if (journalFiles != null) {
                journalFiles.open(s, outbox);
            }
            while (true) {
                checkJournal();
                state = State.CONNECTING;
                Socket socket = sockets.get();
                String failure = connect(s, socket);
                if (failure != null) {
                    closeQuietly(socket);
                    state = State.DOWN;
                    Duration wait = reconnects.failed(failure);
                    announceDown(failure);
                    pause(s, wait);
                    continue;
                }
                Served served = serve(s, socket);
                state = State.DOWN;
                checkJournal();
                Duration wait = reconnects.ended(served.reason(), served.stable());
                announceDown(served.reason());
                pause(s, wait);
            }
        } catch (CancellationException e) {
            cancelled = true;
            throw e;
        } finally {
            net.close();
            state = State.DOWN;
            if (journalFiles != null) {
                journalFiles.close(outbox);
            }
            if (cancelled) {
                forwarder.stop();
                int lost = journalFiles == null ? outbox.discard() : 0;
                if (lost > 0) {
                    log.log(WARNING, name + ": " + Text.count(lost, "queued line") + " lost at shutdown");
                }
            }
            droppedReport.flush();
            overlongReport.flush();
        }
    }

    /** For a connection started late: {@code net.down} is current if it began after the last {@code net.up}. */
    private static boolean networkDownNow(Scheduler s) {
        Event up = s.events().last("net.up").orElse(null);
        return s.events().last("net.down").filter(down -> down.isNewerThan(up)).isPresent();
    }

    /** Waits {@code delay} before the next attempt, or less if {@code net.up} comes. */
    private void pause(Scheduler s, Duration delay) {
        if (s.events().await("net.up", delay).isPresent()) {
            reconnects.retryNow();
        }
    }

    private void announceDown(String reason) {
        if (!announcedDown) {
            announcedDown = true;
            env.events().publish(topic + ".down", Map.of("reason", reason));
        }
    }

    // ---------------------------------------------------------------- the journal

    /** The journal failed (a full disk?): ends the connection, so that the task fails and opens it again. */
    private void journalFailed() {
        if (link != null) {
            link.close();
        }
    }

    private void checkJournal() throws IOException {
        if (journalFiles != null) {
            journalFiles.check(outbox);
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

    /** How a connection ended, and whether it had become stable before. */
    private record Served(String reason, boolean stable) {
    }

    /** A connection's way to being stable: up for {@code stableAfter}, with {@code readTimeout} also data. Loop state. */
    private final class Up {
        boolean longEnough;
        boolean gotData;
        boolean stable;

        void check() {
            if (!stable && longEnough && (gotData || config.readTimeout() == null)) {
                stable = true;
                reconnects.stable();
            }
        }
    }

    /** The connection's life: returns why it ended, once nothing of it is left running. */
    private Served serve(Scheduler s, Socket socket) throws Exception {
        Link l;
        try {
            l = new Link(socket, s.clock().nanos(), outbox, droppedReport, config.ping(), env.taskName());
        } catch (IOException e) {
            closeQuietly(socket);
            return new Served(Text.reason(e, config.connectTimeout()), false);
        }
        link = l;
        state = State.UP;
        announcedDown = false;
        droppedReport.flush();
        reconnects.connected();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("host", config.host());
        payload.put("port", config.port());
        env.events().publish(topic + ".up", payload);
        Up up = new Up();
        TaskHandle settling = s.after(env.taskName() + " stable", config.stableAfter(), k -> {
            up.longEnough = true;
            up.check();
        });
        TaskHandle pinger = config.keepAlive() == null ? null
                : s.spawn(env.taskName() + " keep-alive", k -> l.keepAlive(k, config.keepAlive()));
        l.startWriter(s);
        String reason;
        try {
            reason = read(s, l, up);
            l.closeAndJoinWriter();
        } finally {
            l.close();
            l.cancelWriter();
            settling.cancel();
            if (pinger != null) {
                pinger.cancel();
            }
            link = null;
            overlongReport.flush();
        }
        return new Served(l.failure() != null ? l.failure() : reason, up.stable);
    }

    private String read(Scheduler s, Link l, Up up) throws Exception {
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
            if (!up.gotData) {
                up.gotData = true;
                up.check();
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
