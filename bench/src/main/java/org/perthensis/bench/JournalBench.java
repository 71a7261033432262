package org.perthensis.bench;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.perthensis.journal.Entry;
import org.perthensis.journal.Journal;
import org.perthensis.journal.JournalOptions;
import org.perthensis.journal.JournalOptions.Overflow;
import org.perthensis.journal.JournalOptions.Sync;

/**
 * The store-and-forward journal: appends per second, bytes written to the device per byte
 * stored and CPU per append under each sync policy, beside a plain {@link FileOutputStream}
 * append of the same bytes with the same forces; and the time to reopen a full 64 MiB journal.
 */
final class JournalBench extends TimedBenchmark {
    static final int PAYLOAD = 100;
    static final long MAX_NANOS = 3_000_000_000L;
    static final int MAX_RECORDS = 2_000_000;
    /** Set in the peer's JVM: it measures the FileOutputStream side. */
    static final String PEER = "perthensis.bench.journal.peer";

    /** A sync policy as the config file will write it. */
    enum Mode {
        ALWAYS("always", Sync.ALWAYS), INTERVAL("1s", Sync.INTERVAL), NEVER("never", Sync.NEVER);

        final String label;
        final Sync sync;
        final Metric rate;
        final Metric written;
        final Metric cpu;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        Mode(String label, Sync sync) {
            this.label = label;
            this.sync = sync;
            String key = name().toLowerCase(java.util.Locale.ROOT);
            this.rate = Metric.higher("appends_per_s_" + key, "appends/s, sync " + label, Metric.Unit.PER_SECOND);
            this.written = Metric.lower("disk_bytes_per_byte_" + key, "disk bytes per byte, sync " + label, Metric.Unit.RATIO);
            this.cpu = Metric.lower("cpu_ns_per_append_" + key, "CPU per append, sync " + label, Metric.Unit.NANOS);
        }
    }

    private static final Metric.Unit RATIO = Metric.Unit.RATIO;
    /** The target rate: the disk figure at sync 1s is judged at it too, with the forces a second that it brings. */
    static final long PACED_RATE = 50_000;
    private static final Metric PACED_WRITTEN = Metric.lower("disk_bytes_per_byte_interval_paced",
            "disk bytes per byte, sync 1s, 50,000/s", Metric.Unit.RATIO);
    private static final Metric PACED_CPU = Metric.lower("cpu_percent_interval_paced", "CPU of one core, sync 1s, 50,000/s",
            Metric.Unit.PERCENT);
    private static final Metric REOPEN = Metric.lower("reopen_64mib_ms", "reopen full 64 MiB", Metric.Unit.MILLIS);
    private static final Metric REOPEN_COLD = Metric.lower("reopen_64mib_cold_ms", "reopen full 64 MiB, uncached",
            Metric.Unit.MILLIS);

    @Override
    public String name() {
        return "journal";
    }

    @Override
    public String what() {
        return "100-byte records appended to the journal under each sync policy; reopening a full 64 MiB journal";
    }

    @Override
    public String peerName() {
        return "FileOutputStream";
    }

    @Override
    public String method() {
        return "For each sync policy (always, 1s, never), one thread appends 100-byte records for 3 s or 2,000,000 records, "
                + "whichever comes first, to a journal with the default options (4 MiB segments, 64 MiB, drop-oldest) while a "
                + "consumer thread reads every 10 ms all that is new and acknowledges it, as the uplink would (so segments are "
                + "deleted and the checkpoint written). appends/s = records / the time until the last append returned. Disk "
                + "bytes per byte = (write_bytes - cancelled_write_bytes of /proc/self/io, the bytes this process sent to the "
                + "block device, checkpoint and deletions included, counted until close() has forced the rest) / (records x 100); "
                + "wchar instead where write_bytes stays 0, said in the run. CPU per append = process CPU time (user + system, "
                + "every thread: OperatingSystemMXBean.getProcessCpuTime) over the same span / records. Peer, in a JVM of its "
                + "own: the same records through a BufferedOutputStream (64 KiB) over a FileOutputStream, forced "
                + "(FileChannel.force(false)) after every record (always), when a second has passed since the last force "
                + "(1s), or only at the end (never); no consumer. Then sync 1s again paced at 50,000 appends/s for 3 s "
                + "(batches of 50 each millisecond): disk bytes per byte, and process CPU over the span in percent of one "
                + "core. Reopen: a journal filled to 64 MiB (reject-newest) is "
                + "closed, then open() plus the first read(1), which reads the oldest segment from the acknowledged position; "
                + "uncached: the same after dropping the page cache of its files (dd iflag=nocache count=0). "
                + "1 warm-up and 3 measured runs on each side.";
    }

    @Override
    public List<Metric> metrics() {
        List<Metric> all = new ArrayList<>();
        for (Mode m : Mode.values()) {
            all.addAll(List.of(m.rate, m.written, m.cpu));
        }
        all.addAll(List.of(PACED_WRITTEN, PACED_CPU, REOPEN, REOPEN_COLD));
        return all;
    }

