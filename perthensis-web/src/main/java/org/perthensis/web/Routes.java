package org.perthensis.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.perthensis.api.Json;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskInfo;

/**
 * Every request, on its own virtual thread: the token first, then {@code /}, {@code /events},
 * {@code /metrics} or {@code /health}. What a route needs from the loop it gets through a
 * {@link LoopCall}; nothing here runs on the loop or makes it wait.
 */
final class Routes implements HttpHandler {

    /** The most event streams open at once; each costs a thread, a connection and up to 64 KiB. */
    static final int MAX_STREAMS = 8;
    /** How often an open stream gets fresh numbers when nothing else happens; also how soon a gone client is noticed. */
    static final long TICK_MILLIS = 5_000;

    /** How long a stream waits for a slot after each probe of the open ones. */
    static final long PROBE_MILLIS = 100;

    private static final List<String> PATHS = List.of("/", "/events", "/metrics", "/health");

    private final Hub hub;
    private final Scheduler scheduler;
    private final Token token;
    private final String name;
    private final Semaphore slots = new Semaphore(MAX_STREAMS);
    private final Map<String, AtomicLong> requests = new LinkedHashMap<>();
    private final BurstLog unauthorized;
    private final BurstLog refused;
    private final BurstLog skipped;
    private final BurstLog failed;

    Routes(Hub hub, Token token, String taskName, System.Logger log) {
        this.hub = hub;
        this.scheduler = hub.scheduler();
        this.token = token;
        this.name = "web '" + taskName + "'";
        this.unauthorized = new BurstLog(log, System::nanoTime);
        this.refused = new BurstLog(log, System::nanoTime);
        this.skipped = new BurstLog(log, System::nanoTime);
        this.failed = new BurstLog(log, System::nanoTime);
        Metrics metrics = hub.metrics();
        Map<String, String> task = Map.of("task", taskName);
        for (String path : List.of("/", "/events", "/metrics", "/health", "other")) {
            AtomicLong n = new AtomicLong();
            requests.put(path, n);
            metrics.counter("perthensis_web_requests_total", "Requests answered",
                    Map.of("task", taskName, "route", path), n::get);
        }
        metrics.counter("perthensis_web_unauthorized_total", "Requests refused for a missing or wrong token", task,
                unauthorized::total);
        metrics.counter("perthensis_web_streams_refused_total", "Event streams refused: " + MAX_STREAMS
                + " were open already", task, refused::total);
    }

