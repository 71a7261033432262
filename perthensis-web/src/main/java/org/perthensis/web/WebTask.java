package org.perthensis.web;

import static java.lang.System.Logger.Level.INFO;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;

/**
 * One run of a {@code web} task: opens the JDK's HTTP server with a virtual thread per request,
 * then waits, costing the loop nothing, until it is stopped; closes the server in
 * {@code finally}, so a restart finds the port free.
 */
final class WebTask implements Task {

    /** A sleep that never ends in practice, and sets no timer that fires: no wake-ups. */
    private static final Duration FOREVER = Duration.ofDays(365L * 100);

    private final WebProvider.Config config;
    private final Token token;
    private final TaskEnvironment env;
    private final Hub hub;
    private final String name;
    private final BurstLog dropped;
    private final Routes routes;
    private final Runnable afterStart;

    WebTask(WebProvider.Config config, Token token, TaskEnvironment env, Hub hub) {
        this(config, token, env, hub, () -> { });
    }

    /** With {@code afterStart} run on the opening thread once the server has started, so a test can stop the task then. */
    WebTask(WebProvider.Config config, Token token, TaskEnvironment env, Hub hub, Runnable afterStart) {
        this.afterStart = afterStart;
        this.config = config;
        this.token = token;
        this.env = env;
        this.hub = hub;
        this.name = "web '" + env.taskName() + "'";
        this.dropped = new BurstLog(env.logger(), System::nanoTime);
        hub.onDrop(() -> dropped.note(name + ": dropped an event stream that fell " + EventStream.LIMIT_BYTES / 1024
                + " KiB behind (a client that stopped reading); its page reconnects when it reads again"));
        hub.metrics().counter("perthensis_web_streams_dropped_total", "Event streams dropped for falling behind",
                java.util.Map.of("task", env.taskName()), dropped::total);
        this.routes = new Routes(hub, token, env.taskName(), env.logger());
    }

    @Override
    public void run(Scheduler s) throws Exception {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        Opening opening = new Opening();
        HttpServer server;
        try {
            server = s.blocking(() -> open(threads, opening));
        } catch (Exception e) {
            // If the task was stopped while opening, the blocking call goes on and may start the server all the same,
            // which would then keep the port, and every restart would find it taken.
            stopOffTheLoop(opening.abandon(), threads);
            throw e;
        }
        try {
            String host = config.bind(); // as written: the server would name 0.0.0.0 as its IPv6 twin
            env.logger().log(INFO, name + ": serving http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                    + server.getAddress().getPort() + "/ (the page; /events, /metrics, /health)"
                    + (token.required() ? "; every request needs the token" : ""));
            s.sleep(FOREVER);
        } finally {
            hub.closeAll();
            stopOffTheLoop(server, threads);
            routes.flushLogs();
            dropped.flush("event streams dropped");
        }
    }

    /**
     * Stopping joins the server's dispatcher thread, which took 180 ms once on a busy machine: not
     * on the loop. The port is closed first thing, so a restart after its backoff finds it free.
     */
    private void stopOffTheLoop(HttpServer server, ExecutorService threads) {
        Thread.ofPlatform().name(name + " stopping").start(() -> stop(server, threads));
    }

    private static void stop(HttpServer server, ExecutorService threads) {
        if (server != null) {
            server.stop(0);
        }
        threads.shutdownNow();
    }

    private HttpServer open(ExecutorService threads, Opening opening) throws IOException {
        InetSocketAddress address = new InetSocketAddress(Addresses.parse("bind", config.bind()), config.port());
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (BindException e) {
            throw new BindException("cannot listen on " + config.bind() + ":" + config.port() + ": " + e.getMessage()
                    + (config.port() < 1024 ? " (ports below 1024 need root)" : " (is another program using it?)"));
        }
        server.createContext("/", routes);
        server.setExecutor(threads);
        server.start();
        afterStart.run();
        if (!opening.started(server)) {
            stop(server, threads); // already off the loop
        }
        return server;
    }

    /** The server opened off the loop, and whether the task stopped meanwhile: whichever comes second stops it. */
    private static final class Opening {
        private HttpServer server;
        private boolean abandoned;

        /** Records the started server; false if the task stopped meanwhile, so it is the opener's to stop. */
        synchronized boolean started(HttpServer started) {
            server = started;
            return !abandoned;
        }

        /** The server if it started before the task stopped (it is then the task's to stop), or null. */
        synchronized HttpServer abandon() {
            abandoned = true;
            return server;
        }
    }
}
