package org.perthensis.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.perthensis.api.Json;

/**
 * Debian's headless Chromium, driven over the Chrome DevTools Protocol with the JDK's own
 * HttpClient and WebSocket: no WebDriver, no dependency. One page, for evaluating script in
 * it and taking screenshots.
 */
final class Chromium implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^/]+)/.*");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<?, ?>>> pending = new ConcurrentHashMap<>();

    /** The browser's program, if this machine has one. */
    static Optional<Path> find() {
        for (String name : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium")) {
            if (Files.isExecutable(Path.of(name))) {
                return Optional.of(Path.of(name));
            }
        }
        return Optional.empty();
    }

    /** Starts the browser on {@code url} with a profile of its own in {@code profile}. */
    Chromium(Path program, Path profile, URI url) throws Exception {
        // The flags of this machine's first probe: without the background-networking ones its
        // connections to the page were refused many at a time.
        process = new ProcessBuilder(program.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0", url.toString())
                .redirectErrorStream(true).start();
        try {
            socket = connect();
        } catch (Exception | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private WebSocket connect() throws Exception {
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.matches()) {
                        endpoint.complete(m.group(1).replace("ws://", "http://"));
                    }
                }
            } catch (IOException e) {
                output.add("(reading failed: " + e + ")");
            }
            endpoint.complete(null);
        });
        String http = endpoint.get(AppProcess.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        if (http == null) {
            fail("chromium did not start its DevTools endpoint:\n" + String.join("\n", output));
        }
        HttpClient client = HttpClient.newHttpClient();
        String page = null;
        long deadline = System.nanoTime() + AppProcess.PATIENCE.toNanos();
        while (page == null && System.nanoTime() < deadline) {
            String list = client.send(HttpRequest.newBuilder(URI.create(http + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (Object target : (List<?>) Json.read(list)) {
                Map<?, ?> t = (Map<?, ?>) target;
                if ("page".equals(t.get("type"))) {
                    page = (String) t.get("webSocketDebuggerUrl");
                }
            }
            Thread.sleep(50);
        }
        if (page == null) {
            fail("chromium shows no page:\n" + String.join("\n", output));
        }
        return client.newWebSocketBuilder().buildAsync(URI.create(page), new Listener())
                .get(AppProcess.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** Receives the protocol's answers, each one JSON text, possibly in several frames. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                Map<?, ?> message = (Map<?, ?>) Json.read(text.toString());
                text.setLength(0);
                if (message.get("id") instanceof Long id) {
                    CompletableFuture<Map<?, ?>> answer = pending.remove(id.intValue());
                    if (answer != null) {
                        answer.complete(message);
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }

    /** Calls a protocol method and returns its result. */
    Map<?, ?> call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<?, ?>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(Json.write(Map.of("id", id, "method", method, "params", params)), true)
                .get(AppProcess.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        Map<?, ?> message = answer.get(AppProcess.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        if (message.get("error") != null) {
            fail(method + " failed: " + message.get("error"));
        }
        return (Map<?, ?>) message.get("result");
    }

    /** Evaluates a script expression in the page and gives its value (a string, number or boolean). */
    Object evaluate(String expression) throws Exception {
        Map<?, ?> result = (Map<?, ?>) call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true))
                .get("result");
        return result.get("value");
    }

    /** Waits until {@code expression} is true in the page. */
    void await(String expression, String what) throws Exception {
        long deadline = System.nanoTime() + AppProcess.PATIENCE.toNanos();
        while (!Boolean.TRUE.equals(evaluate(expression))) {
            if (System.nanoTime() > deadline) {
                fail("the page never showed " + what + "; it reads:\n" + evaluate("document.body.innerText"));
            }
            Thread.sleep(50);
        }
    }

    /** Lays the page out at this size, as a desktop browser or a phone of that width would. */
    void viewport(int width, int height, boolean mobile) throws Exception {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor",
                mobile ? 2 : 1, "mobile", mobile));
    }

    /** Saves a PNG of what the page shows now. */
    void screenshot(Path file) throws Exception {
        String png = (String) call("Page.captureScreenshot", Map.of("format", "png")).get("data");
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }

    List<String> output() {
        return new ArrayList<>(output);
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
