package org.perthensis.debounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Event;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskHandle;
import org.perthensis.testing.RecordingLogger;

/** The {@code debounce} task type with Pi4J's mock GPIO plugin. */
class DebounceProviderTest {

    private final Context pi4j = MockGpio.context();
    private final RecordingLogger log = new RecordingLogger();
    private final List<String> events = new ArrayList<>();
    /** Shared by every task of a test, as the runtime's service registry is. */
    private final Map<Class<?>, Object> services = new HashMap<>(Map.of(Context.class, pi4j));

    @AfterEach
    void shutDownPi4j() {
        pi4j.shutdown();
    }

    private Task task(Scheduler s, String name, DebounceConfig config) {
        return new DebounceProvider().create(config, TaskEnvironment.of(name, s, log, services));
    }

    private void record(Scheduler s, String pattern) {
        s.events().subscribe(pattern, e -> events.add(Durations.format(s.clock().elapsed()) + " " + e.topic() + " " + e.payload()));
    }

    @Test
    void theDoorIsReportedThroughAMockInputUnderVirtualTime() {
        Scheduler s = Scheduler.builder().virtualTime().build();
        DebounceConfig door = new DebounceConfig(12, "down", null, Duration.ofSeconds(3), Duration.ZERO, Duration.ZERO, null);
        s.spawn("door", task(s, "door", door));
        record(s, "debounce.door*");
        s.run(Duration.ofSeconds(10));
        MockGpio.set(pi4j, "debounce-12", true); // from this thread, as a Pi4J listener thread would
        s.run(Duration.ofMillis(500));
        MockGpio.set(pi4j, "debounce-12", false); // closed again before it settled
        s.run(Duration.ofMillis(500));
        MockGpio.set(pi4j, "debounce-12", true);
        s.run(Duration.ofSeconds(10));

        assertEquals(List.of(
                "3s debounce.door {level=0, pressed=false, at=2000-01-01T00:00:00Z, initial=true}",
                "14s debounce.door {level=1, pressed=true, at=2000-01-01T00:00:11Z, initial=false}",
                "14s debounce.door.press {at=2000-01-01T00:00:11Z}"), events);
        assertEquals(List.of(
                "INFO debounce 'door': watching pin 12 (pull down, settle 3s)",
                "INFO debounce 'door': pin 12 is low (released) at start"), log.at(System.Logger.Level.INFO));
        assertEquals(1, s.events().last("debounce.door").orElseThrow().get("level"));
    }

    @Test
    void theStartLineShowsTheSettleTimeInTheNotationTheConfigReads() {
        Scheduler s = Scheduler.builder().virtualTime().build();
        s.spawn("contact", task(s, "contact", DebounceConfig.of(12).withSettle(Duration.ofNanos(1_500_000))));
        s.run(Duration.ZERO);
        assertEquals(List.of("INFO debounce 'contact': watching pin 12 (pull down, settle 1.5ms)"),
                log.at(System.Logger.Level.INFO));
    }

    @Test
    void aButtonPublishesPressReleaseAndClicks() {
        Scheduler s = Scheduler.builder().virtualTime().build();
        s.spawn("button", task(s, "button", DebounceConfig.of(17).withPull("up").withInvert(true)));
        record(s, "debounce.button.*");
        s.run(Duration.ZERO); // the task opens its input
        MockGpio.set(pi4j, "debounce-17", true); // released with the pull-up; the mock starts low
        s.run(Duration.ofMillis(100));
        MockGpio.set(pi4j, "debounce-17", false);
        s.run(Duration.ofMillis(100));
        MockGpio.set(pi4j, "debounce-17", true);
        s.run(Duration.ofSeconds(1));

        assertEquals(List.of(
                "120ms debounce.button.press {at=2000-01-01T00:00:00.100Z}",
                "220ms debounce.button.release {at=2000-01-01T00:00:00.200Z, heldMillis=100}",
                "600ms debounce.button.clicks {count=1}"), events);
    }

