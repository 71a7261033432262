package org.perthensis.ntp;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;

/**
 * One sync: asks the servers in order until one gives good samples, keeping the sample with
 * the lowest delay, and remembers each server's kiss-o'-death verdicts between syncs.
 */
final class Synchronizer {
    /** A name lookup gets this long; the system resolver's own limits can be far longer. */
    static final Duration RESOLVE_LIMIT = Duration.ofSeconds(10);
    /** How long a server rests after a kiss-o'-death RATE; doubled for each RATE in a row, up to a day. */
    static final Duration FIRST_REST = Duration.ofHours(1);
    static final Duration LONGEST_REST = Duration.ofHours(24);

    /** How a sync ended. */
    sealed interface Outcome permits Synced, Failed {
    }

    /** A server gave good samples; {@code sample} is the one with the lowest delay. */
    record Synced(Server server, Sample sample) implements Outcome {
    }

    /**
     * No server gave a good sample.
     *
     * @param reason every server's problem, separated by {@code ; }
     * @param serversLeft whether any server may still be asked; {@code false} once all refused service
     */
    record Failed(String reason, boolean serversLeft) implements Outcome {
    }

    /** A server and what it told us about asking it again. */
    private static final class Peer {
        final Server server;
        boolean dropped;
        Duration rest;
        /** Monotonic nanoseconds; the clock starts at zero, so zero means not resting. */
        long restUntil;

        Peer(Server server) {
            this.server = server;
        }
    }

    private final List<Peer> peers = new ArrayList<>();
    private final NtpNetwork network;
    private final int samples;
    private final Duration timeout;
    private final Duration spacing;
    private final System.Logger log;

    /** {@code spacing} is the pause between two requests to the same server. */
    Synchronizer(List<Server> servers, NtpNetwork network, int samples, Duration timeout, Duration spacing,
            System.Logger log) {
        servers.forEach(s -> peers.add(new Peer(s)));
        this.network = network;
        this.samples = samples;
        this.timeout = timeout;
        this.spacing = spacing;
        this.log = log;
    }

    Outcome sync(Scheduler s) throws Exception {
        List<String> problems = new ArrayList<>();
        for (Peer peer : peers) {
            if (peer.dropped) {
                continue;
            }
            long now = s.clock().nanos();
            if (now < peer.restUntil) {
                long resting = peer.restUntil - now;
                String why = peer.server + ": resting for another " + Durations.format(Duration.ofNanos(resting))
                        + " after a kiss-o'-death RATE";
                log.log(DEBUG, () -> why);
                problems.add(why);
                continue;
            }
            Sample best = ask(s, peer, problems);
            if (best != null) {
                peer.rest = null;
                return new Synced(peer.server, best);
            }
        }
        boolean serversLeft = peers.stream().anyMatch(p -> !p.dropped);
        if (!serversLeft) {
            problems.add("no server left to ask");
        }
        return new Failed(String.join("; ", problems), serversLeft);
    }

    private Sample ask(Scheduler s, Peer peer, List<String> problems) throws Exception {
        InetSocketAddress address;
        try {
            address = s.withTimeout(RESOLVE_LIMIT, () -> s.blocking(() -> network.resolve(peer.server)));
        } catch (UnknownHostException e) {
            problem(problems, peer, "unknown host");
            return null;
        } catch (TimeoutException e) {
            problem(problems, peer, "no address found within " + Durations.format(RESOLVE_LIMIT));
            return null;
        }
        Sample best = null;
        int unanswered = 0;
        for (int i = 0; i < samples; i++) {
            if (i > 0) {
                s.sleep(spacing);
            }
            try {
                Sample got = s.blocking(() -> network.exchange(address, timeout));
                log.log(DEBUG, () -> peer.server + ": offset " + Measurements.offset(got.offset())
                        + ", delay " + Measurements.delay(got.delay()) + ", stratum " + got.stratum());
                if (best == null || got.delay().compareTo(best.delay()) < 0) {
                    best = got;
                }
            } catch (SocketTimeoutException e) {
                unanswered++;
            } catch (BadAnswer bad) {
                problem(problems, peer, "bad answer: " + bad.getMessage() + verdict(s, peer, bad.kissCode()));
                return null;
            } catch (IOException e) {
                problem(problems, peer, "cannot ask: " + e.getMessage());
                return null;
            }
        }
        if (best == null) {
            problem(problems, peer, "no answer within " + Durations.format(timeout)
                    + (samples > 1 ? " (" + samples + " requests)" : ""));
        } else if (unanswered > 0) {
            int lost = unanswered;
            log.log(DEBUG, () -> peer.server + ": " + lost + " of " + samples + " requests unanswered");
        }
        return best;
    }

    /** What a kiss-o'-death means for asking that server again, for the log line. */
    private String verdict(Scheduler s, Peer peer, String kissCode) {
        if (kissCode == null) {
            return "";
        }
        return switch (kissCode) {
            case "RATE" -> {
                Duration next = peer.rest == null ? FIRST_REST : peer.rest.multipliedBy(2);
                peer.rest = next.compareTo(LONGEST_REST) > 0 ? LONGEST_REST : next;
                peer.restUntil = s.clock().nanos() + peer.rest.toNanos();
                yield "; not asking it again for " + Durations.format(peer.rest);
            }
            case "DENY", "RSTR" -> {
                peer.dropped = true;
                yield "; dropping this server for good";
            }
            default -> "";
        };
    }

    private void problem(List<String> problems, Peer peer, String what) {
        String line = peer.server + ": " + what;
        log.log(WARNING, line);
        problems.add(line);
    }
}
