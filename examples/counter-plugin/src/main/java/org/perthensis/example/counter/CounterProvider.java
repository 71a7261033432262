package org.perthensis.example.counter;

import static java.lang.System.Logger.Level.INFO;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.perthensis.api.Checks;
import org.perthensis.api.FieldException;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;

/**
 * Task type {@code counter}: the seed README's counter, which logs ever increasing numbers,
 * one each period, through the task's logger; with {@code publish}, also as the event
 * {@code counter.<name>} with {@code {"value": n}}, a steady source of events for tests.
 *
 * <pre>{@code
 * { "type": "counter", "name": "ticks", "every": "1s", "from": 1, "publish": true }
 * }</pre>
 */
public final class CounterProvider implements TaskProvider<CounterProvider.Config> {

    /**
     * The settings of a counter.
     *
     * @param every the time between two numbers, positive (default: 1s)
     * @param from the first number (default: 1)
     * @param publish whether each number is also published as the event {@code counter.<name>} (default: false)
     */
    public record Config(Duration every, Long from, Boolean publish) {

        /**
         * Supplies the defaults and checks the values.
         *
         * @param every the time between two numbers, or null for 1s
         * @param from the first number, or null for 1
         * @param publish whether to publish each number, or null for false
         * @throws FieldException if {@code every} is zero
         */
        public Config {
            every = Checks.positive("every", every, Duration.ofSeconds(1));
            if (from == null) {
                from = 1L;
            }
            publish = publish != null && publish;
        }
    }

    /** Creates the provider; {@link java.util.ServiceLoader} needs the public no-argument constructor. */
    public CounterProvider() {
    }

    @Override
    public String type() {
        return "counter";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Task create(Config config, TaskEnvironment environment) {
        System.Logger log = environment.logger();
        String topic = "counter." + environment.taskName();
        return s -> {
            // Starts again from the first number after a restart, as a fresh counter would.
            for (long x = config.from(); ; x++) {
                if (config.publish()) {
                    s.events().publish(topic, Map.of("value", x)); // first: a number logged was published
                }
                log.log(INFO, Long.toString(x));
                s.sleep(config.every());
            }
        };
    }

    @Override
    public Optional<String> description() {
        return Optional.of("counts up, one number each period (the seed README's counter; an example plugin)");
    }
}