    @Test
    void aCancelledTaskFreesItsInputSoThatARestartCanOpenItAgain() {
        Scheduler s = Scheduler.builder().virtualTime().build();
        Task door = task(s, "door", DebounceConfig.of(12));
        TaskHandle first = s.spawn("door", door);
        s.run(Duration.ofMillis(100));
        assertTrue(pi4j.registry().exists("debounce-12"));

        first.cancel();
        s.run(Duration.ofMillis(100));
        assertFalse(pi4j.registry().exists("debounce-12"), "the finally block shut the input down");

        record(s, "debounce.door");
        TaskHandle second = s.spawn("door", door);
        s.run(Duration.ofMillis(100));
        assertTrue(pi4j.registry().exists("debounce-12"));
        assertEquals(TaskHandle.State.RUNNING, second.state());
        assertEquals(List.of("220ms debounce.door {level=0, pressed=false, at=2000-01-01T00:00:00.200Z, initial=true}"),
                events, "a restart reports its initial level again");
    }

    @Test
    void everyDebounceTaskSharesOneDebouncerMadeAtCreateOnTheEnvironmentsScheduler() {
        Scheduler s = Scheduler.builder().virtualTime().build();
        task(s, "door", DebounceConfig.of(12));
        Object shared = services.get(TimerDebouncer.class);
        assertNotNull(shared, "made when the first task is created, before anything runs");
        task(s, "window", DebounceConfig.of(13));
        assertSame(shared, services.get(TimerDebouncer.class));

        s.spawn("bell", task(s, "bell", DebounceConfig.of(16)));
        s.run(Duration.ofMillis(100));
        assertTrue(((TimerDebouncer) shared).timerArms() > 0, "the shared debouncer times the running task's pin");
    }

    @Test
    void aPinConfiguredForTwoTasksIsAConfigurationError() {
        Scheduler s = Scheduler.builder().virtualTime().build();
        task(s, "door", DebounceConfig.of(12));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> task(s, "window", DebounceConfig.of(12)));
        assertEquals("pin: GPIO 12 is already used by task 'door'; each input can be read by one task", e.getMessage());
    }

    @Test
    void withoutAPi4jContextTheTaskCannotBeCreated() {
        Scheduler s = Scheduler.builder().virtualTime().build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new DebounceProvider()
                .create(DebounceConfig.of(12), TaskEnvironment.of("door", s, log, new HashMap<>())));
        assertEquals("task 'door' needs a com.pi4j.context.Context service, and none is registered", e.getMessage());
    }

    @Test
    void edgesFromPi4jsThreadReachTheLoopAndAreDebouncedInRealTime() throws Exception {
        Scheduler s = Scheduler.create();
        Duration settle = Duration.ofMillis(250); // long, so that a descheduled test thread cannot split the bounces
        s.spawn("button", task(s, "button", DebounceConfig.of(17).withSettle(settle)));
        BlockingQueue<Event> seen = new LinkedBlockingQueue<>();
        List<Thread> listenerThreads = new ArrayList<>();
        s.events().subscribe("debounce.button", e -> {
            listenerThreads.add(Thread.currentThread());
            seen.add(e);
        });
        Thread loop = Thread.ofPlatform().name("loop").start(s::runForever);
        try {
            Event initial = seen.poll(10, TimeUnit.SECONDS);
            assertEquals(true, initial.get("initial"));
            assertEquals(0, initial.get("level"));

            long before = System.nanoTime();
            for (boolean level : new boolean[] {true, false, true, false, true}) {
                MockGpio.set(pi4j, "debounce-17", level); // a bouncing press
            }
            Event press = seen.poll(10, TimeUnit.SECONDS);
            long tookNanos = System.nanoTime() - before;

            assertEquals(1, press.get("level"));
            assertEquals(true, press.get("pressed"));
            assertEquals(false, press.get("initial"));
            assertTrue(tookNanos >= settle.toNanos(), "published no sooner than settle after the last edge");
            assertNull(seen.poll(600, TimeUnit.MILLISECONDS), "the bounces gave one event only");
            for (Thread t : listenerThreads) {
                assertNotEquals(Thread.currentThread(), t, "events are published on the loop, not on the edge's thread");
            }
        } finally {
            s.shutdown();
            loop.join(10_000);
        }
        assertFalse(loop.isAlive());
        assertFalse(pi4j.registry().exists("debounce-17"), "shutdown ran the task's finally block");
    }
}
