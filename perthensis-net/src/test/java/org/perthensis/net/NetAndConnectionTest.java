package org.perthensis.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.perthensis.api.Backoff;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.testing.RecordingLogger;

/**
 * Both task types on the real clock, made by their providers, cooperating through events only:
 * when the server goes away the watch publishes {@code net.down}, and its {@code net.up}
 * makes the connection reconnect at once instead of after its 10-second backoff.
 */
@Timeout(60)
class NetAndConnectionTest {

    @Test
    void netUpFromTheWatchMakesTheConnectionReconnectAtOnce() throws Exception {
        Scheduler s = Scheduler.create();
        RecordingLogger netLog = new RecordingLogger();
        RecordingLogger feedLog = new RecordingLogger();
        try (LineServer server = LineServer.start(0, LineServer.RECORD)) {
            String probe = "tcp://127.0.0.1:" + server.port();
            // A probe gets its whole period: on a loaded machine two loopback connects in a row can miss a 50ms timeout.
            s.spawn("lan", new NetProvider().create(new NetProvider.Config(Duration.ofMillis(500), List.of(probe),
                    Duration.ofMillis(500), 1, 2, null, null, null, null),
                    TaskEnvironment.of("lan", s, netLog, new HashMap<>())));
            Connection feed = (Connection) new ConnectionProvider().create(new ConnectionProvider.Config("127.0.0.1",
                    server.port(), new Backoff.Config(Duration.ofSeconds(10), null, 0.0), null, null, null,
                    null, null, null, null, null, null, null), TaskEnvironment.of("feed", s, feedLog, new HashMap<>()));
            s.spawn("feed", feed);
            Thread loop = Thread.ofPlatform().name("loop").start(s::runForever);
            try {
                awaitLine(feedLog, "INFO connection 'feed' up: connected to 127.0.0.1:" + server.port(), 1);
                server.stop(true);
                awaitLine(netLog, "WARNING network down since", 1);
                server.restart();
                awaitLine(feedLog, "INFO connection 'feed' up: connected to 127.0.0.1:" + server.port(), 2);
            } finally {
                s.shutdown();
                loop.join(Duration.ofSeconds(10));
            }
            assertEquals(List.of(
                    "INFO connection 'feed' up: connected to 127.0.0.1:" + server.port(),
                    "WARNING connection 'feed' down: closed by the server; reconnecting in 10s",
                    "INFO connection 'feed': network up (net.up); connecting now",
                    "INFO connection 'feed' up: connected to 127.0.0.1:" + server.port()), feedLog.visible());
            assertEquals(List.of("INFO network up: " + probe + " passes", "WARNING network down since",
                    "INFO network up: " + probe + " passes"), netLog.visible().stream()
                    .filter(l -> l.contains(" network "))
                    .map(l -> l.startsWith("WARNING network down since") ? "WARNING network down since" : l).toList());
        }
    }

    private static void awaitLine(RecordingLogger log, String start, int times) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (log.lines().stream().filter(l -> l.startsWith(start)).count() < times && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertTrue(log.lines().stream().filter(l -> l.startsWith(start)).count() >= times,
                "waited for '" + start + "': " + log.lines());
    }
}
