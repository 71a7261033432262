package org.perthensis.ntp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.perthensis.api.Durations;

/**
 * Steps the system clock with GNU {@code date -s "+1.250000000 seconds"}: relative to the
 * moment {@code date} runs, so the time it takes to start the process does not count.
 * Setting the clock needs root or the {@code CAP_SYS_TIME} capability.
 */
final class DateCommand implements SystemClockSetter {
    /** How long {@code date} may take; it sets the clock at once, so a slow one is hung. */
    static final Duration LIMIT = Duration.ofSeconds(10);

    private final List<String> command;
    private final Duration limit;

    /**
     * @param command the program and its leading arguments; the relative time is appended
     * @param limit how long it may run before it counts as hung
     */
    DateCommand(List<String> command, Duration limit) {
        this.command = List.copyOf(command);
        this.limit = limit;
    }

    DateCommand(List<String> command) {
        this(command, LIMIT);
    }

    DateCommand() {
        this(List.of("date", "-s"));
    }

    @Override
    public void step(Duration offset) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(command);
        line.add(relative(offset));
        Process p;
        try {
            p = new ProcessBuilder(line).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + line.getFirst() + ": " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close(); // nothing to say to it
            // Its few lines fit the pipe's buffer, so waiting before reading cannot deadlock,
            // and a hung date cannot hold us.
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(line.getFirst() + " did not finish within " + Durations.format(limit));
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new IOException(output.isEmpty()
                        ? line.getFirst() + " exited with status " + p.exitValue() : output);
            }
        } finally {
            p.destroyForcibly(); // gone already unless it hung
        }
    }

    /** {@code +1.250000000 seconds}, {@code -0.003000000 seconds}: what GNU date reads as "from now". */
    static String relative(Duration offset) {
        Duration abs = offset.abs();
        String nanos = Long.toString(1_000_000_000L + abs.getNano()).substring(1);
        return (offset.isNegative() ? "-" : "+") + abs.getSeconds() + "." + nanos + " seconds";
    }
}
