package org.perthensis.app.run;

import java.util.Map;
import java.util.function.ToLongFunction;
import org.perthensis.api.LoopStatistics;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;

/**
 * The loop's own numbers ({@link Scheduler#statistics()}) as metrics: turns, slow turns,
 * wake-ups and how late timers fired. Read when collected, on the loop, like every metric.
 */
final class LoopMetrics {

    private LoopMetrics() {
    }

    static void offer(Metrics metrics, Scheduler scheduler) {
        counter(metrics, scheduler, "perthensis_loop_turns_total", "Turns the loop handed to tasks",
                LoopStatistics::turns);
        counter(metrics, scheduler, "perthensis_loop_slow_turns_total",
                "Turns a task kept longer than the slow-turn limit (each one logged)", LoopStatistics::slowTurns);
        counter(metrics, scheduler, "perthensis_loop_wakeups_total",
                "How often the loop woke from an idle sleep, by a timer or a post", LoopStatistics::wakeups);
        counter(metrics, scheduler, "perthensis_loop_timers_total",
                "Timers fired: sleeps that ended, timeouts, delayed starts", LoopStatistics::timers);
        metrics.counter("perthensis_loop_timer_lateness_seconds_total", "How late the timers fired, added up",
                Map.of(), () -> scheduler.statistics().latenessNanos() / 1e9);
        metrics.gauge("perthensis_loop_timer_lateness_max_seconds", "The latest a timer fired since the start",
                Map.of(), () -> scheduler.statistics().maxLatenessNanos() / 1e9);
        String late = "perthensis_loop_timers_late_total";
        String help = "Timers that fired more than this late";
        metrics.counter(late, help, Map.of("over", "1ms"), () -> scheduler.statistics().timersLateOver1ms());
        metrics.counter(late, help, Map.of("over", "10ms"), () -> scheduler.statistics().timersLateOver10ms());
        metrics.counter(late, help, Map.of("over", "100ms"), () -> scheduler.statistics().timersLateOver100ms());
    }

    private static void counter(Metrics metrics, Scheduler scheduler, String name, String help,
            ToLongFunction<LoopStatistics> value) {
        metrics.counter(name, help, Map.of(), () -> value.applyAsLong(scheduler.statistics()));
    }
}
