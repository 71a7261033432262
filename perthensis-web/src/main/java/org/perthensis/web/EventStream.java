package org.perthensis.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One browser's event stream: the messages the loop hands it, waiting for its own virtual
 * thread to write them. The loop never waits for a client: it only queues, and a client that
 * falls more than {@value #LIMIT_BYTES} bytes behind (it stopped reading, or reads too slowly)
 * is dropped, its thread interrupted, which closes its connection even in the middle of a
 * write. Its browser reconnects and starts afresh.
 */
final class EventStream {

    /** How far a client may fall behind before it is dropped: the most one client costs in memory. */
    static final int LIMIT_BYTES = 64 * 1024;

    /** Why a stream ended. */
    enum End {
        /** Still open. */
        OPEN,
        /** The client fell too far behind. */
        DROPPED,
        /** The server stopped, or the client went away. */
        CLOSED
    }

    static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    final String client;
    private volatile Thread writer;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedBytes = new AtomicInteger();
    private volatile End end = End.OPEN;

    EventStream(String client) {
        this.client = client;
    }

    /** One server-sent event: {@code event: NAME}, one line of JSON, a blank line. */
    static byte[] message(String event, String json) {
        return ("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Queues a message; called on the loop, never waits.
     *
     * @return false if the client is too far behind and was dropped now, or has ended
     */
    boolean offer(byte[] message) {
        if (end != End.OPEN) {
            return false;
        }
        if (queuedBytes.addAndGet(message.length) > LIMIT_BYTES) {
            finish(End.DROPPED);
            return false;
        }
        queue.add(message);
        return true;
    }

    int queuedBytes() {
        return queuedBytes.get();
    }

    /** Ends the stream from any thread; the first reason given stands. */
    void finish(End why) {
        synchronized (this) {
            if (end != End.OPEN) {
                return;
            }
            end = why;
        }
        Thread w = writer;
        if (w != null) {
            w.interrupt(); // wakes it from its wait, or closes its socket in the middle of a write
        }
    }

    End end() {
        return end;
    }

    /**
     * Writes queued messages until the stream ends, on the calling thread, which becomes the one
     * {@link #finish} interrupts. With nothing to
     * send for {@code tickMillis}, writes what {@code onTick} gives (fresh numbers), so that the
     * page stays current and a client that has gone is noticed.
     *
     * @return why it ended
     */
    End pump(OutputStream out, long tickMillis, Supplier<byte[]> onTick) {
        writer = Thread.currentThread();
        try {
            while (end == End.OPEN && !Thread.currentThread().isInterrupted()) {
                byte[] next = queue.poll(tickMillis, TimeUnit.MILLISECONDS);
                if (next == null) {
                    byte[] tick = onTick.get();
                    out.write(tick != null ? tick : KEEP_ALIVE);
                } else {
                    do {
                        queuedBytes.addAndGet(-next.length);
                        out.write(next);
                    } while ((next = queue.poll()) != null);
                }
                out.flush();
            }
        } catch (InterruptedException | IOException e) {
            finish(End.CLOSED); // the client went away, or finish() interrupted us and set the reason first
        } finally {
            if (end == End.DROPPED) {
                // Closing the exchange writes to the socket, which a stalled client never empties:
                // interrupted, the write closes the socket at once instead of waiting for ever.
                Thread.currentThread().interrupt();
            } else {
                Thread.interrupted(); // a normal end: the server's own close may still write
            }
        }
        return end;
    }
}
