package org.perthensis.loop;

/**
 * What a suspended fiber is waiting for. When the fiber is woken some other way (cancelled,
 * timed out, stopped), {@link #abort(Fiber)} takes it out of whatever queue holds it.
 * Aborting twice, or after the wait completed, must do nothing.
 */
interface Wait {
    void abort(Fiber fiber);
}
