package org.perthensis.loop;

import java.util.concurrent.CancellationException;

/** One {@code withTimeout} in progress; scopes of a fiber nest through {@link #outer}. */
final class TimeoutScope extends Timer {
    final Fiber fiber;
    final TimeoutScope outer;
    boolean expired;

    TimeoutScope(Fiber fiber, TimeoutScope outer) {
        this.fiber = fiber;
        this.outer = outer;
    }

    @Override
    void expire() {
        expired = true;
        fiber.loop.resume(fiber, true);
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
