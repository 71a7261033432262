package org.perthensis.net;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskHandle;

/**
 * One open socket of a connection and its writing side: a writer task, started whenever lines
 * wait, and the keep-alive pings. At most one write is in progress at a time. Loop state; only
 * the socket calls run on blocking threads.
 */
final class Link {
    /** Lines per blocking write call: few enough to account for each, many enough to amortise the hand-over. */
    private static final int BATCH = 256;

    final InputStream in;
    private final Socket socket;
    private final OutputStream out;
    private final Outbox outbox;
    private final DropReport dropReport;
    private final String ping;
    private final String taskName;
    private boolean closed;
    private String failure;
    private long lastWrite;
    private boolean pingDue;
    private TaskHandle writer;

    Link(Socket socket, long now, Outbox outbox, DropReport dropReport, String ping, String taskName)
            throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.lastWrite = now;
        this.outbox = outbox;
        this.dropReport = dropReport;
        this.ping = ping;
        this.taskName = taskName;
    }

    /** Why writing ended the connection, or {@code null}. */
    String failure() {
        return failure;
    }

    /** Closes the socket: a read or write in progress fails at once, and nothing more is written. */
    void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that failed anyway: nothing left to report
        }
    }

    /**
     * Closes the socket and waits for the write in progress to end, so that what it did not
     * write is back in the queue before the next connection writes anything.
     */
    void closeAndJoinWriter() {
        close();
        if (writer != null) {
            writer.join();
        }
    }

    /** Ends the writer without waiting, when the connection's task is cancelled. */
    void cancelWriter() {
        if (writer != null) {
            writer.cancel();
        }
    }

    /** Starts a writer task if lines wait and none is running. */
    void startWriter(Scheduler s) {
        if (closed || (writer != null && !writer.isDone()) || (!pingDue && !outbox.hasLines())) {
            return;
        }
        writer = s.spawn(taskName + " writer", this::drain);
    }

    private void drain(Scheduler s) throws Exception {
        Outbox.Batch batch = null;
        try {
            while (!closed) {
                boolean sendPing = pingDue;
                batch = sendPing ? null : outbox.take(BATCH);
                if (!sendPing && batch == null) {
                    return;
                }
                pingDue = false;
                List<String> lines = sendPing ? List.of(ping) : batch.lines;
                Written result = s.blocking(() -> write(out, lines));
                lastWrite = s.clock().nanos();
                if (batch != null) {
                    report(outbox.settle(batch, result.lines()));
                    batch = null;
                }
                if (result.failure() != null) {
                    if (failure == null && !closed) {
                        failure = "writing failed: " + Text.reason(result.failure(), Duration.ZERO);
                    }
                    close();
                    return;
                }
            }
        } finally {
            if (batch != null) {
                // Cancelled in the middle of a write: whether those lines went out is unknown, so they are kept.
                report(outbox.settle(batch, 0));
            }
        }
    }

    private void report(int dropped) {
        if (dropped > 0) {
            dropReport.add(dropped);
        }
    }

    /** How many lines the operating system took whole, and the error that stopped the rest. */
    private record Written(int lines, IOException failure) {
    }

    /** Runs on a blocking thread. One write per line, so that a failure tells exactly which lines went out. */
    private static Written write(OutputStream out, List<String> lines) {
        int written = 0;
        try {
            for (String line : lines) {
                out.write((line + "\n").getBytes(UTF_8));
                written++;
            }
            return new Written(written, null);
        } catch (IOException e) {
            return new Written(written, e);
        }
    }

    /** The keep-alive task: a ping once nothing was written for {@code idle}. */
    void keepAlive(Scheduler s, Duration idle) {
        long idleNanos = idle.toNanos();
        while (!closed) {
            long quiet = s.clock().nanos() - lastWrite;
            if (quiet >= idleNanos) {
                pingDue = true;
                startWriter(s);
                s.sleep(idle);
            } else {
                s.sleep(Duration.ofNanos(idleNanos - quiet));
            }
        }
    }
}
