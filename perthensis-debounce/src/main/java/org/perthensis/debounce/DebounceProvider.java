package org.perthensis.debounce;

import com.pi4j.context.Context;
import java.util.Optional;
import org.perthensis.api.Entities;
import org.perthensis.api.Entity;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;

/**
 * Task type {@code debounce}: one debounced input pin or button, published as
 * {@code debounce.<name>} events. Every {@code debounce} task of the runtime shares one
 * {@link Debouncer}, so one timer serves all their pins.
 */
public final class DebounceProvider implements TaskProvider<DebounceConfig> {

    /** Creates the provider; the runtime finds it with {@link java.util.ServiceLoader}. */
    public DebounceProvider() {
    }

    @Override
    public String type() {
        return "debounce";
    }

    @Override
    public Class<DebounceConfig> configType() {
        return DebounceConfig.class;
    }

    @Override
    public Task create(DebounceConfig config, TaskEnvironment environment) {
        Context pi4j = environment.requireService(Context.class);
        PinClaims.claim(environment, "pin", config.pin());
        String name = environment.taskName();
        Entities.of(environment).add(Entity.binarySensor(name, name, "debounce." + name,
                e -> e.get("pressed") instanceof Boolean pressed ? pressed : null).withDeviceClass(config.deviceClass()));
        return new DebounceTask(config, environment, pi4j, sharedDebouncer(environment));
    }

    /**
     * The one debouncer of every {@code debounce} task of the runtime, made by the first one
     * with the environment's scheduler and kept as a service, so that one timer serves all pins.
     */
    private static TimerDebouncer sharedDebouncer(TaskEnvironment environment) {
        synchronized (TimerDebouncer.class) { // two environments of one registry may create at once
            return environment.service(TimerDebouncer.class).orElseGet(() -> {
                TimerDebouncer pins = new TimerDebouncer(environment.scheduler());
                environment.provide(TimerDebouncer.class, pins);
                return pins;
            });
        }
    }

    @Override
    public Optional<String> description() {
        return Optional.of("a debounced input pin or button: debounce.<name> events, press, release, long press, clicks");
    }
}
