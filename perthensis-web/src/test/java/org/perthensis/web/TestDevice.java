package org.perthensis.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.perthensis.api.Json;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskInfo;
import org.perthensis.api.TaskList;
import org.perthensis.testing.RecordingLogger;

/**
 * A web task on a real loop and a real port, as the runtime runs it, with a task list and
 * metrics the test controls, and an HTTP client to ask it.
 */
final class TestDevice implements AutoCloseable {

    /** Generous: CI is a shared two-core machine. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    final Scheduler scheduler = Scheduler.create();
    final RecordingLogger log = new RecordingLogger();
    final Tasks tasks = new Tasks();
    final Metrics metrics = Metrics.create();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final URI base;
    final org.perthensis.api.TaskHandle task;
    private final Thread driver;

    /** The task list of a runtime, changed by the test. */
    static final class Tasks implements TaskList {
        volatile List<TaskInfo> list = List.of();

        @Override
        public List<TaskInfo> tasks() {
            return list;
        }
    }

    TestDevice(String json) {
        Map<Class<?>, Object> services = new HashMap<>();
        services.put(TaskList.class, tasks);
        services.put(Metrics.class, metrics);
        WebProvider.Config config = config(json);
        task = scheduler.spawn("status", new WebProvider().create(config, TaskEnvironment.of("status", scheduler, log, services)));
        driver = Thread.ofPlatform().name("test loop").start(scheduler::runForever);
        String serving = awaitLog(l -> l.startsWith("INFO web 'status': serving http://"));
        Matcher m = Pattern.compile("INFO web 'status': serving (http://[^/]+/) .*").matcher(serving);
        if (!m.matches()) {
            fail(serving);
        }
        base = URI.create(m.group(1).replace("//0.0.0.0:", "//127.0.0.1:"));
    }

    /** A config record from JSON text, as the runtime binds it (only the fields the tests use). */
    static WebProvider.Config config(String json) {
        Map<?, ?> m = (Map<?, ?>) Json.read(json);
        return new WebProvider.Config((String) m.get("bind"), m.get("port") == null ? 0 : ((Long) m.get("port")).intValue(),
                (String) m.get("token"), (String) m.get("tokenFile"));
    }

    String awaitLog(java.util.function.Predicate<String> wanted) {
        await(() -> log.lines().stream().anyMatch(wanted), "a log line; got " + log.lines());
        return log.lines().stream().filter(wanted).findFirst().orElseThrow();
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Runs {@code work} on the loop and waits for its answer. */
    <T> T onLoop(Supplier<T> work) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        scheduler.post(() -> answer.complete(work.get()));
        try {
            return answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(path, "GET", headers);
    }

    HttpResponse<String> send(String path, String method, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(PATIENCE)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens {@code /events}. */
    Stream stream(String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/events")).timeout(PATIENCE);
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return new Stream(http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An open event stream, read line by line on a thread of its own. */
    static final class Stream implements AutoCloseable {
        final HttpResponse<InputStream> response;
        private final LinkedBlockingQueue<String[]> messages = new LinkedBlockingQueue<>();

        Stream(HttpResponse<InputStream> response) {
            this.response = response;
            if (response.statusCode() == 200) {
                Thread.ofPlatform().daemon().start(this::read);
            }
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String event = null;
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        messages.add(new String[] {event, line.substring(6)});
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        /** The data of the next message called {@code event}, skipping others. */
        Object next(String event) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            try {
                while (true) {
                    String[] m = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (m == null) {
                        return fail("no '" + event + "' message within " + PATIENCE.toSeconds() + " s");
                    }
                    if (m[0].equals(event)) {
                        return Json.read(m[1]);
                    }
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The next {@code event} message about {@code topic}. */
        Map<?, ?> nextEvent(String topic) {
            while (true) {
                Map<?, ?> e = (Map<?, ?>) next("event");
                if (topic.equals(e.get("topic"))) {
                    return e;
                }
            }
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException e) {
                // closed already
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdown();
        driver.join(PATIENCE.toMillis());
    }
}
