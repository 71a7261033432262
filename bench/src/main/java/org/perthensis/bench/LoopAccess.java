package org.perthensis.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.perthensis.api.Scheduler;

/**
 * Reads the loop's package-private {@code idleWakeups()} counter without widening its public
 * API. Works on the class path, where {@code bench/run} puts everything; on the module path it
 * needs {@code --add-opens org.perthensis.loop/org.perthensis.loop=org.perthensis.bench}.
 */
final class LoopAccess {
    private LoopAccess() {
    }

    /** How often the loop's driver thread woke from an idle sleep so far. */
    static long idleWakeups(Scheduler s) {
        try {
            Method m = s.getClass().getDeclaredMethod("idleWakeups");
            m.setAccessible(true);
            return (long) m.invoke(s);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException
                 | RuntimeException e) {
            throw new IllegalStateException("cannot read idleWakeups() of " + s.getClass().getName()
                    + "; run on the class path as bench/run does: " + e, e);
        }
    }
}
