package org.perthensis.net;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;

/**
 * The {@code recover} shell command of a {@code net} task: run after enough failed checks in a
 * row, never more often than allowed, killed when it hangs; its status and output are logged.
 */
final class RecoverCommand {
    /** Output kept for the log line; nmcli and friends say what matters in the first lines. */
    static final int OUTPUT_LIMIT = 500;

    private final String command;
    private final int after;
    private final long everyNanos;
    private final Duration timeout;
    private final System.Logger log;
    private boolean ran;
    private long lastRun;

    RecoverCommand(String command, int after, Duration every, Duration timeout, System.Logger log) {
        this.command = command;
        this.after = after;
        this.everyNanos = every.toNanos();
        this.timeout = timeout;
        this.log = log;
    }

    /** Called after each failed check with the number of failed checks in a row. */
    void afterFailedCheck(Scheduler scheduler, int failures) throws Exception {
        long now = scheduler.clock().nanos();
        if (failures < after || (ran && now - lastRun < everyNanos)) {
            return;
        }
        ran = true;
        lastRun = now;
        log.log(INFO, "network down for " + Text.count(failures, "check") + " in a row; running recover command: "
                + command);
        run(scheduler, "recover command", command, timeout, log);
    }

    /**
     * Runs a command on a blocking thread and logs how it ended: its status and the start of its
     * output on one line, a warning when it failed, could not start or had to be killed.
     *
     * @param scheduler the calling task's scheduler
     * @param label what the lines call it, such as {@code recover command}
     * @param command the shell command
     * @param timeout the time after which it is killed
     * @param log where the lines go
     * @return true if it exited with status 0
     */
    static boolean run(Scheduler scheduler, String label, String command, Duration timeout, System.Logger log)
            throws Exception {
        Outcome outcome;
        try {
            outcome = scheduler.blocking(() -> execute(command, timeout));
        } catch (IOException e) {
            log.log(WARNING, label + " could not be started: " + e.getMessage());
            return false;
        }
        if (outcome.status() == null) {
            log.log(WARNING, label + " did not finish within " + Durations.format(timeout) + " and was killed; output: "
                    + outcome.output());
            return false;
        }
        log.log(outcome.status() == 0 ? INFO : WARNING, label + " exited with status " + outcome.status()
                + "; output: " + outcome.output());
        return outcome.status() == 0;
    }

    /** The exit status ({@code null} when killed) and the start of the output, on one line. */
    record Outcome(Integer status, String output) {
    }

    /** Runs on a blocking thread. Output goes to a file so that a child holding the pipe open cannot block us. */
    static Outcome execute(String command, Duration timeout) throws IOException, InterruptedException {
        Path output = Files.createTempFile("perthensis-recover-", ".log");
        try {
            Process process = new ProcessBuilder("/bin/sh", "-c", command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            process.getOutputStream().close(); // a command that reads stdin sees its end at once
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                kill(process);
                throw e;
            }
            if (!finished) {
                kill(process);
            }
            return new Outcome(finished ? process.exitValue() : null, oneLine(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The shell first, so that it cannot go on to its next command when its child dies. */
    private static void kill(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(5, TimeUnit.SECONDS);
    }

    private static String oneLine(Path file) throws IOException {
        byte[] head;
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(OUTPUT_LIMIT * 4);
        }
        String text = new String(head, UTF_8).strip().replaceAll("\\s*\\R\\s*", " | ");
        if (text.isEmpty()) {
            return "(none)";
        }
        if (text.length() > OUTPUT_LIMIT || size > head.length) {
            return text.substring(0, Math.min(text.length(), OUTPUT_LIMIT)) + " ... (" + size + " bytes in all)";
        }
        return text;
    }
}
