package org.perthensis.loop;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Consumer;
import org.perthensis.api.ManagedResource;

/**
 * A resource granted to one lease at a time, first come first served. On release the next
 * waiter is granted the resource before it even runs, so nobody can overtake it; the waiter
 * itself calls {@code onAcquire} once it holds the turn, so a failing callback fails its task.
 */
final class SharedResource<R, A> implements ManagedResource<R, A> {
    private final Loop loop;
    private final R resource;
    private final Consumer<? super A> onAcquire;
    private final Consumer<? super A> onRelease;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private LeaseImpl holder;

    SharedResource(Loop loop, R resource, Consumer<? super A> onAcquire, Consumer<? super A> onRelease) {
        this.loop = loop;
        this.resource = resource;
        this.onAcquire = Objects.requireNonNull(onAcquire, "onAcquire");
        this.onRelease = Objects.requireNonNull(onRelease, "onRelease");
    }

    @Override
    public Handle<R> handle(A argument) {
        return () -> acquire(argument);
    }

    @Override
    public boolean isHeld() {
        return holder != null;
    }

    private Lease<R> acquire(A argument) {
        Fiber me = loop.turn.requireTask("acquire");
        if (holder != null && holder.fiber == me) {
            throw new IllegalStateException("task '" + me.name + "' already holds this resource; close its lease first");
        }
        loop.turn.checkInterruption(me);
        LeaseImpl lease;
        if (holder == null && waiters.isEmpty()) {
            lease = grant(me, argument);
        } else {
            Waiter w = new Waiter(me, argument);
            waiters.add(w);
            me.wait = w;
            loop.turn.suspend(me);
            lease = w.granted;
        }
        try {
            onAcquire.accept(argument);
        } catch (RuntimeException | Error e) {
            lease.giveBack(false);
            throw e;
        }
        return lease;
    }

    private LeaseImpl grant(Fiber fiber, A argument) {
        holder = new LeaseImpl(fiber, argument);
        fiber.holding(holder);
        return holder;
    }

    private void passOn() {
        holder = null;
        Waiter next = waiters.poll();
        if (next != null) {
            next.granted = grant(next.fiber, next.argument);
            loop.turn.resume(next.fiber, false);
        }
    }

    private final class Waiter implements Wait {
        final Fiber fiber;
        final A argument;
        LeaseImpl granted;

        Waiter(Fiber fiber, A argument) {
            this.fiber = fiber;
            this.argument = argument;
        }

        @Override
        public void abort(Fiber f) {
            if (granted == null) {
                waiters.remove(this);
            }
        }
    }

    private final class LeaseImpl implements Lease<R> {
        final Fiber fiber;
        final A argument;
        boolean closed;

        LeaseImpl(Fiber fiber, A argument) {
            this.fiber = fiber;
            this.argument = argument;
        }

        @Override
        public R resource() {
            if (closed) {
                throw new IllegalStateException("this lease was closed; acquire the resource again");
            }
            return resource;
        }

        @Override
        public void close() {
            loop.checkOnLoop("closing a lease");
            giveBack(true);
        }

        void giveBack(boolean callRelease) {
            if (closed) {
                return;
            }
            closed = true;
            fiber.released(this);
            try {
                if (callRelease) {
                    onRelease.accept(argument);
                }
            } finally {
                passOn();
            }
        }
    }
}