    /** Logs what the burst logs counted but did not log yet, as the task stops. */
    void flushLogs() {
        unauthorized.flush("requests without the right token refused");
        refused.flush("event streams refused");
        skipped.flush("metrics left out");
        failed.flush("requests failed");
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requests.get(PATHS.contains(path) ? path : "other").incrementAndGet();
            String method = ex.getRequestMethod();
            boolean head = method.equals("HEAD");
            Headers h = ex.getResponseHeaders();
            h.set("Cache-Control", "no-store");
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "no-referrer");
            if (!head && !method.equals("GET")) {
                h.set("Allow", "GET, HEAD");
                text(ex, 405, method + " is not served here: this page only shows, it changes nothing", false);
                return;
            }
            if (!token.acceptedBy(ex.getRequestHeaders(), ex.getRequestURI())) {
                unauthorized.note(name + ": refused " + method + " " + path + " from " + client(ex)
                        + ": it did not carry the right token");
                h.set("WWW-Authenticate", "Bearer realm=\"perthensis\"");
                text(ex, 401, "this device needs its token: open /?token=YOUR-TOKEN, or send the header"
                        + " Authorization: Bearer YOUR-TOKEN", head);
                return;
            }
            switch (path) {
                case "/" -> page(ex, head);
                case "/events" -> events(ex, head);
                case "/metrics" -> metrics(ex, head);
                case "/health" -> health(ex, head);
                default -> text(ex, 404, "nothing at " + path + "; this device serves " + String.join(", ", PATHS), head);
            }
        } catch (IOException e) {
            // the client went away; nothing to tell it
        } catch (RuntimeException e) {
            failed.note(name + ": " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " failed: " + e);
            try {
                text(ex, 500, "this device could not answer: " + e, false);
            } catch (IOException | RuntimeException again) {
                // headers were sent already, or the client went away
            }
        }
    }

    private void page(HttpExchange ex, boolean head) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", "text/html; charset=utf-8");
        h.set("Content-Security-Policy", Page.POLICY);
        h.set("X-Frame-Options", "DENY");
        if (token.required() && Token.inLink(ex.getRequestURI())) {
            h.add("Set-Cookie", token.cookie()); // the event stream cannot send a header: the cookie carries the token
        }
        send(ex, 200, Page.BYTES, head);
    }

    private void events(HttpExchange ex, boolean head) throws IOException {
        if (head) {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.sendResponseHeaders(200, -1);
            return;
        }
        if (!acquireSlot()) {
            refused.note(name + ": refused an event stream to " + client(ex) + ": " + MAX_STREAMS
                    + " are open already (close a page, or let it reconnect later)");
            ex.getResponseHeaders().set("Retry-After", "10");
            text(ex, 503, MAX_STREAMS + " event streams are open already; close another page, this one retries", false);
            return;
        }
        EventStream stream = new EventStream(client(ex));
        try {
            byte[] first;
            try {
                first = LoopCall.call(scheduler, () -> hub.open(stream));
            } catch (LoopCall.NoAnswer e) {
                text(ex, 503, e.getMessage(), false);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            // The JDK's server writes in synchronized methods, and on Java 21 to 23 a virtual thread that
            // blocks there (a client that stopped reading) holds its carrier, which with the app's one
            // carrier would stop every task. So a stream is written by a platform thread of its own.
            Thread writer = Thread.ofPlatform().name(name + " stream to " + stream.client).daemon()
                    .start(() -> write(ex, stream, first));
            joinUninterruptibly(writer);
        } finally {
            scheduler.post(() -> hub.close(stream));
            slots.release();
        }
    }

    /**
     * Takes one of the streams' slots. When all are taken, some may belong to pages closed
     * since (a reload), which only a write finds out: each open stream is sent a keep-alive,
     * twice, so that a closed one fails on the second (the first only draws the reset).
     */
    private boolean acquireSlot() {
        if (slots.tryAcquire()) {
            return true;
        }
        try {
            for (int probe = 0; probe < 2; probe++) {
                scheduler.post(hub::probe);
                if (slots.tryAcquire(PROBE_MILLIS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void write(HttpExchange ex, EventStream stream, byte[] first) {
        try {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("retry: 3000\n\n".getBytes(StandardCharsets.UTF_8));
            out.write(first);
            out.flush();
            stream.pump(out, TICK_MILLIS, () -> {
                try {
                    return LoopCall.call(scheduler, hub::numbersMessage);
                } catch (LoopCall.NoAnswer e) {
                    return null; // a keep-alive instead; the numbers come with a later tick
                }
            });
            ex.close(); // after a drop, interrupted: the socket closes at once
        } catch (IOException e) {
            // the client went away
        } finally {
            stream.finish(EventStream.End.CLOSED);
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void metrics(HttpExchange ex, boolean head) throws IOException {
        List<Metrics.Sample> samples;
        try {
            samples = LoopCall.call(scheduler, hub.metrics()::collect);
        } catch (LoopCall.NoAnswer e) {
            text(ex, 503, e.getMessage(), head);
            return;
        }
        byte[] body = MetricsText.write(samples, why -> skipped.note(name + ": left a metric out of /metrics: " + why));
        ex.getResponseHeaders().set("Content-Type", MetricsText.CONTENT_TYPE);
        send(ex, 200, body, head);
    }

    private void health(HttpExchange ex, boolean head) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        List<TaskInfo> tasks;
        try {
            tasks = LoopCall.call(scheduler, hub::tasks); // asked of the loop: a loop that does not answer is not healthy
        } catch (LoopCall.NoAnswer e) {
            body.put("status", "down");
            body.put("reason", e.getMessage());
            json(ex, 503, body, head);
            return;
        }
        List<Map<String, Object>> notRunning = tasks.stream().filter(t -> !t.state().isHealthy()).map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", t.name());
            m.put("type", t.type());
            m.put("state", t.state());
            m.put("since", t.since());
            m.put("lastFailure", t.lastFailure());
            return m;
        }).toList();
        body.put("status", notRunning.isEmpty() ? "up" : "down");
        body.put("tasks", tasks.size());
        if (!notRunning.isEmpty()) {
            body.put("notRunning", notRunning);
        }
        json(ex, notRunning.isEmpty() ? 200 : 503, body, head);
    }

    private static void json(HttpExchange ex, int status, Object body, boolean head) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        send(ex, status, (Json.write(body) + "\n").getBytes(StandardCharsets.UTF_8), head);
    }

    private static void text(HttpExchange ex, int status, String message, boolean head) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        send(ex, status, (message + "\n").getBytes(StandardCharsets.UTF_8), head);
    }

    private static void send(HttpExchange ex, int status, byte[] body, boolean head) throws IOException {
        if (head) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    private static String client(HttpExchange ex) {
        var remote = ex.getRemoteAddress();
        return remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }
}
