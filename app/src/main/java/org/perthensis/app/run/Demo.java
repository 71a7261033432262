package org.perthensis.app.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.perthensis.app.config.ConfigSource;

/**
 * What runs when there is no config file, so that the first launch shows something alive: the
 * tasks of {@code demo.json} in the app's jar (a heartbeat on simulated GPIO 17) and the seed
 * README's counter printing 1, 2, 3, ... once a second. The file's task types come from their
 * modules like any configured task; without such a jar that task is skipped with a warning.
 */
public final class Demo {

    /** How messages name the demo's config. */
    public static final String NAME = "built-in demo";

    private Demo() {
    }

    /**
     * The demo's config file.
     *
     * @return {@code demo.json}, parsed
     */
    public static ConfigSource config() {
        try (InputStream in = Demo.class.getResourceAsStream("demo.json")) {
            if (in == null) {
                throw new IllegalStateException("demo.json is missing from the app's jar");
            }
            return ConfigSource.parse(NAME, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The counter: a plain task, not a task type, so it needs no module.
     *
     * @param out where the numbers go
     * @return the task
     */
    public static Launch.Extra counter(PrintStream out) {
        return new Launch.Extra("counter", s -> {
            for (long x = 1; ; x++) {
                out.println(x);
                s.sleep(Duration.ofSeconds(1));
            }
        });
    }
}
