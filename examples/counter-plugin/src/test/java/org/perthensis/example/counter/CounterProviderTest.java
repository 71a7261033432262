package org.perthensis.example.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.api.FieldException;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.testing.RecordingLogger;

class CounterProviderTest {

    private final Scheduler scheduler = Scheduler.builder().virtualTime().build();
    private final RecordingLogger lines = new RecordingLogger(scheduler.clock());
    private final CounterProvider provider = new CounterProvider();

    @Test
    void countsUpOneNumberEachPeriod() {
        start(new CounterProvider.Config(Duration.ofMillis(250), 7L, null));
        scheduler.run(Duration.ofMillis(800));
        assertEquals(List.of("0 INFO 7", "250 INFO 8", "500 INFO 9", "750 INFO 10"), lines.lines());
    }

    @Test
    void countsFromOneOnceASecondByDefault() {
        start(new CounterProvider.Config(null, null, null));
        scheduler.run(Duration.ofSeconds(2));
        assertEquals(List.of("0 INFO 1", "1000 INFO 2", "2000 INFO 3"), lines.lines());
    }

    @Test
    void withPublishEachNumberIsAlsoAnEvent() {
        List<String> events = new java.util.ArrayList<>();
        scheduler.events().subscribe("counter.*", e -> events.add(scheduler.clock().millis() + " " + e.topic() + " "
                + e.payload()));
        start(new CounterProvider.Config(Duration.ofMillis(10), 1L, true));
        scheduler.run(Duration.ofMillis(25));
        assertEquals(List.of("0 counter.ticks {value=1}", "10 counter.ticks {value=2}", "20 counter.ticks {value=3}"),
                events);
    }

    @Test
    void rejectsAPeriodThatIsNotPositiveNamingTheField() {
        FieldException e = assertThrows(FieldException.class, () -> new CounterProvider.Config(Duration.ZERO, null, null));
        assertEquals("every: must be positive, got 0s", e.getMessage());
    }

    private void start(CounterProvider.Config config) {
        TaskEnvironment env = TaskEnvironment.of("ticks", scheduler, lines, new HashMap<>());
        scheduler.spawn("ticks", provider.create(config, env));
    }
}
