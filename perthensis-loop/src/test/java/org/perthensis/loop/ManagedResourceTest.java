package org.perthensis.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.api.ManagedResource;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskHandle;
import org.perthensis.testing.RecordingLogger;

class ManagedResourceTest {
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final List<String> log = new ArrayList<>();
    private final StringBuilder bus = new StringBuilder();

    private ManagedResource<StringBuilder, String> spi() {
        return s.manage(bus, cs -> log.add(s.clock().millis() + " select " + cs),
                cs -> log.add(s.clock().millis() + " deselect " + cs));
    }

    @Test
    void busIsGrantedFirstComeFirstServedWithEachHandlesOwnArgument() {
        ManagedResource<StringBuilder, String> spi = spi();
        int[] holders = {0};
        int[] maxHolders = {0};
        for (String device : List.of("sensor", "sdcard", "display")) {
            ManagedResource.Handle<StringBuilder> handle = spi.handle(device + "-cs");
            s.spawn(device, sch -> {
                try (var lease = handle.acquire()) {
                    maxHolders[0] = Math.max(maxHolders[0], ++holders[0]);
                    lease.resource().append(device).append(';');
                    sch.sleep(100);
                    holders[0]--;
                }
            });
        }
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of(
                "0 select sensor-cs", "100 deselect sensor-cs",
                "100 select sdcard-cs", "200 deselect sdcard-cs",
                "200 select display-cs", "300 deselect display-cs"), log);
        assertEquals("sensor;sdcard;display;", bus.toString());
        assertEquals(1, maxHolders[0], "never two holders at once");
        assertFalse(spi.isHeld());
    }

    @Test
    void aWaiterThatComesLaterIsServedLaterEvenIfItAsksAgainFirst() {
        ManagedResource<StringBuilder, String> spi = spi();
        ManagedResource.Handle<StringBuilder> fast = spi.handle("fast");
        ManagedResource.Handle<StringBuilder> slow = spi.handle("slow");
        s.spawn("fast", sch -> {
            for (int i = 0; i < 2; i++) {
                try (var lease = fast.acquire()) {
                    sch.sleep(10);
                }
            }
        });
        s.spawn("slow", sch -> {
            try (var lease = slow.acquire()) {
                sch.sleep(10);
            }
        });
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("0 select fast", "10 deselect fast", "10 select slow", "20 deselect slow",
                "20 select fast", "30 deselect fast"), log);
    }

    @Test
    void aCancelledWaiterLeavesTheQueue() {
        ManagedResource<StringBuilder, String> spi = spi();
        s.spawn("holder", sch -> {
            try (var lease = spi.handle("a").acquire()) {
                sch.sleep(100);
            }
        });
        TaskHandle quitter = s.spawn("quitter", sch -> {
            try (var lease = spi.handle("b").acquire()) {
                log.add("quitter got it");
            }
        });
        s.spawn("patient", sch -> {
            try (var lease = spi.handle("c").acquire()) {
                sch.sleep(10);
            }
        });
        s.spawn("canceller", sch -> {
            sch.sleep(50);
            quitter.cancel();
        });
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("0 select a", "100 deselect a", "100 select c", "110 deselect c"), log);
        assertEquals(TaskHandle.State.CANCELLED, quitter.state());
    }

    @Test
    void aTaskThatDiesHoldingTheResourceReleasesIt() {
        RecordingLogger logger = TestLogs.recording(s);
        ManagedResource<StringBuilder, String> spi = spi();
        s.spawn("careless", sch -> {
            spi.handle("a").acquire();
            sch.sleep(10);
            throw new IllegalStateException("forgot to close");
        });
        s.spawn("next", sch -> {
            try (var lease = spi.handle("b").acquire()) {
                log.add(sch.clock().millis() + " next got it");
            }
        });
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("0 select a", "10 deselect a", "10 select b", "10 next got it", "10 deselect b"), log);
        assertEquals("WARNING task 'careless' ended holding a managed resource; released it", logger.lines().get(1));
    }

    @Test
    void acquiringTwiceFromOneTaskIsRefused() {
        ManagedResource<StringBuilder, String> spi = spi();
        String[] message = {null};
        s.spawn("greedy", sch -> {
            try (var lease = spi.handle("a").acquire()) {
                message[0] = assertThrows(IllegalStateException.class, () -> spi.handle("b").acquire()).getMessage();
            }
        });
        s.run(Duration.ZERO);
        assertEquals("task 'greedy' already holds this resource; close its lease first", message[0]);
    }
}
