package org.perthensis.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Event;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Subscription;
import org.perthensis.api.TaskHandle;
import org.perthensis.testing.RecordingLogger;

class EventsTest {
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final List<String> log = new ArrayList<>();

    @Test
    void listenersReceiveEventsInSubscriptionOrder() {
        s.events().subscribe("net.up", e -> log.add("first " + e.topic()));
        s.events().subscribe("net.*", e -> log.add("prefix " + e.topic()));
        s.events().subscribe("*", e -> log.add("all " + e.topic()));
        s.events().subscribe("net.down", e -> log.add("never"));
        s.spawn("pub", sch -> {
            sch.events().publish("net.up");
            sch.events().publish("ntp.synced");
        });
        s.run(Duration.ZERO);
        assertEquals(List.of("first net.up", "prefix net.up", "all net.up", "all ntp.synced"), log);
    }

    @Test
    void aThrowingListenerIsLoggedAndTheOthersStillRun() {
        RecordingLogger logger = TestLogs.recording(s);
        s.events().subscribe("door", e -> log.add("a"));
        s.events().subscribe("door", e -> {
            throw new IllegalArgumentException("bad listener");
        });
        s.events().subscribe("door", e -> log.add("c"));
        s.spawn("pub", sch -> sch.events().publish("door", Map.of("open", true)));
        s.run(Duration.ZERO);
        assertEquals(List.of("a", "c"), log);
        assertEquals(List.of("ERROR a listener of 'door' (event 'door') failed:"
                + " java.lang.IllegalArgumentException: bad listener"), logger.lines());
    }

    @Test
    void closedSubscriptionGetsNothingMore() {
        Subscription sub = s.events().subscribe("x", e -> log.add("got " + e.payload()));
        s.spawn("pub", sch -> {
            sch.events().publish("x", 1);
            sub.close();
            sch.events().publish("x", 2);
        });
        s.run(Duration.ZERO);
        assertEquals(List.of("got 1"), log);
    }

    @Test
    void aListenerThatUnsubscribesItselfDuringDeliveryDoesNotStopTheOthers() {
        Subscription[] self = new Subscription[1];
        self[0] = s.events().subscribe("x", e -> {
            log.add("once");
            self[0].close();
        });
        s.events().subscribe("x", e -> log.add("always"));
        s.spawn("pub", sch -> {
            sch.events().publish("x");
            sch.events().publish("x");
        });
        s.run(Duration.ZERO);
        assertEquals(List.of("once", "always", "always"), log);
    }

    @Test
    void awaitReturnsTheEventOrEmptyAfterTheTimeout() {
        s.spawn("waiter", sch -> {
            Optional<Event> first = sch.events().await("ntp.*", Duration.ofSeconds(5));
            log.add(sch.clock().millis() + " " + first.map(Event::topic).orElse("none"));
            Optional<Event> second = sch.events().await("ntp.*", Duration.ofSeconds(5));
            log.add(sch.clock().millis() + " " + second.map(Event::topic).orElse("none"));
        });
        s.spawn("pub", sch -> {
            sch.sleep(1200);
            sch.events().publish("ntp.synced", Map.of("offset", 0.002));
        });
        s.run(Duration.ofSeconds(10));
        assertEquals(List.of("1200 ntp.synced", "6200 none"), log);
    }

