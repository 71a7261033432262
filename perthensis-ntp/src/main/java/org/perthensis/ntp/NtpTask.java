package org.perthensis.ntp;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Subscription;
import org.perthensis.api.Task;

/**
 * The schedule: sync at once, then every {@code retry} until the time is known and every
 * {@code refresh} after that, measured from the start of each sync; a fresh {@code net.up}
 * while the time is not known yet starts a sync at once.
 *
 * <p>What must outlive a restart of the task (the clock, the servers' kiss-o'-death verdicts)
 * lives in fields; {@link #run} sets up its subscription each time and closes it on the way out.
 */
final class NtpTask implements Task {
    /** The pause between requests to one server: chrony's {@code iburst} spacing. */
    static final Duration SAMPLE_SPACING = Duration.ofSeconds(2);
    /** ntpd's step threshold: the system clock is left alone when it is closer than this. */
    static final Duration STEP_THRESHOLD = Duration.ofMillis(128);

    private final NtpProvider.Config config;
    private final NtpClock clock;
    private final Synchronizer synchronizer;
    private final SystemClockSetter clockSetter;
    private final System.Logger log;
    /** Set by the {@code net.up} listener while the time is not known; the loop's state, like all task state. */
    private boolean netCameUp;

    NtpTask(NtpProvider.Config config, NtpClock clock, NtpNetwork network, SystemClockSetter clockSetter,
            Duration sampleSpacing, System.Logger log) {
        this.config = config;
        this.clock = clock;
        this.synchronizer = new Synchronizer(config.serverList(), network, config.samples(), config.timeout(),
                sampleSpacing, log);
        this.clockSetter = clockSetter;
        this.log = log;
    }

    @Override
    public void run(Scheduler s) throws Exception {
        Subscription netUp = s.events().subscribe("net.up", e -> netCameUp |= !clock.hasTime());
        try {
            while (true) {
                long started = s.clock().nanos();
                netCameUp = false;
                switch (synchronizer.sync(s)) {
                    case Synchronizer.Synced synced -> synced(s, synced);
                    case Synchronizer.Failed failed when !failed.serversLeft() -> {
                        giveUp(s, failed);
                        return;
                    }
                    case Synchronizer.Failed failed -> failed(s, failed);
                }
                waitForNextSync(s, started + (clock.hasTime() ? config.refresh() : config.retry()).toNanos());
            }
        } finally {
            netUp.close();
        }
    }

    private void synced(Scheduler s, Synchronizer.Synced synced) throws Exception {
        SyncResult result = clock.update(synced.server(), synced.sample());
        report(s, result);
        if (config.setSystemClock()) {
            stepSystemClock(s, result.offset());
        }
    }

    private void failed(Scheduler s, Synchronizer.Failed failed) {
        log.log(WARNING, "sync failed: " + failed.reason() + (clock.hasTime()
                ? "; keeping the corrected time, next try in " + Durations.format(config.refresh())
                : "; the time is not known yet, next try in " + Durations.format(config.retry())));
        s.events().publish("ntp.failed", Map.of("reason", failed.reason()));
    }

    private void report(Scheduler s, SyncResult r) {
        log.log(INFO, "synced with " + r.server() + " (stratum " + r.stratum() + "): offset "
                + Measurements.offset(r.offset()) + ", delay " + Measurements.delay(r.delay())
                + "; next sync in " + Durations.format(config.refresh()));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("server", r.server());
        payload.put("offset", Measurements.millis(r.offset()));
        payload.put("delay", Measurements.millis(r.delay()));
        payload.put("stratum", r.stratum());
        s.events().publish("ntp.synced", Collections.unmodifiableMap(payload));
    }

    private void stepSystemClock(Scheduler s, Duration offset) throws Exception {
        if (offset.abs().compareTo(STEP_THRESHOLD) <= 0) {
            log.log(DEBUG, () -> "system clock off by " + Measurements.offset(offset) + ", within "
                    + Durations.format(STEP_THRESHOLD) + ": left alone");
            return;
        }
        try {
            s.blocking(() -> {
                clockSetter.step(offset);
                return null;
            });
            log.log(INFO, "stepped the system clock by " + Measurements.offset(offset));
        } catch (IOException e) {
            log.log(WARNING, "could not set the system clock (setSystemClock needs root or the CAP_SYS_TIME"
                    + " capability): " + e.getMessage());
        }
    }

    private void giveUp(Scheduler s, Synchronizer.Failed failed) {
        log.log(ERROR, "sync failed: " + failed.reason() + ". Every server refused service (kiss-o'-death DENY or"
                + " RSTR), so the ntp task stops; configure other servers");
        s.events().publish("ntp.failed", Map.of("reason", failed.reason()));
    }

    private void waitForNextSync(Scheduler s, long due) {
        while (true) {
            long left = due - s.clock().nanos();
            if (clock.hasTime()) {
                s.sleep(Duration.ofNanos(left));
                return;
            }
            if (netCameUp) {
                log.log(INFO, "the network is up (net.up) and the time is not known yet: syncing now");
                return;
            }
            if (left <= 0) {
                return;
            }
            s.events().await("net.up", Duration.ofNanos(left));
        }
    }
}
