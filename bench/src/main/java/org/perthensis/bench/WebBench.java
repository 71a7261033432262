package org.perthensis.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskInfo;
import org.perthensis.api.TaskList;
import org.perthensis.web.WebProvider;

/**
 * The web task's costs: CPU per page refresh and per {@code /metrics} scrape on the server's
 * side, and what it adds to an idle device with no browser connected. The peer is the JDK's
 * HTTP server alone, in a JVM of its own, serving the very same bytes with nothing behind them:
 * the floor any page on that server costs.
 */
final class WebBench extends TimedBenchmark {
    private static final String PEER = "perthensis.bench.web.peer";
    private static final long WINDOW_NANOS = 20_000_000_000L;
    private static final int WARM = 300;
    private static final int REFRESHES = 400;
    private static final int SCRAPES = 1000;

    private static final Metric REFRESH = Metric.lower("refresh_cpu_us", "server CPU per page refresh", Metric.Unit.MICROS);
    private static final Metric SCRAPE = Metric.lower("scrape_cpu_us", "server CPU per scrape", Metric.Unit.MICROS);
    private static final Metric WAKEUPS = Metric.lower("idle_loop_wakeups_per_s", "idle loop wake-ups per s, server on",
            Metric.Unit.COUNT);
    private static final Metric WAKEUPS_OFF = Metric.lower("idle_loop_wakeups_per_s_off", "idle loop wake-ups per s, no server",
            Metric.Unit.COUNT);
    private static final Metric SWITCHES = Metric.lower("idle_thread_wakeups_per_s", "idle thread wake-ups per s, server on",
            Metric.Unit.COUNT);
    private static final Metric SWITCHES_OFF = Metric.lower("idle_thread_wakeups_per_s_off",
            "idle thread wake-ups per s, no server", Metric.Unit.COUNT);
    private static final Metric CPU = Metric.lower("idle_cpu_percent", "idle CPU of one core, server on", Metric.Unit.PERCENT);
    private static final Metric CPU_OFF = Metric.lower("idle_cpu_percent_off", "idle CPU of one core, no server",
            Metric.Unit.PERCENT);
    private static final Metric PAGE = Metric.lower("page_bytes", "bytes of / plus the stream's first message",
            Metric.Unit.BYTES);

    @Override
    public String name() {
        return "web";
    }

    @Override
    public String what() {
        return "the web task: CPU per page refresh and per scrape; idle wake-ups with and without it";
    }

    @Override
    public String peerName() {
        return "bare jdk.httpserver";
    }

    @Override
    public String method() {
        return "One JVM runs a heartbeat task (the idle benchmark's) and a web task on loopback over a task list of 6 "
                + "tasks, 14 metrics and 100 events already published. Idle: first 20 s with the heartbeat alone, then 20 s "
                + "with the web task serving and no client: loop wake-ups (Loop.idleWakeups()), thread wake-ups (voluntary "
                + "plus involuntary context switches of every thread, /proc/self/task/*/status) and CPU (schedstat of every "
                + "thread), per second. Refresh: what a browser does on reload, on fresh connections: GET / read to the end, "
                + "then GET /events read to the end of its first message (the snapshot), then closed. Scrape: GET /metrics "
                + "read to the end. " + WARM + " of each first to warm up, then " + REFRESHES + " refreshes and " + SCRAPES
                + " scrapes; server CPU = CPU of the whole process (every thread: JIT and GC included) minus the client "
                + "thread's own (ThreadMXBean), per request. The client is a plain socket on the main thread. Peer, in a "
                + "JVM of its own: the same heartbeat, and the JDK's HttpServer with a virtual thread per request serving "
                + "the bytes our server sent (page, first stream message, metrics text) fixed in memory; measured the same "
                + "way. 3 runs on each side, no warm-up run.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(REFRESH, SCRAPE, WAKEUPS, WAKEUPS_OFF, SWITCHES, SWITCHES_OFF, CPU, CPU_OFF, PAGE);
    }

    @Override
    int warmups() {
        return 0;
    }

    @Override
    int runs() {
        return 3;
    }

    @Override
    public Side asyncio(Harness h) throws Exception {
        Side side = h.childJvm(name(), warmups(), runs(), List.of("-D" + PEER + "=true"));
        return side.measured() ? new Side(side.runs(), "the JDK's HttpServer serving the same bytes, in a JVM of its own")
                : side;
    }

