package org.perthensis.journal;

import java.time.Duration;
import java.time.InstantSource;

/**
 * How a {@link Journal} stores, syncs and bounds its records.
 *
 * <p>{@link #builder()} starts from the defaults; the constructor takes {@code null} for a
 * default as well (for {@code maxAge}, {@code null} means no limit). A value out of range is an
 * {@link IllegalArgumentException} naming the option.
 *
 * @param segmentBytes the size of one segment file, 1 MiB to 4 MiB (default: 4 MiB); whole
 *                     segments are what is deleted, once acknowledged or when dropped
 * @param maxBytes the most bytes all segments may take on disk, at least twice
 *                 {@code segmentBytes} (default: 64 MiB)
 * @param sync when appended records are forced to the storage device (default:
 *             {@link Sync#INTERVAL})
 * @param syncInterval how often {@link Sync#INTERVAL} forces, how soon {@link Sync#NEVER} hands
 *                     buffered records to the operating system, and how often the acknowledged
 *                     position is checkpointed (default: 1 s)
 * @param overflow what a full journal does with a new record (default:
 *                 {@link Overflow#DROP_OLDEST})
 * @param maxAge records older than this are not delivered but counted as expired; {@code null}
 *               for no limit (default: none)
 * @param clock the time stamped on each record, and the time {@code maxAge} is measured against
 *              (default: {@link InstantSource#system()})
 * @param logger where lost records and recovery are reported (default: the logger
 *               {@code org.perthensis.journal})
 */
public record JournalOptions(int segmentBytes, long maxBytes, Sync sync, Duration syncInterval, Overflow overflow,
        Duration maxAge, InstantSource clock, System.Logger logger) {

    /** 1 MiB, the smallest {@code segmentBytes}. */
    public static final int MIN_SEGMENT_BYTES = 1 << 20;
    /** 4 MiB, the largest {@code segmentBytes} and its default. */
    public static final int MAX_SEGMENT_BYTES = 4 << 20;
    /** 64 MiB, the default {@code maxBytes}. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    /** When appended records are forced to the storage device, and so what a power cut can take. */
    public enum Sync {
        /**
         * Force before {@link Journal#append} returns. A power cut loses no record whose
         * {@code append} returned. Each append waits for the device (appends from several
         * threads share a force); slow, and hard on an SD card at high rates.
         */
        ALWAYS,
        /**
         * Force at most once per {@code syncInterval}, from a background thread. A power cut
         * loses at most the records appended during the last interval (and during a force
         * under way). The default.
         */
        INTERVAL,
        /**
         * Never force but on {@link Journal#sync()} and {@link Journal#close()}; records are
         * handed to the operating system within {@code syncInterval}. A power cut loses
         * whatever the operating system had not yet written (Linux writes dirty pages back
         * within about 30 s by default), possibly from the middle of the journal.
         */
        NEVER
    }

    /** What {@link Journal#append} does when the journal holds {@code maxBytes}. */
    public enum Overflow {
        /**
         * Delete the oldest segment, acknowledged or not, and count its unacknowledged records
         * as dropped; the new record is kept.
         */
        DROP_OLDEST,
        /** Keep what is stored; {@code append} returns {@link Journal#REJECTED} and counts it. */
        REJECT_NEWEST
    }

    /** Checks the values and fills in defaults for {@code null}. */
    public JournalOptions {
        if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segmentBytes: must be 1 MiB to 4 MiB (" + MIN_SEGMENT_BYTES + " to "
                    + MAX_SEGMENT_BYTES + " bytes), got " + segmentBytes);
        }
        if (maxBytes < 2L * segmentBytes) {
            throw new IllegalArgumentException("maxBytes: must be at least twice segmentBytes (" + 2L * segmentBytes
                    + " bytes), got " + maxBytes);
        }
        sync = sync == null ? Sync.INTERVAL : sync;
        syncInterval = syncInterval == null ? Duration.ofSeconds(1) : syncInterval;
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException("syncInterval: must be positive, got " + syncInterval);
        }
        overflow = overflow == null ? Overflow.DROP_OLDEST : overflow;
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("maxAge: must be positive, got " + maxAge);
        }
        clock = clock == null ? InstantSource.system() : clock;
        logger = logger == null ? System.getLogger("org.perthensis.journal") : logger;
    }

    /**
     * The defaults: 4 MiB segments, 64 MiB in all, forced every second, the oldest dropped when
     * full, no age limit, the system clock.
     *
     * @return the default options
     */
    public static JournalOptions defaults() {
        return builder().build();
    }

    /**
     * A builder that starts from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link JournalOptions}; each method sets one option and returns this builder. */
    public static final class Builder {
        private int segmentBytes = MAX_SEGMENT_BYTES;
        private long maxBytes = DEFAULT_MAX_BYTES;
        private Sync sync;
        private Duration syncInterval;
        private Overflow overflow;
        private Duration maxAge;
        private InstantSource clock;
        private System.Logger logger;

        private Builder() {
        }

        /**
         * Sets {@link JournalOptions#segmentBytes()}.
         *
         * @param bytes the value
         * @return this builder
         */
        public Builder segmentBytes(int bytes) {
            this.segmentBytes = bytes;
            return this;
        }

        /**
         * Sets {@link JournalOptions#maxBytes()}.
         *
         * @param bytes the value
         * @return this builder
         */
        public Builder maxBytes(long bytes) {
            this.maxBytes = bytes;
            return this;
        }

        /**
         * Sets {@link JournalOptions#sync()}.
         *
         * @param sync the value
         * @return this builder
         */
        public Builder sync(Sync sync) {
            this.sync = sync;
            return this;
        }

        /**
         * Sets {@link JournalOptions#syncInterval()}.
         *
         * @param interval the value
         * @return this builder
         */
        public Builder syncInterval(Duration interval) {
            this.syncInterval = interval;
            return this;
        }

        /**
         * Sets {@link JournalOptions#overflow()}.
         *
         * @param overflow the value
         * @return this builder
         */
        public Builder overflow(Overflow overflow) {
            this.overflow = overflow;
            return this;
        }

        /**
         * Sets {@link JournalOptions#maxAge()}; {@code null} for no limit.
         *
         * @param maxAge the value
         * @return this builder
         */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        /**
         * Sets {@link JournalOptions#clock()}.
         *
         * @param clock the value
         * @return this builder
         */
        public Builder clock(InstantSource clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Sets {@link JournalOptions#logger()}.
         *
         * @param logger the value
         * @return this builder
         */
        public Builder logger(System.Logger logger) {
            this.logger = logger;
            return this;
        }

        /**
         * The options, checked.
         *
         * @return the options
         * @throws IllegalArgumentException naming the option that is out of range
         */
        public JournalOptions build() {
            return new JournalOptions(segmentBytes, maxBytes, sync, syncInterval, overflow, maxAge, clock, logger);
        }
    }
}
