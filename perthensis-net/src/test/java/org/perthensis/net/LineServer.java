package org.perthensis.net;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real line-based TCP server on loopback for tests: records every line it receives, answers
 * as its handler says, and stops and restarts on the same port. Public because the
 * distribution's end-to-end tests use it too (through this module's test jar).
 */
public final class LineServer implements AutoCloseable {

    /** What the server does with one client; lines it reads go to {@link #lines}. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Serves one client, on a thread of its own.
         *
         * @param client the accepted socket, closed when this returns
         * @param in its input, as UTF-8 lines
         * @param server the server, to record lines in
         * @throws IOException if the client goes away
         */
        void serve(Socket client, BufferedReader in, LineServer server) throws IOException;
    }

    /** Reads and records lines until the client closes; never answers. */
    public static final Handler RECORD = (client, in, server) -> server.recordUntilEnd(in);

    /** Hangs up at once (politely: our side first, then everything the client still sends is read). */
    public static final Handler HANG_UP = (client, in, server) -> {
        client.shutdownOutput();
        server.recordUntilEnd(in);
    };

    /** Reads {@code n} lines, then hangs up politely. */
    public static Handler hangUpAfter(int n) {
        return (client, in, server) -> {
            for (int i = 0; i < n; i++) {
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                server.lines.add(line);
            }
            HANG_UP.serve(client, in, server);
        };
    }

    /** Every line received, in the order read. */
    public final List<String> lines = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Handler handler;
    private volatile ServerSocket server;
    private int port;

    private LineServer(Handler handler) {
        this.handler = handler;
    }

    /**
     * Starts listening on loopback.
     *
     * @param port the port, or 0 for a free one
     * @param handler what to do with each client
     * @return the server
     * @throws IOException if the port is taken
     */
    public static LineServer start(int port, Handler handler) throws IOException {
        LineServer s = new LineServer(handler);
        s.port = port;
        s.listen();
        return s;
    }

    /** A loopback port on which nothing listens, for connections that must be refused. */
    public static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Clients accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Records lines until the client closes. */
    public void recordUntilEnd(BufferedReader in) throws IOException {
        for (String line; (line = in.readLine()) != null; ) {
            lines.add(line);
        }
    }

    private void listen() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        port = s.getLocalPort();
        server = s;
        threads.add(Thread.ofPlatform().daemon().name("line-server-accept").start(() -> accept(s)));
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                connections.incrementAndGet();
                clients.add(client);
                threads.add(Thread.ofPlatform().daemon().name("line-server-client").start(() -> serve(client)));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), UTF_8))) {
            handler.serve(client, in, this);
        } catch (IOException e) {
            // an abrupt stop, or the client went away: the test looks at what arrived
        }
    }

    /**
     * Stops listening and ends every connection. Graceful: our side closes first and the server
     * reads what the client still sends until the client closes, as a server that shuts down
     * cleanly does. Abrupt: a reset, losing what was in flight.
     */
    public void stop(boolean graceful) throws IOException, InterruptedException {
        server.close();
        for (Socket c : clients) {
            try {
                if (graceful) {
                    c.shutdownOutput();
                } else {
                    c.setSoLinger(true, 0);
                    c.close();
                }
            } catch (IOException alreadyClosed) {
                // its handler ended first: nothing left to stop
            }
        }
        for (Thread t : new ArrayList<>(threads)) {
            t.join(Duration.ofSeconds(10));
        }
        for (Socket c : clients) {
            c.close();
        }
        clients.clear();
        threads.clear();
    }

    /** Listens again on the same port, after {@link #stop}. */
    public void restart() throws IOException {
        listen();
    }

    /** Waits, in real time, until {@code n} lines have arrived. */
    public boolean awaitLines(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (lines.size() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return lines.size() >= n;
    }

    /** Stops abruptly. */
    @Override
    public void close() throws IOException, InterruptedException {
        stop(false);
    }
}
