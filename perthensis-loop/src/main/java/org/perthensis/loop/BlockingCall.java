package org.perthensis.loop;

import java.util.concurrent.Callable;

/**
 * One {@code blocking(...)} call, and what its task waits for: runs on a pool thread of
 * {@link BlockingCalls} and hands its outcome back by posting, always, so the count of calls
 * in flight stays right even for abandoned calls.
 */
final class BlockingCall implements Runnable, Wait {
    private final Loop loop;
    private final Fiber fiber;
    private final Callable<?> call;
    private boolean abandoned; // guarded by this, with runner
    private Thread runner;
    private Object value;
    private Throwable thrown;

    BlockingCall(Loop loop, Fiber fiber, Callable<?> call) {
        this.loop = loop;
        this.fiber = fiber;
        this.call = call;
    }

    @Override
    public void run() {
        Object v = null;
        Throwable t = null;
        if (begin()) {
            try {
                v = call.call();
            } catch (Throwable e) {
                t = e;
            } finally {
                end();
            }
        }
        Object finalV = v;
        Throwable finalT = t;
        loop.post(() -> completed(finalV, finalT));
    }

    private synchronized boolean begin() {
        if (abandoned) {
            return false;
        }
        runner = Thread.currentThread();
        return true;
    }

    private void end() {
        synchronized (this) {
            runner = null;
        }
        Thread.interrupted(); // a pool thread must not carry an abandoned call's interrupt into its next call
    }

    private void completed(Object v, Throwable t) {
        loop.blockingCalls.done();
        if (!isAbandoned()) {
            value = v;
            thrown = t;
            loop.turn.resume(fiber, false);
        }
    }

    /** Cancelled or timed out: the fiber moves on; the call is interrupted and its outcome dropped. */
    @Override
    public synchronized void abort(Fiber f) {
        abandoned = true;
        if (runner != null) {
            runner.interrupt();
        }
    }

    private synchronized boolean isAbandoned() {
        return abandoned;
    }

    Object outcome() throws Exception {
        if (thrown instanceof Exception e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
        if (thrown != null) {
            throw new IllegalStateException(thrown);
        }
        return value;
    }
}
