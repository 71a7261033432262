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
 * <p>Running it connects, reconnects with backoff when the connection drops, and pauses
 * reconnecting while {@code net.down} is the current network state (retrying at once on
 * {@code net.up}). It publishes {@code connection.<name>.up}, {@code .down} and, for each
 * incoming line, {@code .line}.
 *
 * <p>Outgoing lines wait in a bounded queue and are written in order, each once: a line leaves
 * the queue only when the operating system has accepted all its bytes, and a line whose write
 * fails is written again after reconnecting. Lines the server's end had not read when the
 * connection broke are lost; TCP gives no receipt for them (see the README's section on the connection's delivery).
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
     * which is counted in {@link #dropped()} and logged.
     *
     * @param line the text, without a line break; the newline is added
     * @throws IllegalArgumentException if {@code line} contains a line break
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
     * Outgoing lines dropped because the queue was full. Thread-safe.
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
     * Outgoing lines waiting to be written. Thread-safe.
     *
     * @return the count
     */
    int queued();
}
