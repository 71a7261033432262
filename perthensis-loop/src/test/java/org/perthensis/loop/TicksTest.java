package org.perthensis.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskHandle;
import org.perthensis.api.Ticks;

/** The fixed-rate schedule a task follows itself: the rules of {@code every}, checked the same way. */
class TicksTest {
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final List<Long> ticks = new ArrayList<>();

    @Test
    void ticksComeAtAFixedRateWithoutDrift() {
        s.spawn("watch", sch -> {
            Ticks t = sch.ticks(Duration.ofMillis(100));
            while (true) {
                t.await();
                ticks.add(sch.clock().millis());
                sch.sleep(30); // the work: a naive sleep(period) loop would drift by 30 ms a tick
            }
        });
        s.run(Duration.ofMillis(500));
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L, 500L), ticks);
    }

    @Test
    void anOverrunTakesTheNextTickAtOnceAndReanchorsWithoutACatchUpBurst() {
        s.spawn("watch", sch -> {
            Ticks t = sch.ticks(Duration.ofMillis(100));
            while (true) {
                t.await();
                ticks.add(sch.clock().millis());
                if (t.count() == 2) {
                    sch.sleep(350); // the tick of 100 ends at 450, past those due at 200, 300 and 400
                }
            }
        });
        s.run(Duration.ofMillis(700));
        assertEquals(List.of(0L, 100L, 450L, 550L, 650L), ticks);
    }

    @Test
    void aTaskThatAlsoWaitsForAnEventIsWokenByItAndStillGetsEveryTickOnTime() {
        List<Long> woken = new ArrayList<>();
        s.spawn("watch", sch -> {
            Ticks t = sch.ticks(Duration.ofMillis(100));
            t.await();
            while (true) {
                // Woken early by an event, it waits only for what is left of the period.
                boolean tick = t.await("poke").isEmpty();
                woken.add(sch.clock().millis());
                if (tick) {
                    ticks.add(sch.clock().millis());
                }
            }
        });
        s.spawn("poker", sch -> {
            sch.sleep(30);
            sch.events().publish("poke");
        });
        s.run(Duration.ofMillis(250));
        assertEquals(List.of(30L, 100L, 200L), woken);
        assertEquals(List.of(100L, 200L), ticks);
    }

    @Test
    void aTickTakenLateAfterWaitingForAnEventKeepsTheRhythm() {
        // On the real clock the timed wait wakes a little late; the tick must be taken at its due time.
        Scheduler real = Scheduler.create();
        List<Long> late = new ArrayList<>();
        real.spawn("watch", sch -> {
            // A period far longer than any wake-up is late, even on a loaded machine.
            Ticks t = sch.ticks(Duration.ofMillis(250));
            t.await();
            long start = t.dueNanos();
            for (int i = 1; i <= 4; i++) {
                assertEquals(true, t.await("never").isEmpty());
                late.add(t.dueNanos() - (start + i * 250_000_000L));
            }
            sch.shutdown();
        });
        real.runForever();
        // dueNanos() is the next tick's: on the grid whatever the lateness of each wake.
        assertEquals(List.of(0L, 0L, 0L, 0L), late);
    }

    @Test
    void aNewRateAppliesFromTheLastTick() {
        s.spawn("watch", sch -> {
            Ticks t = sch.ticks(Duration.ofMillis(100));
            while (true) {
                t.await();
                ticks.add(sch.clock().millis());
                if (t.count() == 2) {
                    t.changeRate(Duration.ofMillis(50));
                }
            }
        });
        s.run(Duration.ofMillis(260));
        assertEquals(List.of(0L, 100L, 150L, 200L, 250L), ticks);
    }

    @Test
    void aCancelledTaskStopsWhileWaitingForATick() {
        TaskHandle h = s.spawn("watch", sch -> {
            Ticks t = sch.ticks(Duration.ofHours(1));
            while (true) {
                t.await();
                ticks.add(sch.clock().millis());
            }
        });
        s.run(Duration.ofSeconds(1));
        h.cancel();
        s.run(Duration.ofSeconds(1));
        assertEquals(TaskHandle.State.CANCELLED, h.state());
        assertEquals(List.of(0L), ticks);
    }

    @Test
    void aPeriodMustBePositive() {
        s.spawn("watch", sch -> assertEquals("period must be positive, got 0s",
                assertThrows(IllegalArgumentException.class, () -> sch.ticks(Duration.ZERO)).getMessage()));
        s.run(Duration.ZERO);
    }
}
