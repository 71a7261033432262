package org.perthensis.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Metrics;

/** The limits that keep browsers from costing the device more than it can give. */
class StreamsTest {

    private final TestDevice device = new TestDevice("{}");

    @AfterEach
    void stop() throws InterruptedException {
        device.close();
    }

    private double metric(String name) {
        return device.onLoop(() -> device.metrics.collect().stream().filter(s -> s.name().equals(name))
                .mapToDouble(Metrics.Sample::value).sum());
    }

    @Test
    void aNinthEventStreamIsRefusedUntilAnotherCloses() {
        List<TestDevice.Stream> open = new ArrayList<>();
        try {
            for (int i = 0; i < Routes.MAX_STREAMS; i++) {
                TestDevice.Stream s = device.stream();
                assertEquals(200, s.response.statusCode());
                s.next("snapshot");
                open.add(s);
            }
            try (TestDevice.Stream ninth = device.stream()) {
                assertEquals(503, ninth.response.statusCode());
                assertEquals("10", ninth.response.headers().firstValue("Retry-After").orElseThrow());
            }
            assertTrue(device.log.lines().stream().anyMatch(l -> l.matches("WARNING web 'status': refused an event stream"
                    + " to 127\\.0\\.0\\.1:\\d+: 8 are open already \\(close a page, or let it reconnect later\\)")),
                    device.log.lines()::toString);
            assertEquals(1.0, metric("perthensis_web_streams_refused_total"));
            assertEquals(8.0, metric("perthensis_web_streams"));

            // A page closed since (a reload) is found out when a ninth asks: the open ones are probed.
            open.removeFirst().close();
            TestDevice.Stream again = device.stream();
            open.add(again);
            assertEquals(200, again.response.statusCode());
            again.next("snapshot");
        } finally {
            open.forEach(TestDevice.Stream::close);
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileTheLoopAndAReadingClientGoOn() throws Exception {
        try (TestDevice.Stream reader = device.stream(); Socket stalled = new Socket()) {
            reader.next("snapshot");
            stalled.setReceiveBufferSize(4096); // a small window, so the server's writes back up soon
            stalled.connect(new InetSocketAddress(device.base.getHost(), device.base.getPort()));
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /events HTTP/1.1\r\nHost: " + device.base.getAuthority() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = stalled.getInputStream();
            byte[] head = new byte[15];
            assertEquals(15, in.readNBytes(head, 0, 15)); // it read the start of its answer, then stops reading
            assertEquals("HTTP/1.1 200 OK", new String(head, StandardCharsets.US_ASCII));
            TestDevice.await(() -> metric("perthensis_web_streams") == 2.0, "both streams open");

            // 4 MiB of events, 2 KiB each, from a task that never waits for a client. It keeps pace with the
            // reading client, which this test reads slowly, so that only the stalled one can fall behind.
            String text = "x".repeat(2048);
            long[] published = {0};
            java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong(-1);
            long started = System.nanoTime();
            device.scheduler.post(() -> device.scheduler.spawn("flood", s -> {
                for (int i = 0; i < 2048; i++) {
                    s.events().publish("test.flood", Map.of("i", i, "text", text));
                    published[0]++;
                    while (i - read.get() > 8) {
                        s.sleep(Duration.ofMillis(1));
                    }
                }
            }));
            for (int i = 0; i < 2048; i++) {
                assertEquals((long) i, ((Map<?, ?>) reader.nextEvent("test.flood").get("payload")).get("i"),
                        "the reading client gets every event, in order");
                read.set(i);
            }
            assertEquals(2048, device.onLoop(() -> published[0]));
            assertTrue(System.nanoTime() - started < TestDevice.PATIENCE.toNanos());
            assertEquals(1.0, metric("perthensis_web_streams_dropped_total"));
            TestDevice.await(() -> metric("perthensis_web_streams") == 1.0, "only the reading stream left");
            assertEquals(List.of("WARNING web 'status': dropped an event stream that fell 64 KiB behind (a client that"
                    + " stopped reading); its page reconnects when it reads again"), device.log.at(System.Logger.Level.WARNING));
            // Its connection was closed: once the client reads what the kernel held for it, it finds the end.
            stalled.setSoTimeout((int) TestDevice.PATIENCE.toMillis());
            assertTrue(drain(in) > 0);
        }
    }

    private static long drain(InputStream in) throws IOException {
        long n = 0;
        byte[] buf = new byte[65536];
        try {
            for (int r; (r = in.read(buf)) >= 0; ) {
                n += r;
            }
        } catch (java.net.SocketException reset) {
            // closed abruptly: also an end
        }
        return n;
    }
}
