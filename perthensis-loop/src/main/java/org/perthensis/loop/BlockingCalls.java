package org.perthensis.loop;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The loop's {@code blocking(...)} calls: the pool they run on, started with the first call,
 * and how many are in flight, which virtual time must know: it stands still while one runs in
 * real time, or a task's timer would seem to pass before the call returned.
 */
final class BlockingCalls {
    private final Loop loop;
    private volatile ExecutorService pool;
    /** Touched only by the turn holder; an abandoned call counts until its outcome is posted back. */
    private int inFlight;

    BlockingCalls(Loop loop) {
        this.loop = loop;
    }

    /** Runs {@code call} on the pool while {@code me} is suspended, and returns or throws its outcome. */
    @SuppressWarnings("unchecked")
    <T> T run(Fiber me, Callable<T> call) throws Exception {
        BlockingCall work = new BlockingCall(loop, me, call);
        inFlight++;
        me.wait = work;
        pool().execute(work);
        loop.turn.suspend(me);
        return (T) work.outcome();
    }

    void done() {
        inFlight--;
    }

    boolean anyInFlight() {
        return inFlight > 0;
    }

    private ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            // Platform threads: a blocking call that pins its thread (DNS, JNI) must not take a carrier from the tasks.
            p = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "perthensis-blocking");
                t.setDaemon(true);
                return t;
            });
            pool = p;
        }
        return p;
    }
}
