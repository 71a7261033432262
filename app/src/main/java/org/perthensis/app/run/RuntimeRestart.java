package org.perthensis.app.run;

import java.util.Objects;
import java.util.function.Consumer;
import org.perthensis.api.RuntimeControl;

/**
 * The service {@link RuntimeControl}: hands a task's request to restart to the {@link Launch},
 * which stops every task and exits with {@value RuntimeControl#RESTART_EXIT_CODE}. A request
 * made before the launch is attached (a task cannot, but a provider's {@code create} could) is
 * kept until it is.
 */
final class RuntimeRestart implements RuntimeControl {

    private Consumer<String> launch;
    private String pending;

    @Override
    public void restart(String reason) {
        Objects.requireNonNull(reason, "reason");
        Consumer<String> to;
        synchronized (this) {
            to = launch;
            if (to == null && pending == null) {
                pending = reason;
            }
        }
        if (to != null) {
            to.accept(reason);
        }
    }

    /** Sends every later request, and one made already, to {@code to}. */
    void attach(Consumer<String> to) {
        String early;
        synchronized (this) {
            launch = to;
            early = pending;
            pending = null;
        }
        if (early != null) {
            to.accept(early);
        }
    }
}