    @Test
    void awaitingTasksWakeInTheOrderTheyStartedWaiting() {
        for (String name : List.of("b", "a")) {
            s.spawn(name, sch -> {
                Event e = sch.events().await("go");
                log.add(name + " " + e.get("n"));
            });
        }
        s.spawn("pub", sch -> {
            sch.sleep(10);
            sch.events().publish("go", Map.of("n", 7));
        });
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("b 7", "a 7"), log);
    }

    @Test
    void eventsCarryTheirPublicationTimeSoTheNewerOfTwoIsKnown() {
        s.spawn("flapping", sch -> {
            sch.events().publish("net.up");
            sch.sleep(300);
            sch.events().publish("net.down");
            sch.sleep(200);
            Event down = sch.events().last("net.down").orElseThrow();
            Event up = sch.events().last("net.up").orElseThrow();
            log.add(down.nanos() / 1_000_000 + " " + up.nanos() / 1_000_000 + " " + down.isNewerThan(up)
                    + " " + up.isNewerThan(down) + " " + up.isNewerThan(null));
        });
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("300 0 true false true"), log);
    }

    @Test
    void ofTwoEventsPublishedAtTheSameInstantTheLaterIsNewer() {
        s.spawn("flap", sch -> {
            sch.events().publish("net.down");
            sch.events().publish("net.up");
            Event down = sch.events().last("net.down").orElseThrow();
            Event up = sch.events().last("net.up").orElseThrow();
            log.add(down.nanos() + " " + up.nanos() + " " + up.isNewerThan(down) + " " + down.isNewerThan(up)
                    + " " + down.sequence() + " " + up.sequence());
        });
        s.run(Duration.ZERO);
        assertEquals(List.of("0 0 true false 1 2"), log);
    }

    @Test
    void lastEventTellsALateTaskTheCurrentState() {
        s.spawn("net", sch -> {
            sch.events().publish("net.down", Map.of("probe", "tcp://192.0.2.1:53"));
            sch.sleep(100);
            sch.spawn("late", late -> log.add(late.events().last("net.down").map(e -> e.get("probe")).orElse("?") + " "
                    + late.events().last("net.up").isPresent()));
        });
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("tcp://192.0.2.1:53 false"), log);
    }

    @Test
    void publishingFromAnotherThreadIsDeliveredOnTheLoop() {
        Scheduler real = Scheduler.create();
        Thread[] listenerThread = new Thread[1];
        Thread[] foreign = new Thread[1];
        real.events().subscribe("button", e -> listenerThread[0] = Thread.currentThread());
        real.spawn("main", sch -> {
            foreign[0] = Thread.ofPlatform().unstarted(() -> sch.events().publish("button", "pressed"));
            foreign[0].start();
            Event e = sch.events().await("button", Duration.ofSeconds(60)).orElseThrow();
            log.add(e.payload().toString());
            sch.shutdown();
        });
        real.runForever();
        assertEquals(List.of("pressed"), log);
        // Posted work runs on whichever thread holds the turn (the idle driver, or the task at its next switch),
        // never on the publishing thread.
        assertTrue(listenerThread[0] != null && listenerThread[0] != foreign[0], String.valueOf(listenerThread[0]));
    }

    @Test
    void awaitWithATimeoutTooLongForNanosecondsWaitsAsSleepDoes() {
        for (Duration forever : List.of(ChronoUnit.FOREVER.getDuration(), Duration.ofSeconds(Long.MAX_VALUE))) {
            Scheduler v = Scheduler.builder().virtualTime().build();
            List<String> got = new ArrayList<>();
            v.spawn("waiter", sch -> {
                Object payload = sch.events().await("door", forever).map(Event::payload).orElse("timed out");
                got.add(sch.clock().elapsed().toDays() + " days: " + payload);
            });
            TaskHandle never = v.spawn("never", sch -> got.add("never: "
                    + sch.events().await("window", forever).map(Event::payload).orElse("timed out")));
            v.spawn("door", sch -> {
                sch.sleep(Duration.ofDays(365));
                sch.events().publish("door", "open");
            });
            v.run(Duration.ofDays(3650));
            assertEquals(List.of("365 days: open"), got, forever::toString);
            assertEquals(TaskHandle.State.RUNNING, never.state(), "still waiting after ten years");
        }
    }

    @Test
    void badTopicsAndPatternsAreRefusedWithTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.events().subscribe("net.*.up", x -> { }));
        assertEquals("an event pattern must be a topic, or a prefix ending in '*' such as \"net.*\", got \"net.*.up\"",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.events().publish("net.*"));
        assertEquals("an event topic must be a name without '*' such as \"net.up\", got \"net.*\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.events().publish(""));
        assertEquals("an event topic must be a name without '*' such as \"net.up\", got \"\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.events().await(null, Duration.ofSeconds(1)));
        assertEquals("an event pattern must be a topic, or a prefix ending in '*' such as \"net.*\", got null",
                e.getMessage());
    }
}
