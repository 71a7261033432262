package org.perthensis.ntp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Steps the system clock with GNU {@code date -s "+1.250000000 seconds"}: relative to the
 * moment {@code date} runs, so the time it takes to start the process does not count.
 * Setting the clock needs root or the {@code CAP_SYS_TIME} capability.
 */
final class DateCommand implements SystemClockSetter {
    private static final long LIMIT_SECONDS = 10;

    private final List<String> command;

    /** @param command the program and its leading arguments; the relative time is appended */
    DateCommand(List<String> command) {
        this.command = List.copyOf(command);
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
            if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException(line.getFirst() + " did not finish within " + LIMIT_SECONDS + "s");
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
