package org.perthensis.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shipped config as a device runs it, through the launcher with its default JVM options:
 * how much memory the whole process holds once steady, and the CPU it takes meanwhile.
 */
final class Shipped implements Benchmark {
    static final long WARMUP_SECONDS = 90;
    static final long WINDOW_SECONDS = 30;
    static final long SAMPLE_SECONDS = 5;
    /** Issue 20's bound for the shipped config: 64 MiB, as VmRSS counts it in KiB. */
    static final long TARGET_BYTES = 64L * 1024 * 1024;

    private static final Metric RSS = Metric.lower("rss_b", "steady RSS", Metric.Unit.MEBIBYTES);
    private static final Metric ANON = Metric.lower("rss_anon_b", "of which anonymous", Metric.Unit.MEBIBYTES);
    private static final Metric CPU = Metric.cpuShare();
    private static final Metric RSS_CDS = Metric.lower("rss_cds_b", "steady RSS, with the launcher's archive or AOT cache", Metric.Unit.MEBIBYTES);
    private static final Metric CPU_CDS = Metric.lower("cpu_cds_percent", "CPU of one core, with it", Metric.Unit.PERCENT);

    @Override
    public String name() {
        return "shipped";
    }

    @Override
    public String what() {
        return "the shipped perthensis.json through bin/perthensis with its default JVM options, once steady";
    }

    @Override
    public String method() {
        return "The distribution's launcher bin/perthensis runs the distribution's own perthensis.json (heartbeat, debounce, "
                + "rotary, ntp, net, connection, output, rule, web, mqtt; GPIO auto, which is Pi4J's mock off a Pi; the connection "
                + "and mqtt tasks retry when nothing listens) with PERTHENSIS_JAVA_OPTS and MALLOC_ARENA_MAX unset, so with the "
                + "launcher's defaults, and the web task on a free port instead of 8080. A page stays open on /events and / and "
                + "/metrics are fetched every " + SAMPLE_SECONDS + " s. After " + WARMUP_SECONDS + " s of warm-up, VmRSS (and "
                + "RssAnon) of the process is read every " + SAMPLE_SECONDS + " s for " + WINDOW_SECONDS + " s: the figure is "
                + "the largest reading; CPU: the process's CPU (user + system, all threads; /proc/PID/task/*/schedstat) over the "
                + "same window, as a share of one core. One launch without a class-data archive (PERTHENSIS_CDS_ARCHIVE=off), "
                + "then one with the archive or, on Java 25+, the AOT cache the launcher keeps (written by a first launch stopped with SIGTERM). No peer: no "
                + "asyncio program does what this config does; the memory benchmark's fixed footprint shows both runtimes bare.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(RSS, ANON, CPU, RSS_CDS, CPU_CDS);
    }

    @Override
    public String peerName() {
        return "no peer";
    }

    @Override
    public Side perthensis(Harness h) throws Exception {
        Path launcher = h.dist == null || h.dist.getParent() == null ? null : h.dist.getParent().resolve("bin/perthensis");
        if (launcher == null || !Files.isExecutable(launcher)) {
            return Side.skipped("not measured: no launcher at " + launcher + "; build the distribution, or bench/run --dist DIR");
        }
        Path work = Files.createTempDirectory("perthensis-shipped");
        try {
            Path config = Files.writeString(work.resolve("perthensis.json"), config(h.dist));
            int port = webPort(config);
            Path archive = work.resolve("perthensis.jsa");
            Map<String, Double> run = new LinkedHashMap<>();
            Window plain = steady(launch(h, launcher, work, "off"), port);
            run.put(RSS.key(), plain.rss);
            run.put(ANON.key(), plain.anon);
            run.put(CPU.key(), plain.cpuPercent);
            String note = "";
            writeArchive(launch(h, launcher, work, archive.toString()));
            // On Java 25+ the launcher keeps an AOT cache beside the archive's name instead of the archive.
            if (!Files.exists(archive) && !Files.exists(work.resolve("perthensis.aot"))) {
                note = "the launcher's first launch wrote neither a class-data archive nor an AOT cache; its row ran without one";
            }
            Window shared = steady(launch(h, launcher, work, archive.toString()), port);
            run.put(RSS_CDS.key(), shared.rss);
            run.put(CPU_CDS.key(), shared.cpuPercent);
            return new Side(List.of(run), note);
        } catch (LaunchEnded e) {
            return Side.skipped("not measured: " + e.getMessage());
        } finally {
            Startup.deleteTree(work);
        }
    }

    @Override
    public Side asyncio(Harness h) {
        return Side.skipped("no peer: no asyncio program runs what the shipped config runs (GPIO, NTP, a web page, MQTT "
                + "with Home Assistant discovery); the memory benchmark's fixed footprint compares the bare runtimes");
    }

