package org.perthensis.debounce;

import com.pi4j.context.Context;
import java.util.Optional;
import org.perthensis.api.Entities;
import org.perthensis.api.Entity;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskProvider;

/** Task type {@code rotary}: a rotary encoder, published as {@code rotary.<name>} events. */
public final class RotaryProvider implements TaskProvider<RotaryConfig> {

    /** Creates the provider; the runtime finds it with {@link java.util.ServiceLoader}. */
    public RotaryProvider() {
    }

    @Override
    public String type() {
        return "rotary";
    }

    @Override
    public Class<RotaryConfig> configType() {
        return RotaryConfig.class;
    }

    @Override
    public Task create(RotaryConfig config, TaskEnvironment environment) {
        Context pi4j = environment.requireService(Context.class);
        PinClaims.claim(environment, "clk", config.clk());
        PinClaims.claim(environment, "dt", config.dt());
        String name = environment.taskName();
        Entities.of(environment).add(Entity.sensor(name, name, "rotary." + name, e -> e.get("value")));
        return new RotaryTask(config, environment, pi4j);
    }

    @Override
    public Optional<String> description() {
        return Optional.of("a rotary encoder: rotary.<name> events with each detent's delta and a bounded value");
    }
}
