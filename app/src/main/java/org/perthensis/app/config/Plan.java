package org.perthensis.app.config;

import java.time.Duration;
import java.util.List;
import org.perthensis.api.ConfiguredTasks;
import org.perthensis.api.TaskProvider;

/**
 * A config file once checked: what to run, what to skip, and how.
 *
 * @param source the file, for messages
 * @param gpio the chosen {@code gpio.provider}
 * @param shutdownGrace how long tasks get to end after a signal
 * @param tasks the tasks to create, in file order
 * @param skipped the tasks whose type no module provides, each with its warning
 * @param configured every task of the file that has a type and a name, skipped ones included,
 *        for the tasks that name one another
 * @param buses the I2C buses of the {@code "buses"} section, in file order
 */
public record Plan(ConfigSource source, GpioMode gpio, Duration shutdownGrace, List<Entry> tasks, List<Skipped> skipped,
        ConfiguredTasks configured, List<Bus> buses) {

    /**
     * An I2C bus that tasks share, by the name they give it.
     *
     * @param name its name in the file, such as {@code i2c1}
     * @param number the Linux bus number: 1 for {@code /dev/i2c-1}
     */
    public record Bus(String name, int number) {
    }

    /**
     * A task whose type is present and whose settings bound without a mistake.
     *
     * @param path its JSON path, such as {@code $.tasks[2]}
     * @param name its name
     * @param type its type
     * @param restart its restart policy
     * @param provider the provider of its type
     * @param config the bound config record
     */
    public record Entry(String path, String name, String type, Restart restart, TaskProvider<?> provider, Record config) {
    }

    /**
     * A task left out because no module provides its type.
     *
     * @param path its JSON path
     * @param warning the whole warning line
     */
    public record Skipped(String path, String warning) {
    }
}
