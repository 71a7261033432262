package org.perthensis.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.perthensis.api.ManagedResource;
import org.perthensis.api.Task;
import org.perthensis.api.TaskHandle;

/**
 * One task: a virtual thread that runs only while it holds the loop's turn. As a timer it
 * wakes from {@code sleep} or starts after a delay.
 *
 * <p>Fields other than {@link #state} and {@link #failure} belong to the loop and are touched
 * only by the thread holding the turn.
 */
final class Fiber extends Timer implements TaskHandle {
    /** The wait of a fiber sleeping on its own timer, or of one not started until its delay passed. */
    static final Wait ON_TIMER = fiber -> fiber.loop.timers.remove(fiber);

    final Loop loop;
    final String name;
    final Task task;

    private volatile State state = State.RUNNING;
    private volatile Throwable failure;

    Thread thread;
    /** What the fiber waits for while suspended; null while ready or running. */
    Wait wait;
    /** Set when a wait ended by cancellation or timeout rather than completing. */
    boolean interrupted;
    boolean cancelled;
    /** Handed over by whatever completed the wait: an event, a blocking call's outcome. */
    Object result;
    TimeoutScope scopes;
    Fiber prevLive;
    Fiber nextLive;
    private List<Fiber> joiners;
    private List<ManagedResource.Lease<?>> leases;

    Fiber(Loop loop, String name, Task task) {
        this.loop = loop;
        this.name = name;
        this.task = task;
    }

    /** The virtual thread's body; it starts holding the turn. */
    void body() {
        loop.turn.resumed(this);
        Throwable thrown = null;
        try {
            task.run(loop);
        } catch (Throwable t) {
            thrown = t;
        }
        loop.finish(this, thrown);
    }

    @Override
    void expire() {
        loop.turn.resume(this, false);
    }

    @Override
    Fiber wakes() {
        return this;
    }

    void ended(State end, Throwable thrown) {
        failure = thrown;
        state = end;
    }

    void addJoiner(Fiber joiner) {
        if (joiners == null) {
            joiners = new ArrayList<>(2);
        }
        joiners.add(joiner);
    }

    void removeJoiner(Fiber joiner) {
        if (joiners != null) {
            joiners.remove(joiner);
        }
    }

    List<Fiber> takeJoiners() {
        List<Fiber> all = joiners;
        joiners = null;
        return all == null ? List.of() : all;
    }

    void holding(ManagedResource.Lease<?> lease) {
        if (leases == null) {
            leases = new ArrayList<>(2);
        }
        leases.add(lease);
    }

    void released(ManagedResource.Lease<?> lease) {
        if (leases != null) {
            leases.remove(lease);
        }
    }

    List<ManagedResource.Lease<?>> takeLeases() {
        List<ManagedResource.Lease<?>> all = leases;
        leases = null;
        return all == null ? List.of() : all;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void cancel() {
        loop.onLoopOrPost(() -> loop.cancel(this));
    }

    @Override
    public void join() {
        loop.join(this);
    }

    @Override
    public String toString() {
        return "task '" + name + "' (" + state + ")";
    }
}
