package org.perthensis.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a task type that keeps outgoing data on disk (the {@code connection}, {@code mqtt})
 * writes its journal field in a config file, so that every such type reads it alike:
 * {@code "journal": {"dir": "/var/lib/perthensis/uplink", "maxBytes": "64MB", "sync": "1s",
 * "overflow": "drop-oldest", "maxAge": "7d"}}. The journal itself is the library module
 * {@code org.perthensis.journal}; this record is only the notation and its checks.
 *
 * <p>Sizes are written as a number and a unit: {@code B}, {@code kB} (or {@code KB},
 * {@code KiB}: 1,024 bytes), {@code MB} ({@code MiB}: 1,048,576 bytes), {@code GB}
 * ({@code GiB}), such as {@code 64MB} or {@code 1.5GB}.
 *
 * @param dir the folder of the journal's files; required
 * @param maxBytes the most the journal may take on disk (default: {@code 64MB}, at least {@code 2MB})
 * @param sync {@code always} (force each record to the device before it counts as taken),
 *        a duration such as {@code 1s} (force at most that often), or {@code never} (leave it to
 *        the operating system) (default: {@code 1s})
 * @param overflow what a full journal does: {@code drop-oldest} or {@code reject-newest}
 *        (default: {@code drop-oldest})
 * @param maxAge records older than this are dropped and counted instead of sent (default: none)
 */
public record JournalConfig(String dir, String maxBytes, String sync, String overflow, Duration maxAge) {

    /** The default {@code maxBytes}: 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** The least {@code maxBytes}: two segments of 1 MiB. */
    public static final long MIN_MAX_BYTES = 2L << 20;

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|kB|KB|KiB|MB|MiB|GB|GiB)");

    /**
     * Supplies defaults and checks the values.
     *
     * @param dir the folder, required
     * @param maxBytes the size limit, or null for 64MB
     * @param sync the sync policy, or null for 1s
     * @param overflow the overflow policy, or null for drop-oldest
     * @param maxAge the time to live, or null for none
     * @throws FieldException for a bad value, naming the field
     */
    public JournalConfig {
        Checks.notBlank("dir", dir, "a folder for the journal's files, such as \"/var/lib/perthensis/uplink\"");
        maxBytes = maxBytes == null ? "64MB" : maxBytes.strip();
        if (bytes(maxBytes) < MIN_MAX_BYTES) {
            throw Checks.invalid("maxBytes", "must be at least 2MB, got " + Checks.quote(maxBytes));
        }
        sync = sync == null ? "1s" : sync.strip();
        if (!sync.equalsIgnoreCase("always") && !sync.equalsIgnoreCase("never")) {
            try {
                Checks.positive("sync", Durations.parse(sync), null);
            } catch (IllegalArgumentException e) {
                throw e instanceof FieldException f ? f : Checks.invalid("sync", "must be \"always\", \"never\" or a"
                        + " duration such as \"1s\", got " + Checks.quote(sync));
            }
        } else {
            sync = sync.toLowerCase(Locale.ROOT);
        }
        overflow = Checks.oneOf("overflow", overflow, "drop-oldest", List.of("drop-oldest", "reject-newest"));
        maxAge = maxAge == null ? null : Checks.positive("maxAge", maxAge, null);
    }

    /**
     * A journal in {@code dir} with every default.
     *
     * @param dir the folder of its files
     * @return the settings
     */
    public static JournalConfig in(String dir) {
        return new JournalConfig(dir, null, null, null, null);
    }

    /**
     * The size limit in bytes.
     *
     * @return {@code maxBytes} read
     */
    public long maxByteCount() {
        return bytes(maxBytes);
    }

    /**
     * Whether each record is forced to the device before it counts as taken.
     *
     * @return {@code true} for {@code "sync": "always"}
     */
    public boolean syncAlways() {
        return sync.equals("always");
    }

    /**
     * Whether forcing is left to the operating system.
     *
     * @return {@code true} for {@code "sync": "never"}
     */
    public boolean syncNever() {
        return sync.equals("never");
    }

    /**
     * How often records are forced, for a {@code sync} that is a duration.
     *
     * @return the interval, or 1 s for {@code always} and {@code never} (how soon buffered
     *         records reach the operating system and the acknowledged position is saved)
     */
    public Duration syncInterval() {
        return syncAlways() || syncNever() ? Duration.ofSeconds(1) : Durations.parse(sync);
    }

    /**
     * Whether a full journal drops its oldest records rather than refusing new ones.
     *
     * @return {@code true} for {@code "overflow": "drop-oldest"}
     */
    public boolean dropOldest() {
        return overflow.equals("drop-oldest");
    }

    private static long bytes(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw Checks.invalid("maxBytes", "must be a size such as \"64MB\" or \"512kB\", got " + Checks.quote(text));
        }
        long unit = switch (m.group(2)) {
            case "B" -> 1L;
            case "kB", "KB", "KiB" -> 1L << 10;
            case "MB", "MiB" -> 1L << 20;
            default -> 1L << 30;
        };
        try {
            return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).longValueExact();
        } catch (ArithmeticException e) {
            throw Checks.invalid("maxBytes", "must be a whole number of bytes of at most 8EB, got " + Checks.quote(text));
        }
    }
}
