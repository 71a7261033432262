package org.perthensis.ntp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.perthensis.api.Durations;
import org.perthensis.api.Scheduler;

/**
 * Scripted servers for tests of the schedule: no sockets, answers at once, so virtual time
 * stays exact. Host names ending in {@code .invalid} do not resolve; a host without a script
 * never answers.
 */
final class FakeNetwork implements NtpNetwork {
    static final SocketTimeoutException NO_ANSWER = new SocketTimeoutException("Receive timed out");

    private final Scheduler scheduler;
    private final Map<String, Deque<Object>> scripts = new ConcurrentHashMap<>();
    /** Every request as "virtual time host", such as {@code 30min a}. */
    final List<String> calls = new CopyOnWriteArrayList<>();

    FakeNetwork(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    static Sample sample(long offsetMillis, long delayMillis) {
        return new Sample(Duration.ofMillis(offsetMillis), Duration.ofMillis(delayMillis), 2);
    }

    /**
     * Scripts a host's replies: each request takes the next, the last one repeats.
     *
     * @param replies {@link Sample}s, {@link IOException}s or {@link BadAnswer}s
     */
    FakeNetwork script(String host, Object... replies) {
        scripts.put(host, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    @Override
    public InetSocketAddress resolve(Server server) throws UnknownHostException {
        if (server.host().endsWith(".invalid")) {
            throw new UnknownHostException(server.host());
        }
        return InetSocketAddress.createUnresolved(server.host(), server.port());
    }

    @Override
    public Sample exchange(InetSocketAddress server, Duration timeout) throws IOException, BadAnswer {
        calls.add(Durations.format(scheduler.clock().elapsed()) + " " + server.getHostString());
        Deque<Object> script = scripts.get(server.getHostString());
        Object reply = script == null ? NO_ANSWER : script.size() > 1 ? script.poll() : script.peek();
        return switch (reply) {
            case Sample s -> s;
            case IOException e -> throw e;
            case BadAnswer b -> throw b;
            default -> throw new IllegalArgumentException("cannot reply with " + reply);
        };
    }
}
