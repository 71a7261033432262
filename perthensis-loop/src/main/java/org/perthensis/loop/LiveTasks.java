package org.perthensis.loop;

import java.util.ArrayList;
import java.util.List;

/**
 * Every task of a loop that has not ended, for {@code shutdown()}: an intrusive list through
 * {@link Fiber#prevLive} and {@link Fiber#nextLive}, so starting and ending a task costs two
 * links and no allocation, and the loop knows when the last one is gone. Touched only by the
 * turn holder.
 */
final class LiveTasks {
    private final Loop loop;
    private Fiber head;
    private int count;
    private boolean closed;

    LiveTasks(Loop loop) {
        this.loop = loop;
    }

    /**
     * Adds a task just made ready or set on its timer; after {@link #cancelAll} it is cancelled
     * at once, which takes it off its timer, so a delayed start cannot hold up the shutdown.
     */
    void add(Fiber fiber) {
        fiber.nextLive = head;
        if (head != null) {
            head.prevLive = fiber;
        }
        head = fiber;
        count++;
        if (closed) {
            loop.cancel(fiber);
        }
    }

    void remove(Fiber fiber) {
        if (fiber.prevLive != null) {
            fiber.prevLive.nextLive = fiber.nextLive;
        } else if (head == fiber) {
            head = fiber.nextLive;
        }
        if (fiber.nextLive != null) {
            fiber.nextLive.prevLive = fiber.prevLive;
        }
        fiber.prevLive = null;
        fiber.nextLive = null;
        count--;
    }

    /** Cancels every task, and from now on every task started. */
    void cancelAll() {
        closed = true;
        // A copy: a cancelled task that never started ends, and leaves the list, while we walk it.
        List<Fiber> all = new ArrayList<>(count);
        for (Fiber f = head; f != null; f = f.nextLive) {
            all.add(f);
        }
        for (Fiber f : all) {
            loop.cancel(f);
        }
    }

    /** Whether {@link #cancelAll} ran and every task has ended since: the loop is done. */
    boolean allCancelledAndEnded() {
        return closed && count == 0;
    }
}
