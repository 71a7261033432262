package org.perthensis.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.perthensis.api.LoopStatistics;
import org.perthensis.api.Scheduler;

class LoopStatisticsTest {

    @Test
    void aNewSchedulerHasCountedNothing() {
        assertEquals(LoopStatistics.NONE, Scheduler.builder().virtualTime().build().statistics());
    }

    @Test
    void turnsAndTimersAreCountedAndVirtualTimersAreNeverLate() {
        Scheduler s = Scheduler.builder().virtualTime().build();
        s.spawn("sleeper", sch -> {
            for (int i = 0; i < 3; i++) {
                sch.sleep(Duration.ofSeconds(1));
            }
        });
        s.spawn("yielder", sch -> sch.yieldTurn());
        s.run(Duration.ofSeconds(10));
        LoopStatistics stats = s.statistics();
        // The sleeper: its start and three returns from sleep; the yielder: its start and one return.
        assertEquals(6, stats.turns());
        assertEquals(3, stats.timers());
        assertEquals(0, stats.latenessNanos());
        assertEquals(0, stats.maxLatenessNanos());
        assertEquals(0, stats.slowTurns());
        assertEquals(0, stats.timersLateOver1ms());
    }

    @Test
    void aTaskKeepingTheTurnMakesTheOthersTimersLateAndCountsAsSlow() {
        Scheduler s = Scheduler.builder().slowTurnWarning(Duration.ofMillis(50)).build();
        TestLogs.recording(s); // the slow turn's warning is expected; keep it out of the build's output
        s.spawn("punctual", sch -> sch.sleep(10));
        s.spawn("hog", sch -> {
            long until = System.nanoTime() + 60_000_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // holding the turn: the punctual task's timer cannot fire before this ends
            }
            sch.yieldTurn();
        });
        s.run(Duration.ofMillis(200));
        LoopStatistics stats = s.statistics();
        assertEquals(1, stats.timers());
        assertEquals(1, stats.slowTurns());
        assertTrue(stats.maxLatenessNanos() >= 50_000_000, () -> "max lateness " + stats.maxLatenessNanos());
        assertEquals(stats.maxLatenessNanos(), stats.latenessNanos(), "one timer: the sum is its lateness");
        assertEquals(1, stats.timersLateOver1ms());
        assertEquals(1, stats.timersLateOver10ms());
    }

    @Test
    void statisticsAreReadOnTheLoop() throws Exception {
        Scheduler s = Scheduler.create();
        CompletableFuture<LoopStatistics> fromTask = new CompletableFuture<>();
        Thread driver = Thread.ofPlatform().start(s::runForever);
        try {
            CompletableFuture<Throwable> fromElsewhere = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> fromElsewhere.complete(assertThrows(IllegalStateException.class, s::statistics)));
            Throwable e = fromElsewhere.get(10, TimeUnit.SECONDS);
            assertEquals("statistics must happen on the loop (in a task, listener or posted action);"
                    + " from another thread, use post(...)", e.getMessage());
            s.post(() -> fromTask.complete(s.statistics()));
            assertEquals(0, fromTask.get(10, TimeUnit.SECONDS).turns(), "no task has run");
        } finally {
            s.shutdown();
            driver.join();
        }
    }
}