    @Override
    int runs() {
        return 3;
    }

    @Override
    public Side asyncio(Harness h) throws Exception {
        Side side = h.childJvm(name(), warmups(), runs(), List.of("-D" + PEER + "=true"));
        return side.measured() ? new Side(side.runs(), "FileOutputStream in a JVM of its own") : side;
    }

    @Override
    Map<String, Double> measureOnce() throws Exception {
        boolean peer = Boolean.getBoolean(PEER);
        Map<String, Double> values = new LinkedHashMap<>();
        for (Mode m : Mode.values()) {
            Figures f = inTempDir(dir -> measure(peer ? new Plain(m, dir) : new Journaled(m, dir), 0));
            values.put(m.rate.key(), f.perSecond);
            values.put(m.written.key(), f.writtenPerByte);
            values.put(m.cpu.key(), f.cpuNanosPerAppend);
            values.put("bytes_from_write_bytes_" + m.key(), f.fromWriteBytes ? 1.0 : 0.0);
            values.put("dropped_" + m.key(), (double) f.dropped);
        }
        Figures paced = inTempDir(dir -> measure(peer ? new Plain(Mode.INTERVAL, dir) : new Journaled(Mode.INTERVAL, dir),
                1_000_000_000L / PACED_RATE));
        values.put(PACED_WRITTEN.key(), paced.writtenPerByte);
        values.put(PACED_CPU.key(), paced.cpuPercent);
        if (!peer) {
            Path dir = Files.createTempDirectory("perthensis-journal-reopen");
            try {
                values.putAll(reopen(dir));
            } finally {
                deleteTree(dir);
            }
        }
        return values;
    }

    private interface InDir {
        Figures in(Path dir) throws Exception;
    }

    private static Figures inTempDir(InDir body) throws Exception {
        Path dir = Files.createTempDirectory("perthensis-journal-bench");
        try {
            return body.in(dir);
        } finally {
            deleteTree(dir);
        }
    }

    private static byte[] payload() {
        byte[] p = new byte[PAYLOAD];
        new Random(42).nextBytes(p);
        return p;
    }

    /**
     * What one side measured.
     *
     * @param perSecond records / the time until the last append returned
     * @param writtenPerByte bytes sent to the device per payload byte, until closed
     * @param cpuNanosPerAppend process CPU per record, until closed
     * @param cpuPercent process CPU over the span, in percent of one core
     * @param fromWriteBytes whether bytes came from write_bytes (else wchar)
     * @param dropped records the journal dropped
     */
    record Figures(double perSecond, double writtenPerByte, double cpuNanosPerAppend, double cpuPercent,
            boolean fromWriteBytes, long dropped) {
    }

    /** One side's way of keeping a record; closing it forces what is left. */
    private interface Sink extends AutoCloseable {
        void append(byte[] payload) throws IOException;

        /** Called after each batch of appends. */
        default void tick(long now) throws IOException {
        }

        default long dropped() {
            return 0;
        }

        @Override
        void close() throws Exception;
    }

    /**
     * Appends for {@link #MAX_NANOS} or {@link #MAX_RECORDS}, as fast as it can or one record
     * per {@code paceNanos}, then closes the sink; CPU and bytes are counted until it is closed.
     */
    private static Figures measure(Sink sink, long paceNanos) throws Exception {
        byte[] payload = payload();
        int batch = paceNanos > 0 ? 50 : 256;
        long[] io0 = ProcessStats.io();
        long cpu0 = ProcessStats.processCpuNanos();
        long start = System.nanoTime();
        long n = 0;
        long elapsed;
        long dropped;
        try (sink) {
            do {
                for (int i = 0; i < batch; i++) {
                    sink.append(payload);
                }
                n += batch;
                long now = System.nanoTime();
                sink.tick(now);
                if (paceNanos > 0) {
                    for (long due = start + n * paceNanos; now < due; now = System.nanoTime()) {
                        LockSupport.parkNanos(due - now);
                    }
                }
                elapsed = now - start;
            } while (elapsed < MAX_NANOS && n < MAX_RECORDS);
            dropped = sink.dropped();
        }
        long cpu = ProcessStats.processCpuNanos() - cpu0;
        long span = System.nanoTime() - start;
        long[] io = ProcessStats.io();
        long device = (io[1] - io0[1]) - (io[2] - io0[2]);
        long written = device > 0 ? device : io[0] - io0[0];
        return new Figures(n / (elapsed / 1e9), written / (double) (n * PAYLOAD), cpu / (double) n, 100.0 * cpu / span,
                device > 0, dropped);
    }

    /** The journal, with a consumer that reads and acknowledges every 10 ms, as the uplink would. */
    private static final class Journaled implements Sink, Runnable {
        private final Journal journal;
        private final Thread consumer;
        private volatile boolean stop;

