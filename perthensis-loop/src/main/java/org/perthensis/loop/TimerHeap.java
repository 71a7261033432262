package org.perthensis.loop;

import java.util.Arrays;

/**
 * A binary min-heap of timers ordered by due time, then by insertion order, so timers due
 * at the same instant fire in the order they were set. Each timer knows its index, which
 * makes removal O(log n).
 */
final class TimerHeap {
    static final long NEVER = Long.MAX_VALUE;

    private Timer[] heap = new Timer[64];
    private int size;
    private long nextSeq;

    void add(Timer timer, long due) {
        if (timer.heapIndex >= 0) {
            remove(timer);
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        timer.due = due;
        timer.seq = nextSeq++;
        heap[size] = timer;
        timer.heapIndex = size;
        siftUp(size++);
    }

    long nextDue() {
        return size == 0 ? NEVER : heap[0].due;
    }

    /** The earliest timer, or null if there is none. */
    Timer first() {
        return size == 0 ? null : heap[0];
    }

    /** Removes and returns the earliest timer if it is due at or before {@code now}. */
    Timer pollDue(long now) {
        if (size == 0 || heap[0].due > now) {
            return null;
        }
        Timer first = heap[0];
        removeAt(0);
        return first;
    }

    boolean remove(Timer timer) {
        int i = timer.heapIndex;
        if (i < 0) {
            return false;
        }
        removeAt(i);
        return true;
    }

    int size() {
        return size;
    }

    private void removeAt(int i) {
        Timer removed = heap[i];
        removed.heapIndex = -1;
        Timer last = heap[--size];
        heap[size] = null;
        if (i == size) {
            return;
        }
        heap[i] = last;
        last.heapIndex = i;
        siftDown(i);
        if (heap[i] == last) {
            siftUp(i);
        }
    }

    private void siftUp(int i) {
        Timer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timer p = heap[parent];
            if (!before(t, p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private void siftDown(int i) {
        Timer t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], t)) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private static boolean before(Timer a, Timer b) {
        return a.due < b.due || (a.due == b.due && a.seq < b.seq);
    }
}