    @Override
    Map<String, Double> measureOnce() throws Exception {
        boolean peer = Boolean.getBoolean(PEER);
        Idle.compileTheLoop();
        Scheduler s = Scheduler.create();
        s.spawn("heartbeat", sch -> {
            while (true) {
                for (long millis : Idle.PATTERN_MILLIS) {
                    sch.sleep(millis);
                }
            }
        });
        Metrics metrics = Metrics.create();
        Map<Class<?>, Object> services = new HashMap<>();
        services.put(TaskList.class, tasks(metrics));
        services.put(Metrics.class, metrics);
        for (int i = 0; i < 100; i++) {
            s.events().publish("debounce.door", Map.of("level", i % 2, "pressed", i % 2 == 1, "at", Instant.now()));
        }
        int port = freePort();
        Thread driver = Thread.ofPlatform().name("loop").start(s::runForever);
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            Thread.sleep(2000);
            Idling off = Idling.measure(s);
            HttpServer bare = null;
            if (peer) {
                byte[][] bytes = ourBytes(s, metrics, services);
                bare = bareServer(port, bytes);
            } else {
                s.post(() -> s.spawn("web", new WebProvider().create(new WebProvider.Config("127.0.0.1", port, null, null),
                        TaskEnvironment.of("web", s, System.getLogger("bench.web"), services))));
            }
            Client client = new Client(port);
            client.awaitUp();
            Thread.sleep(2000);
            Idling on = Idling.measure(s);
            for (int i = 0; i < WARM; i++) {
                client.refresh();
                client.get("/metrics");
            }
            out.put(REFRESH.key(), client.serverCpuMicros(REFRESHES, client::refresh));
            out.put(SCRAPE.key(), client.serverCpuMicros(SCRAPES, () -> client.get("/metrics")));
            out.put(PAGE.key(), (double) client.refresh());
            out.put(WAKEUPS.key(), on.loopWakeups);
            out.put(WAKEUPS_OFF.key(), off.loopWakeups);
            out.put(SWITCHES.key(), on.threadWakeups);
            out.put(SWITCHES_OFF.key(), off.threadWakeups);
            out.put(CPU.key(), on.cpuPercent);
            out.put(CPU_OFF.key(), off.cpuPercent);
            if (bare != null) {
                bare.stop(0);
            }
        } finally {
            s.shutdown();
            driver.join();
        }
        return out;
    }

    /** The bytes our server sends, for the peer to serve as they are. */
    private static byte[][] ourBytes(Scheduler s, Metrics metrics, Map<Class<?>, Object> services) throws Exception {
        int port = freePort();
        java.util.concurrent.CompletableFuture<org.perthensis.api.TaskHandle> web = new java.util.concurrent.CompletableFuture<>();
        s.post(() -> web.complete(s.spawn("web", new WebProvider().create(new WebProvider.Config("127.0.0.1", port, null,
                null), TaskEnvironment.of("web", s, System.getLogger("bench.web"), services)))));
        Client c = new Client(port);
        c.awaitUp();
        byte[] page = c.body("/");
        byte[] stream = c.firstMessage();
        byte[] text = c.body("/metrics");
        s.post(web.get()::cancel); // the peer is the bare server alone
        while (web.get().state() == org.perthensis.api.TaskHandle.State.RUNNING) {
            Thread.sleep(10);
        }
        return new byte[][] {page, stream, text};
    }

    private static HttpServer bareServer(int port, byte[][] bytes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                byte[] body = path.equals("/") ? bytes[0] : path.equals("/events") ? bytes[1] : bytes[2];
                ex.getResponseHeaders().set("Content-Type", path.equals("/events") ? "text/event-stream" : "text/plain");
                ex.sendResponseHeaders(200, path.equals("/events") ? 0 : body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }

    private static TaskList tasks(Metrics metrics) {
        Instant t0 = Instant.now();
        List<TaskInfo> list = new ArrayList<>();
        String[][] tasks = {{"status", "heartbeat"}, {"door", "debounce"}, {"volume", "rotary"}, {"clock", "ntp"},
            {"network", "net"}, {"uplink", "connection"}};
        for (String[] t : tasks) {
            list.add(new TaskInfo(t[0], t[1], "org.perthensis." + t[1], TaskInfo.State.RUNNING, t0, t0, 0, null, null));
            Map<String, String> labels = Map.of("task", t[0], "type", t[1]);
            metrics.counter("perthensis_task_restarts_total", "How often the task was started again", labels, () -> 0);
            metrics.gauge("perthensis_task_up", "1 while the task is starting or running", labels, () -> 1);
        }
        metrics.gauge("perthensis_connection_queued_lines", "Lines waiting to be written", Map.of("task", "uplink"), () -> 0);
        metrics.counter("perthensis_connection_lines_sent_total", "Lines written", Map.of("task", "uplink"), () -> 42);
        List<TaskInfo> fixed = List.copyOf(list);
        return () -> fixed;
    }

    /** A port free on loopback now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Loop wake-ups, thread wake-ups and CPU over one idle window. */
    private record Idling(double loopWakeups, double threadWakeups, double cpuPercent) {
        static Idling measure(Scheduler s) throws Exception {
            long loop0 = LoopAccess.idleWakeups(s);
            long switches0 = contextSwitches();
            long cpu0 = ProcessStats.cpuNanos();
            Thread.sleep(WINDOW_NANOS / 1_000_000);
            double seconds = WINDOW_NANOS / 1e9;
            return new Idling((LoopAccess.idleWakeups(s) - loop0) / seconds, (contextSwitches() - switches0) / seconds,
                    100.0 * (ProcessStats.cpuNanos() - cpu0) / WINDOW_NANOS);
        }
    }

    /** Context switches of every thread of this process: each is a thread going to sleep or being put off the CPU. */
    static long contextSwitches() throws IOException {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException gone) {
                    // the thread ended while we looked
                }
            }
        }
        return sum;
    }

    /** A browser's requests as plain sockets on the calling thread, whose CPU is the client's. */
    private static final class Client {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final int port;

        Client(int port) {
            this.port = port;
        }

        void awaitUp() throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    return;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                    Thread.sleep(20);
                }
            }
        }

        interface Request {
            long run() throws IOException;
        }

        double serverCpuMicros(int n, Request request) throws IOException {
            long process0 = ProcessStats.cpuNanos();
            long client0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                request.run();
            }
            long client = THREADS.getCurrentThreadCpuTime() - client0;
            return (ProcessStats.cpuNanos() - process0 - client) / 1e3 / n;
        }

        /** A reload: the page, then the stream's first message. Returns the bytes received. */
        long refresh() throws IOException {
            return body("/").length + firstMessage().length;
        }

        long get(String path) throws IOException {
            return body(path).length;
        }

        byte[] body(String path) throws IOException {
            try (Socket s = open(path)) {
                return s.getInputStream().readAllBytes();
            }
        }

        /** Reads {@code /events} up to the blank line that ends its first message, then hangs up. */
        byte[] firstMessage() throws IOException {
            try (Socket s = open("/events")) {
                InputStream in = s.getInputStream();
                ByteArrayOutputStream got = new ByteArrayOutputStream(32768);
                byte[] buf = new byte[16384];
                while (true) {
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    got.write(buf, 0, n);
                    String text = got.toString(StandardCharsets.UTF_8);
                    int data = text.indexOf("\ndata: ");
                    if (data >= 0 && text.indexOf("\n\n", data) >= 0) {
                        break;
                    }
                }
                return got.toByteArray();
            }
        }

        private Socket open(String path) throws IOException {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return s;
        }
    }

    @Override
    public List<Check> checks(Side ours, Side peer) {
        if (!ours.measured()) {
            return List.of(Check.notMeasured("CPU per refresh and per scrape < 5 ms; no idle loop wake-ups added",
                    ours.note()));
        }
        double refresh = ours.median(REFRESH.key());
        double scrape = ours.median(SCRAPE.key());
        double added = ours.median(WAKEUPS.key()) - ours.median(WAKEUPS_OFF.key());
        return List.of(
                Check.of("server CPU per page refresh < 5 ms", refresh < 5000, REFRESH.format(refresh)),
                Check.of("server CPU per scrape < 5 ms", scrape < 5000, SCRAPE.format(scrape)),
                Check.of("no idle loop wake-ups added with no client", added <= 0.1,
                        String.format(java.util.Locale.ROOT, "%+.2f loop wake-ups/s", added)));
    }
}
