package org.perthensis.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** What the recovery ladder needs to know of the machine's boot: which one this is, and how long ago. */
interface Boot {

    /** Linux's: a random id per boot and the seconds since it, from {@code /proc}. */
    Boot LINUX = new Boot() {
        @Override
        public String id() {
            try {
                return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public Optional<Duration> uptime() {
            try {
                String seconds = Files.readString(Path.of("/proc/uptime")).strip().split("\\s+")[0];
                return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000)));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    };

    /**
     * The id of this boot, the same for every process until the machine restarts.
     *
     * @return the id, or empty if unknown
     */
    String id();

    /**
     * The time since the machine booted.
     *
     * @return the uptime, or empty if unknown
     */
    Optional<Duration> uptime();
}
