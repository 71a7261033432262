package org.perthensis.sensors;

import static java.lang.System.Logger.Level.INFO;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.perthensis.api.Durations;
import org.perthensis.api.Entities;
import org.perthensis.api.Entity;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.Ticks;

/**
 * The task of every sensor type: finds and sets up its chip, then measures it at a fixed rate
 * and publishes each measurement as {@code sensor.<name>}: each reading by its quantity, their
 * units under {@code units}, and when it was taken under {@code at}. A failure (no answer, a
 * wrong chip) ends the run with its message, for the supervisor to log and restart after its
 * backoff; the next run sets the chip up afresh. Each reading is also a gauge of the
 * {@link Metrics} service, {@code perthensis_sensor_<quantity>} labelled with the task and unit.
 */
final class SensorTask implements Task {

    private final Sensor sensor;
    private final Duration every;
    private final TaskEnvironment environment;
    private final String topic;
    /** The last value of each quantity of this run, read by whoever collects the metrics. */
    private final Map<String, Double> last = new ConcurrentHashMap<>();
    /** The quantities with a gauge: registered once, kept by the runs after a failure. */
    private final Set<String> offered = new HashSet<>();

    SensorTask(Sensor sensor, Duration every, TaskEnvironment environment) {
        this.sensor = sensor;
        this.every = every;
        this.environment = environment;
        this.topic = "sensor." + environment.taskName();
        String name = environment.taskName();
        for (Sensor.Quantity q : sensor.quantities()) {
            Entities.of(environment).add(Entity.sensor(name, name + " " + q.name(), topic, e -> e.get(q.name()))
                    .withId(q.name()).withDeviceClass(q.deviceClass()).withUnit(q.unit()));
        }
    }

    @Override
    public void run(Scheduler s) throws Exception {
        last.clear(); // a chip that stopped answering shows no value rather than its last one
        sensor.start(s);
        environment.logger().log(INFO, sensor.describe() + " found; measuring every " + Durations.format(every));
        Ticks ticks = s.ticks(every);
        while (true) {
            ticks.await();
            List<Sensor.Reading> readings = sensor.measure(s);
            Map<String, Object> payload = new LinkedHashMap<>();
            Map<String, String> units = new LinkedHashMap<>();
            for (Sensor.Reading r : readings) {
                payload.put(r.quantity(), r.value());
                units.put(r.quantity(), r.unit());
                last.put(r.quantity(), r.value());
                if (offered.add(r.quantity())) {
                    offer(r);
                }
            }
            payload.put("units", units);
            payload.put("at", s.clock().wallTime());
            s.events().publish(topic, payload);
        }
    }

    /** A quantity's gauge: NaN until it is measured in this run. */
    private void offer(Sensor.Reading first) {
        String quantity = first.quantity();
        String unit = first.unit();
        environment.service(Metrics.class).ifPresent(m -> m.gauge(
                "perthensis_sensor_" + quantity.toLowerCase(Locale.ROOT),
                "The last " + quantity + " measured, in " + unit,
                Map.of("task", environment.taskName(), "unit", unit),
                () -> last.getOrDefault(quantity, Double.NaN)));
    }
}
