package org.perthensis.example.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;

class CounterProviderTest {

    private final Scheduler scheduler = Scheduler.builder().virtualTime().build();
    private final Lines lines = new Lines(scheduler);
    private final CounterProvider provider = new CounterProvider();

    @Test
    void countsUpOneNumberEachPeriod() {
        start(new CounterProvider.Config(Duration.ofMillis(250), 7L));
        scheduler.run(Duration.ofMillis(800));
        assertEquals(List.of("0 INFO 7", "250 INFO 8", "500 INFO 9", "750 INFO 10"), lines.all);
    }

    @Test
    void countsFromOneOnceASecondByDefault() {
        start(new CounterProvider.Config(null, null));
        scheduler.run(Duration.ofSeconds(2));
        assertEquals(List.of("0 INFO 1", "1000 INFO 2", "2000 INFO 3"), lines.all);
    }

    @Test
    void rejectsAPeriodThatIsNotPositiveNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CounterProvider.Config(Duration.ZERO, null));
        assertEquals("every: must be positive, got PT0S", e.getMessage());
    }

    private void start(CounterProvider.Config config) {
        TaskEnvironment env = TaskEnvironment.of("ticks", scheduler, lines, new HashMap<>());
        scheduler.spawn("ticks", provider.create(config, env));
    }

    /** Keeps each line as "millis LEVEL message", the time read from the scheduler's clock. */
    private static final class Lines implements System.Logger {
        final List<String> all = new CopyOnWriteArrayList<>();
        private final Scheduler clock;

        Lines(Scheduler clock) {
            this.clock = clock;
        }

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, Supplier<String> message) {
            all.add(clock.clock().millis() + " " + level + " " + message.get());
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            all.add(clock.clock().millis() + " " + level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            all.add(clock.clock().millis() + " " + level + " "
                    + (params == null || params.length == 0 ? format : MessageFormat.format(format, params)));
        }
    }
}
