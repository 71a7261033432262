package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser: the distribution serves it, Debian's headless Chromium
 * loads it, and the page shows the tasks, then a live event the test causes, without a reload.
 * Screenshots of a desktop and a phone layout go to {@code target/}.
 */
class StatusPageIT {

    @TempDir
    Path dir;

    @Test
    void aBrowserShowsTheTasksAndThenALiveEventWithoutReloading() throws Exception {
        Path chromium = Chromium.find().orElse(null);
        if (chromium == null) {
            String why = "no chromium on this machine (apt-get install chromium; .ci/run installs it)";
            if ("1".equals(System.getenv("PERTHENSIS_CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        int web = freePort();
        int feed = freePort();
        Distribution.write(dir.resolve("perthensis.json"), """
                { "gpio": { "provider": "mock" },
                  "tasks": [
                    { "type": "heartbeat", "name": "status", "pin": 17, "resetHold": "0s" },
                    { "type": "connection", "name": "feed", "host": "127.0.0.1", "port": %d,
                      "reconnect": { "initial": "200ms", "max": "500ms" } },
                    { "type": "web", "name": "page", "port": %d }
                  ] }
                """.formatted(feed, web));
        try (AppProcess app = Distribution.start(dir, Distribution.MODS, "perthensis.json")) {
            app.awaitLog(("INFO  [perthensis.web.page] web 'page': serving http://127.0.0.1:" + web
                    + "/ (the page; /events, /metrics, /health)")::equals, "saying where the page is");
            try (Chromium browser = new Chromium(chromium, Files.createDirectories(dir.resolve("profile")),
                    URI.create("http://127.0.0.1:" + web + "/"))) {
                browser.viewport(1100, 1250, false);
                browser.await("document.querySelector('#tasks tr[data-task=\"feed\"]') !== null", "the task row of 'feed'");
                assertEquals("connection", browser.evaluate(
                        "document.querySelector('#tasks tr[data-task=\"feed\"] td:nth-child(2)').textContent"));
                browser.await("document.getElementById('live').textContent === 'live'", "that it is live");

                // The test causes the events: its line server comes up, the connection connects and gets a line.
                try (ServerSocket server = new ServerSocket()) {
                    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), feed));
                    try (Socket client = server.accept();
                            PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
                        out.println("hello from the test");
                        browser.await("[...document.querySelectorAll('#events li')].some(li =>"
                                + " li.dataset.topic === 'connection.feed.line' && li.textContent.includes('hello from the test'))",
                                "the live event connection.feed.line");
                        browser.await("[...document.querySelectorAll('.state')].some(s =>"
                                + " s.dataset.state === 'connection feed' && s.querySelector('.value').textContent === 'up')",
                                "the connection's state turning up");
                        Thread.sleep(300); // let the new event's highlight fade a little for the picture
                        browser.screenshot(Path.of("target", "status-page.png"));
                        browser.viewport(390, 1500, true);
                        browser.await("getComputedStyle(document.querySelector('#tasks thead')).display === 'none'",
                                "the phone layout");
                        browser.screenshot(Path.of("target", "status-page-phone.png"));
                    }
                }
            }
            app.sigterm();
            assertEquals(0, app.awaitExit(Duration.ofSeconds(10)), () -> String.join("\n", app.err()));
        }
        assertTrue(Files.size(Path.of("target", "status-page.png")) > 10_000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
