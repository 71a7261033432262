package org.perthensis.loop;

/** Something due at a monotonic instant; a node of the {@link TimerHeap}. */
abstract class Timer {
    long due;
    long seq;
    int heapIndex = -1;

    /** Called on the loop once the timer is due. */
    abstract void expire();

    /** The fiber that goes on when this timer expires, so that it can be handed the turn early to wait for it. */
    abstract Fiber wakes();

    final boolean isScheduled() {
        return heapIndex >= 0;
    }
}
