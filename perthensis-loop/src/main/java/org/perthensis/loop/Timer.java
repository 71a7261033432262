package org.perthensis.loop;

/** Something due at a monotonic instant; a node of the {@link TimerHeap}. */
abstract class Timer {
    long due;
    long seq;
    int heapIndex = -1;

    /** Called on the loop once the timer is due. */
    abstract void expire();

    final boolean isScheduled() {
        return heapIndex >= 0;
    }
}