    /** The distribution's example config with its web task moved to a free port. */
    @SuppressWarnings("unchecked")
    static String config(Path dist) throws IOException {
        Map<String, Object> config = (Map<String, Object>) Json.parse(Files.readString(dist.getParent().resolve("perthensis.json")));
        List<Object> tasks = new ArrayList<>();
        for (Object t : (List<Object>) config.get("tasks")) {
            Map<String, Object> task = new LinkedHashMap<>((Map<String, Object>) t);
            if ("web".equals(task.get("type"))) {
                task.put("port", WebBench.freePort());
            }
            tasks.add(task);
        }
        config.put("tasks", tasks);
        return Json.write(config);
    }

    @SuppressWarnings("unchecked")
    private static int webPort(Path config) throws IOException {
        for (Object t : (List<Object>) ((Map<String, Object>) Json.parse(Files.readString(config))).get("tasks")) {
            Map<String, Object> task = (Map<String, Object>) t;
            if ("web".equals(task.get("type"))) {
                return ((Number) task.get("port")).intValue();
            }
        }
        return -1;
    }

    /** {@code bin/perthensis perthensis.json} in {@code work}, with the launcher's own JVM options. */
    private static Process launch(Harness h, Path launcher, Path work, String archive) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "perthensis.json").directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile());
        Map<String, String> env = pb.environment();
        env.remove("PERTHENSIS_JAVA_OPTS");
        env.remove("MALLOC_ARENA_MAX");
        env.put("JAVA_HOME", Path.of(h.java).getParent().getParent().toString());
        env.put("PERTHENSIS_HOME", h.dist.getParent().toString());
        env.put("PERTHENSIS_CDS_ARCHIVE", archive);
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    /**
     * What one launch holds once warm.
     *
     * @param rss the largest VmRSS read in the window, in bytes
     * @param anon the largest RssAnon read in the window, in bytes
     * @param cpuPercent the process's CPU over the window, as a share of one core
     */
    record Window(double rss, double anon, double cpuPercent) {
    }

    /** Warms {@code p} up with a page open, reads its window, and stops it. */
    private static Window steady(Process p, int port) throws IOException, InterruptedException {
        Thread page = Thread.ofVirtual().start(() -> openEvents(port));
        try {
            waitTraffic(p, port, WARMUP_SECONDS);
            long cpu0 = ProcessStats.cpuNanos(p.pid());
            long wall0 = System.nanoTime();
            long rss = 0;
            long anon = 0;
            for (long t = 0; t < WINDOW_SECONDS; t += SAMPLE_SECONDS) {
                waitTraffic(p, port, SAMPLE_SECONDS);
                Map<String, Long> status = ProcessStats.sizes(Long.toString(p.pid()));
                rss = Math.max(rss, status.getOrDefault("VmRSS", 0L));
                anon = Math.max(anon, status.getOrDefault("RssAnon", 0L));
            }
            double cpu = 100.0 * (ProcessStats.cpuNanos(p.pid()) - cpu0) / (System.nanoTime() - wall0);
            return new Window(rss, anon, cpu);
        } finally {
            page.interrupt();
            Startup.stop(p);
        }
    }

    /** Waits {@code seconds}, fetching the page and the metrics every {@link #SAMPLE_SECONDS}; fails if {@code p} ended. */
    private static void waitTraffic(Process p, int port, long seconds) throws IOException, InterruptedException {
        for (long t = 0; t < seconds; t += SAMPLE_SECONDS) {
            if (p.waitFor(SAMPLE_SECONDS, TimeUnit.SECONDS)) {
                throw new LaunchEnded("bin/perthensis perthensis.json ended with exit " + p.exitValue()
                        + " (its output is in the run's out.log)");
            }
            fetch(port, "/");
            fetch(port, "/metrics");
        }
    }

    private static void fetch(int port, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(2000);
            try (InputStream in = c.getInputStream()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            // the web task may still be starting; the next round asks again
        }
    }

    /** A page left open: reads the /events stream until interrupted, reconnecting as the page does. */
    private static void openEvents(int port) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/events").toURL()
                        .openConnection();
                c.setConnectTimeout(2000);
                try (InputStream in = c.getInputStream()) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            } catch (IOException e) {
                // not up yet, or stopped: try again, as the page does
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The launcher writes its archive when the app stops: start, let it run its tasks a while, stop it with SIGTERM. */
    private static void writeArchive(Process p) throws InterruptedException {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            Startup.stop(p);
        }
    }

    @Override
    public List<Check> checks(Side ours, Side peer) {
        String target = "steady RSS <= 64 MiB with the launcher's defaults";
        if (!ours.measured()) {
            return List.of(Check.notMeasured(target, ours.note()));
        }
        double rss = ours.median(RSS.key());
        double cds = ours.median(RSS_CDS.key());
        return List.of(Check.of(target, rss <= TARGET_BYTES && (Double.isNaN(cds) || cds <= TARGET_BYTES),
                RSS.format(rss) + " (anonymous " + ANON.format(ours.median(ANON.key())) + ", CPU "
                        + CPU.format(ours.median(CPU.key())) + "); with the archive " + RSS_CDS.format(cds)));
    }

    /** The launched process ended before it was measured. */
    static final class LaunchEnded extends IOException {
        private static final long serialVersionUID = 1L;

        LaunchEnded(String message) {
            super(message);
        }
    }
}
