package org.perthensis.heartbeat;

import java.util.ArrayList;
import java.util.List;
import org.perthensis.api.Scheduler;

/** An LED output that records every write as "millis on" or "millis off" on the scheduler's clock. */
final class Timeline implements LedOutput {
    final List<String> edges = new ArrayList<>();
    private final Scheduler scheduler;

    Timeline(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void set(boolean on) {
        edges.add(scheduler.clock().millis() + (on ? " on" : " off"));
    }
}