        Journaled(Mode m, Path dir) throws IOException {
            this.journal = Journal.open(dir, JournalOptions.builder().sync(m.sync).build());
            this.consumer = Thread.ofPlatform().name("uplink").start(this);
        }

        @Override
        public void append(byte[] payload) {
            journal.append(payload);
        }

        @Override
        public long dropped() {
            return journal.dropped();
        }

        @Override
        public void run() {
            try {
                while (!stop) {
                    for (List<Entry> batch = journal.read(10_000); !batch.isEmpty(); batch = journal.read(10_000)) {
                        journal.acknowledge(batch.getLast().seq());
                    }
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws Exception {
            stop = true;
            consumer.join();
            journal.close();
        }
    }

    /** The peer: a buffered FileOutputStream, forced as the sync policy says. */
    private static final class Plain implements Sink {
        private final Mode mode;
        private final FileOutputStream file;
        private final OutputStream out;
        private final FileChannel channel;
        private long lastForce = System.nanoTime();

        Plain(Mode mode, Path dir) throws IOException {
            this.mode = mode;
            this.file = new FileOutputStream(dir.resolve("plain.bin").toFile());
            this.out = new BufferedOutputStream(file, 64 * 1024);
            this.channel = file.getChannel();
        }

        @Override
        public void append(byte[] payload) throws IOException {
            out.write(payload);
            if (mode == Mode.ALWAYS) {
                out.flush();
                channel.force(false);
            }
        }

        @Override
        public void tick(long now) throws IOException {
            if (mode == Mode.INTERVAL && now - lastForce >= 1_000_000_000L) {
                out.flush();
                channel.force(false);
                lastForce = now;
            }
        }

        @Override
        public void close() throws IOException {
            out.flush();
            channel.force(false);
            out.close();
        }
    }

    private static Map<String, Double> reopen(Path dir) throws Exception {
        // Quiet: filling it up to the last byte rejects one record on purpose.
        JournalOptions full = JournalOptions.builder().sync(Sync.NEVER).overflow(Overflow.REJECT_NEWEST)
                .logger(Quiet.LOGGER).build();
        byte[] payload = payload();
        try (Journal j = Journal.open(dir, full)) {
            while (j.append(payload) != Journal.REJECTED) {
                // fill it
            }
        }
        JournalOptions options = JournalOptions.defaults();
        double warm = timeReopen(dir, options);
        double cold = Double.NaN;
        if (dropCache(dir)) {
            cold = timeReopen(dir, options);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(REOPEN.key(), warm);
        values.put(REOPEN_COLD.key(), cold);
        return values;
    }

    private static double timeReopen(Path dir, JournalOptions options) throws IOException {
        long start = System.nanoTime();
        double millis;
        try (Journal j = Journal.open(dir, options)) {
            if (j.read(1).isEmpty() || j.bytesOnDisk() < JournalOptions.DEFAULT_MAX_BYTES - 8 * PAYLOAD) {
                throw new IllegalStateException("the journal was not full: " + j.bytesOnDisk() + " bytes");
            }
            millis = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    /** Drops the page cache of the journal's files, leaving the rest of the machine's alone. */
    private static boolean dropCache(Path dir) throws IOException, InterruptedException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Process p = new ProcessBuilder("dd", "if=" + f, "iflag=nocache", "count=0", "status=none")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException noDd) {
            return false;
        }
    }

    /** A logger that drops everything. */
    private static final class Quiet implements System.Logger {
        static final Quiet LOGGER = new Quiet();

        @Override
        public String getName() {
            return "quiet";
        }

        @Override
        public boolean isLoggable(Level level) {
            return false;
        }

        @Override
        public void log(Level level, java.util.ResourceBundle bundle, String msg, Throwable thrown) {
        }

        @Override
        public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public List<Check> checks(Side ours, Side peer) {
        if (!ours.measured()) {
            return List.of(Check.notMeasured(">= 50,000 appends/s at sync 1s; <= 1.2 disk bytes per byte; reopen < 1 s",
                    ours.note()));
        }
        double rate = ours.median(Mode.INTERVAL.rate.key());
        double written = ours.median(Mode.INTERVAL.written.key());
        double paced = ours.median(PACED_WRITTEN.key());
        double warm = ours.median(REOPEN.key());
        double cold = ours.median(REOPEN_COLD.key());
        double reopen = Double.isNaN(cold) ? warm : Math.max(warm, cold);
        return List.of(
                Check.of(">= 50,000 appends/s at sync 1s", rate >= 50_000, Mode.INTERVAL.rate.format(rate)),
                Check.of("<= 1.2 bytes written to disk per byte stored at sync 1s", Math.max(written, paced) <= 1.2,
                        RATIO.format(written) + " flat out; " + RATIO.format(paced) + " at 50,000/s"),
                Check.of("reopening a full 64 MiB journal < 1 s", reopen < 1000,
                        REOPEN.format(warm) + (Double.isNaN(cold) ? "" : "; uncached " + REOPEN_COLD.format(cold))));
    }
}
