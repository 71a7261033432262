package org.perthensis.loop;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.perthensis.api.Durations;

/**
 * One {@code withTimeout} in progress, and the timer that ends it: when it expires, the task
 * is interrupted at its suspension point with {@link Expired}, which only the
 * {@code withTimeout} that set this scope turns into a {@link TimeoutException}. The scopes of
 * a task nest through {@link #outer}; when several ran out, the outermost wins, so an inner
 * {@code withTimeout} cannot swallow an outer one's expiry.
 */
final class TimeoutScope extends Timer {
    final Fiber fiber;
    final TimeoutScope outer;
    boolean expired;

    private TimeoutScope(Fiber fiber, TimeoutScope outer) {
        this.fiber = fiber;
        this.outer = outer;
    }

    /**
     * Runs {@code body} in a new scope of {@code me} that expires after {@code timeout}.
     *
     * @param loop the loop of {@code me}
     * @param me the task calling {@code withTimeout}, which holds the turn
     * @param timeout the time allowed; zero or negative expires at the first suspension point
     * @param body what to run
     * @param <T> what it returns
     * @return what it returned
     * @throws TimeoutException when this scope ran out, also when the body turned the
     *     interruption into its own exception (an interrupted read, say), which is then the cause
     */
    static <T> T run(Loop loop, Fiber me, Duration timeout, Callable<T> body) throws Exception {
        long nanos = Nanos.of(timeout, "timeout");
        TimeoutScope scope = new TimeoutScope(me, me.scopes);
        me.scopes = scope;
        loop.timers.add(scope, Nanos.saturatedAdd(loop.clock().nanos(), Math.max(0, nanos)));
        try {
            return body.call();
        } catch (Expired expired) {
            if (expired.scope == scope) {
                throw timedOut(timeout, null);
            }
            throw expired;
        } catch (Exception e) {
            if (scope.expired && !me.cancelled && !(e instanceof CancellationException)) {
                throw timedOut(timeout, e);
            }
            throw e;
        } finally {
            loop.timers.remove(scope);
            me.scopes = scope.outer;
        }
    }

    private static TimeoutException timedOut(Duration timeout, Exception cause) {
        TimeoutException e = new TimeoutException("timed out after " + Durations.format(timeout));
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** The outermost scope that ran out, from a task's innermost scope outwards, or null if none did. */
    static TimeoutScope outermostExpired(TimeoutScope innermost) {
        TimeoutScope found = null;
        for (TimeoutScope s = innermost; s != null; s = s.outer) {
            if (s.expired) {
                found = s;
            }
        }
        return found;
    }

    @Override
    void expire() {
        expired = true;
        fiber.loop.turn.resume(fiber, true);
    }

    @Override
    Fiber wakes() {
        return fiber;
    }

    /** Thrown at a suspension point when a scope's time ran out; its {@code withTimeout} turns it into a TimeoutException. */
    static final class Expired extends CancellationException {
        private static final long serialVersionUID = 1L;
        final transient TimeoutScope scope;

        Expired(TimeoutScope scope) {
            super("timed out");
            this.scope = scope;
        }
    }
}
