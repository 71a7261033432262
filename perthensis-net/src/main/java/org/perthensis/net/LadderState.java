package org.perthensis.net;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * What the recovery ladder keeps on disk, in a small properties file: the boot it belongs to,
 * the outage a runtime restart interrupted (its start as the machine's uptime, and the steps
 * run), and the wall times of the ladder's reboots. Written only when a restart or a reboot
 * is about to happen and when the network is back after one, so an SD card sees a few writes
 * per outage; each write goes to a new file renamed over the old one.
 */
final class LadderState {

    String boot = "";
    /** The uptime at which the interrupted outage began, or null when none is in progress. */
    Duration outageSince;
    final Set<String> done = new LinkedHashSet<>();
    final List<Instant> reboots = new ArrayList<>();

    /**
     * Reads a state file; a missing one is an empty state.
     *
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if it is not one this class wrote
     */
    static LadderState read(Path file) throws IOException {
        LadderState state = new LadderState();
        if (!Files.exists(file)) {
            return state;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        state.boot = p.getProperty("boot", "");
        String since = p.getProperty("outageSinceUptime", "");
        state.outageSince = since.isEmpty() ? null : Duration.ofMillis(Long.parseLong(since));
        state.done.addAll(words(p.getProperty("done", "")));
        for (String t : words(p.getProperty("reboots", ""))) {
            state.reboots.add(Instant.ofEpochMilli(Long.parseLong(t)));
        }
        return state;
    }

    private static List<String> words(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(w -> !w.isEmpty()).toList();
    }

    /** Writes the state to a new file and renames it over {@code file}. */
    void write(Path file, String task) throws IOException {
        Properties p = new Properties();
        p.setProperty("boot", boot);
        p.setProperty("outageSinceUptime", outageSince == null ? "" : Long.toString(outageSince.toMillis()));
        p.setProperty("done", String.join(",", done));
        p.setProperty("reboots", String.join(",", reboots.stream().map(t -> Long.toString(t.toEpochMilli())).toList()));
        StringWriter text = new StringWriter();
        try {
            p.store(text, "recovery ladder of net task '" + task + "'; delete it to forget its reboots and outage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(file.getFileName() + ".tmp");
        Files.writeString(tmp, text.toString());
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The reboots within 24 hours of {@code now} either way: a clock set back counts against rebooting, not for it. */
    List<Instant> rebootsNear(Instant now) {
        Duration day = Duration.ofDays(1);
        return reboots.stream().filter(t -> t.isAfter(now.minus(day)) && t.isBefore(now.plus(day))).sorted().toList();
    }
}
