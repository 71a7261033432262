package org.perthensis.loop;

import java.time.Duration;
import java.util.Optional;
import org.perthensis.api.Periodic;
import org.perthensis.api.Task;

/**
 * A fixed-rate schedule run by one fiber that loops: wait for the due time, run the body,
 * compute the next due time from the scheduled one (no drift), or from the end of an overrun
 * (re-anchored, no catch-up burst).
 */
final class PeriodicTask implements Periodic {
    private enum Phase { WAITING_FOR_DUE, WAITING_FOR_START, RUNNING_BODY }

    private static final Wait STOPPED = fiber -> { };

    private final Loop loop;
    private Fiber fiber;
    private long periodNanos;
    private long nextDue;
    private boolean stopped;
    private long runs;
    private Phase phase = Phase.WAITING_FOR_DUE;

    PeriodicTask(Loop loop, long periodNanos) {
        this.loop = loop;
        this.periodNanos = periodNanos;
    }

    void attach(Fiber fiber, long firstDue) {
        this.fiber = fiber;
        this.nextDue = firstDue;
    }

    Task loopOver(Task body) {
        return scheduler -> {
            while (true) {
                if (stopped) {
                    phase = Phase.WAITING_FOR_START;
                    loop.turn.checkInterruption(fiber);
                    fiber.wait = STOPPED;
                    loop.turn.suspend(fiber);
                    continue;
                }
                if (loop.clock().nanos() < nextDue) {
                    phase = Phase.WAITING_FOR_DUE;
                    loop.turn.checkInterruption(fiber);
                    loop.turn.sleepUntil(fiber, nextDue);
                    continue; // woken early by stop(), or on time: look again
                }
                phase = Phase.RUNNING_BODY;
                long scheduled = nextDue;
                runs++;
                body.run(scheduler);
                long end = loop.clock().nanos();
                long following = Nanos.saturatedAdd(scheduled, periodNanos);
                nextDue = Math.max(end, following);
            }
        };
    }

    @Override
    public void changeRate(Duration period) {
        loop.checkOnLoop("changeRate");
        periodNanos = Nanos.positive(period, "period");
    }

    @Override
    public Duration period() {
        return Duration.ofNanos(periodNanos);
    }

    @Override
    public void stop() {
        loop.checkOnLoop("stop");
        stopped = true;
        if (phase == Phase.WAITING_FOR_DUE) {
            loop.turn.resume(fiber, false);
        }
    }

    @Override
    public void start() {
        loop.checkOnLoop("start");
        if (!stopped) {
            return;
        }
        stopped = false;
        if (phase == Phase.WAITING_FOR_START) {
            nextDue = loop.clock().nanos();
            loop.turn.resume(fiber, false);
        }
    }

    @Override
    public boolean isStopped() {
        return stopped;
    }

    @Override
    public long runs() {
        return runs;
    }

    @Override
    public String name() {
        return fiber.name();
    }

    @Override
    public State state() {
        return fiber.state();
    }

    @Override
    public Optional<Throwable> failure() {
        return fiber.failure();
    }

    @Override
    public void cancel() {
        fiber.cancel();
    }

    @Override
    public void join() {
        fiber.join();
    }

    @Override
    public String toString() {
        return "periodic task '" + fiber.name() + "' every " + period() + (stopped ? " (stopped)" : "");
    }
}
