package org.perthensis.mqtt;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskHandle;

/**
 * Sends the outbox over the current connection: a task started whenever messages wait and the
 * connection is up, at most {@value #WINDOW} unacknowledged at a time, paced by {@link Pace}.
 * Acknowledgements come back through {@link #acknowledged}; a message leaves the outbox once it
 * and every one before it are acknowledged, so the outbox never forgets one the broker may not
 * have. Loop state throughout.
 */
final class Sender {
    /** Messages in flight at most: enough to keep a loopback broker busy, few enough to resend cheaply. */
    static final int WINDOW = 500;

    private final Outbox outbox;
    private final Scheduler scheduler;
    private final String taskName;
    private final int qos;
    private final Pace pace;
    private final BurstLog refusedLog;
    /** In send order: the sequence number, and whether its acknowledgement came. */
    private final ArrayDeque<long[]> inFlight = new ArrayDeque<>();
    private Link link;
    private int connection;
    private TaskHandle task;
    private long published;
    private long acknowledged;
    private long refused;

    Sender(Outbox outbox, Scheduler scheduler, String taskName, int qos, Pace pace, BurstLog refusedLog) {
        this.outbox = outbox;
        this.scheduler = scheduler;
        this.taskName = taskName;
        this.qos = qos;
        this.pace = pace;
        this.refusedLog = refusedLog;
    }

    /** A connection is up: send over it, from the oldest message not acknowledged. */
    void connected(Link link) {
        this.link = link;
        connection++;
        wake();
    }

    /** The connection is gone: stop, and offer everything not acknowledged again next time. */
    void disconnected() {
        link = null;
        connection++;
        if (task != null) {
            task.cancel();
            task = null;
        }
        inFlight.clear();
        outbox.rewind();
    }

    /** Messages were queued, or room was made: start sending if not already. */
    void wake() {
        if (link == null || (task != null && !task.isDone())) {
            return;
        }
        task = scheduler.spawn(taskName + " sender", this::send);
    }

    long published() {
        return published;
    }

    long acknowledged() {
        return acknowledged;
    }

    long refused() {
        return refused;
    }

    int inFlight() {
        return inFlight.size();
    }

    private void send(Scheduler s) {
        int mine = connection;
        while (link != null && connection == mine) {
            int room = WINDOW - inFlight.size();
            if (room <= 0) {
                return; // an acknowledgement wakes it again
            }
            long now = s.clock().nanos();
            long allowed = pace.available(now);
            if (allowed == 0) {
                s.sleep(Duration.ofNanos(pace.delay(now)));
                continue;
            }
            List<Outbox.Pending> batch = outbox.read((int) Math.min(room, Math.min(allowed, 256)));
            if (batch.isEmpty()) {
                return; // a new message wakes it again
            }
            pace.take(batch.size());
            Link l = link;
            for (Outbox.Pending p : batch) {
                long[] entry = {p.seq(), 0};
                inFlight.addLast(entry);
                published++;
                Message m = p.message();
                l.publish(m.topic(), m.payload(), qos, m.retain()).whenComplete((ok, e) ->
                        scheduler.post(() -> acknowledged(mine, entry, e)));
            }
            s.yieldTurn(); // let acknowledgements and events in between batches
        }
    }

    /** An outcome from the client, on the loop. */
    private void acknowledged(int of, long[] entry, Throwable failure) {
        if (of != connection) {
            return; // from a connection already gone: everything it sent is offered again
        }
        if (failure != null) {
            LinkFailure why = HiveLink.reason(failure);
            if (!why.refused()) {
                return; // the connection is failing; its loss resends this one
            }
            refused++;
            refusedLog.add(1, "mqtt '" + taskName + "': the broker refused a message, which is dropped: " + why.getMessage());
        } else {
            acknowledged++;
        }
        entry[1] = 1;
        long done = -1;
        while (!inFlight.isEmpty() && inFlight.peekFirst()[1] == 1) {
            done = inFlight.pollFirst()[0];
        }
        if (done >= 0) {
            outbox.acknowledge(done);
        }
        wake();
    }
}
