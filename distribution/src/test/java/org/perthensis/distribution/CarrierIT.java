package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running app's virtual threads share one carrier unless the command line asks for more:
 * read from the live process with {@code jcmd PID Thread.vthread_scheduler} (JDK 24 and newer),
 * which prints the JDK's scheduler with its parallelism.
 */
class CarrierIT {

    private static final Path JCMD = Distribution.JAVA.resolveSibling("jcmd");
    private static final Pattern PARALLELISM = Pattern.compile("ForkJoinPool@\\w+\\[.*parallelism = (\\d+),");

    @TempDir
    Path dir;

    @Test
    void theRunningAppSchedulesItsVirtualThreadsOnOneCarrier() throws Exception {
        assertEquals(1, parallelismOfTheRunningDemo(List.of()));
    }

    @Test
    void aCarrierCountOnTheCommandLineWins() throws Exception {
        assertEquals(2, parallelismOfTheRunningDemo(List.of("-Djdk.virtualThreadScheduler.parallelism=2")));
    }

    private int parallelismOfTheRunningDemo(List<String> jvmOptions) throws IOException, InterruptedException {
        try (AppProcess app = Distribution.start(dir, jvmOptions, Distribution.MODS)) {
            app.awaitOut("1"::equals, "\"1\" (the demo's first tick, from a virtual thread)");
            Process jcmd = new ProcessBuilder(JCMD.toString(), Long.toString(app.pid()), "Thread.vthread_scheduler")
                    .redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(jcmd.waitFor(AppProcess.PATIENCE.toMillis(), TimeUnit.MILLISECONDS), out);
            Assumptions.assumeFalse(out.contains("Unknown diagnostic command"),
                    "jcmd Thread.vthread_scheduler needs JDK 24 or newer: " + out);
            Matcher m = PARALLELISM.matcher(out);
            assertTrue(m.find(), out);
            app.sigterm();
            assertEquals(0, app.awaitExit());
            return Integer.parseInt(m.group(1));
        }
    }
}
