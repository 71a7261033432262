package org.perthensis.app;

import java.io.PrintStream;
import java.time.Duration;

/**
 * What runs when there is no config file, so that the first launch shows something alive: a
 * heartbeat on simulated GPIO 17 and the seed README's counter printing 1, 2, 3, ... once a second.
 */
final class Demo {

    static final String NAME = "built-in demo";

    /** The heartbeat comes from its module like any configured task; without the jar it is skipped with a warning. */
    static final String CONFIG = """
            {
              "gpio": { "provider": "mock" },
              "tasks": [ { "type": "heartbeat", "name": "heartbeat", "pin": 17 } ]
            }
            """;

    private Demo() {
    }

    /**
     * The counter: a plain task, not a task type, so it needs no module.
     *
     * @param out where the numbers go
     * @return the task
     */
    static Launch.Extra counter(PrintStream out) {
        return new Launch.Extra("counter", s -> {
            for (long x = 1; ; x++) {
                out.println(x);
                s.sleep(Duration.ofSeconds(1));
            }
        });
    }
}
