package org.perthensis.net;

import java.net.Socket;
import java.util.function.Consumer;
import org.perthensis.api.Subscription;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;

/**
 * A kept-alive TCP connection carrying newline-delimited UTF-8 text lines: the
 * {@code connection} task as a library.
 *
 * <p>Running it connects and reconnects with backoff when the connection drops. A connection
 * shorter than {@code stableAfter} does not start the waits again; while {@code net.down} is the
 * current network state and no connection proved otherwise, attempts go on at the longest wait
 * (retrying at once on {@code net.up}). It publishes {@code connection.<name>.up}, {@code .down}
 * and, for each incoming line, {@code .line}; with {@code forward}, matching events are sent as
 * JSON lines.
 *
 * <p>Outgoing lines wait in a bounded queue, or with {@code journal} on disk, and are written in
 * order: a line leaves the queue (or the journal) only when the operating system has accepted
 * all its bytes, and a line whose write fails is written again after reconnecting. Without a
 * journal each line is written once, and lines still queued at shutdown are counted as lost;
 * with one they stay on disk and are written after the next start, at least once. Lines the
 * server's end had not read when the connection broke are lost; TCP gives no receipt for them
 * (see {@code docs/net.md}, "Delivery: what is and is not promised").
 *
 * <pre>{@code
 * Connection feed = Connection.of(ConnectionProvider.Config.of("192.0.2.10", 7000),
 *         TaskEnvironment.of("feed", scheduler, System.getLogger("feed"), new HashMap<>()));
 * feed.onLine(line -> System.out.println("got " + line));
 * scheduler.spawn("feed", feed);
 * feed.send("HELLO");
 * }</pre>
 */
public interface Connection extends Task {

    /** The connection's state. */
    enum State {
        /** Trying to connect. */
        CONNECTING,
        /** Connected; queued lines are being written. */
        UP,
        /** Not connected: not yet started, waiting before the next attempt, or waiting for the network. */
        DOWN
    }

    /**
     * Creates a connection; spawn it on the scheduler of {@code environment} to start it. Call
     * this on the loop or before the loop runs.
     *
     * @param config the server, timing and queue settings
     * @param environment the task's name, events, clock and logger
     * @return the connection, not yet running
     */
    static Connection of(ConnectionProvider.Config config, TaskEnvironment environment) {
        return new TcpConnection(config, environment, TcpConnection.RANDOM, Socket::new);
    }

    /**
     * Queues a line to be written. Thread-safe: lines sent from one thread are written in the
     * order sent. When the queue is full, the configured {@code overflow} policy drops a line,
     * which is counted in {@link #dropped()} and logged. With a journal, the line is in it when
     * this returns (under {@code sync: always}, on the device: this call waits for that), and a
     * full journal drops or refuses lines by its own {@code overflow}, counted and logged alike.
     *
     * @param line the text, without a line break; the newline is added
     * @throws IllegalArgumentException if {@code line} contains a line break, or is longer than a
     *         journal record holds (a sixteenth of its {@code maxBytes}, 1 to 4 MiB)
     */
    void send(String line);

    /**
     * Calls {@code listener} on the loop with each incoming line, in order. Must be called on the
     * loop or before it runs. The same lines are published as {@code connection.<name>.line}.
     *
     * @param listener receives each line, without its line break
     * @return the subscription, to close when no longer wanted
     */
    Subscription onLine(Consumer<String> listener);

    /**
     * The current state. Thread-safe.
     *
     * @return the state
     */
    State state();

    /**
     * Lines written so far, pings not included. Thread-safe.
     *
     * @return the count
     */
    long sent();

    /**
     * Incoming lines delivered so far. Thread-safe.
     *
     * @return the count
     */
    long received();

    /**
     * Outgoing lines lost: dropped because the queue or the journal was full, expired by the
     * journal's {@code maxAge} or lost to damage in it, events that could not be forwarded, and
     * lines still queued in memory at shutdown. Thread-safe.
     *
     * @return the count
     */
    long dropped();

    /**
     * Incoming lines dropped because they were longer than {@code maxLineLength}. Thread-safe.
     *
     * @return the count
     */
    long overlong();

    /**
     * Outgoing lines waiting to be written: in the queue, and in the journal until the operating
     * system took them (also those being written). Thread-safe.
     *
     * @return the count
     */
    int queued();
}
