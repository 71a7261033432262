package org.perthensis.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints results for people: a block per benchmark as it ends, then the summary tables. */
final class Report {
    private static final int WIDTH = 100;

    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void header(Machine machine, Python python) {
        out.println("Perthensis for Java, side by side with CPython asyncio");
        out.println("machine: " + machine.cpu() + ", " + machine.cores() + " cores, " + machine.memory() + ", " + machine.kernel());
        out.println("JDK:     " + machine.jdk());
        out.println("peer:    " + (python != null ? python.version() + " (" + python.path() + ")" : Harness.noPythonNote()));
        out.println("\"vs asyncio\" is how many times better Perthensis is than its peer (asyncio unless named), from the medians.");
        out.println();
    }

    void started(Benchmark b) {
        out.println("== " + b.name() + ": " + b.what());
        for (String line : wrap(b.method(), WIDTH - 3)) {
            out.println("   " + line);
        }
        out.flush();
    }

    void finished(Result r) {
        String peer = r.benchmark().peerName();
        out.println("   load: Perthensis " + load(r.ours()) + "; " + peer + " " + load(r.peer()));
        if (r.ours().disturbed() || r.peer().disturbed()) {
            out.println("   DISTURBED: other processes kept more than " + OtherLoad.DISTURBED_CORES
                    + " cores busy; rerun this one on a quiet machine");
        }
        note("Perthensis", r.ours());
        note(peer, r.peer());
        for (Metric m : r.benchmark().metrics()) {
            out.printf(Locale.ROOT, "   %-28s Perthensis %-30s %s %-30s %s%n", m.label(),
                    spread(m, r.ours()), peer, peerSpread(m, r.peer()), vs(r.advantage(m)));
        }
        for (Check c : r.checks()) {
            out.printf(Locale.ROOT, "   %-12s %s: %s%n", verdict(c), c.target(), c.detail());
        }
        out.println();
        out.flush();
    }

    void failed(Benchmark b, Exception e) {
        out.println("   FAILED: " + e);
        out.println();
    }

    void summary(List<Result> results) {
        out.println("## Summary");
        out.println();
        out.println("| benchmark | figure | Perthensis median [min..max] | asyncio median [min..max] | vs asyncio"
                + " | CPU per unit, Perthensis / asyncio |");
        out.println("|---|---|---|---|---|---|");
        for (Result r : results) {
            String name = r.benchmark().name();
            for (Metric m : r.benchmark().metrics()) {
                out.println("| " + name + " | " + m.label() + " | " + spread(m, r.ours()) + " | " + peerCell(r, m)
                        + " | " + vs(r.advantage(m)) + " | " + cpuCell(r, m) + " |");
                name = "";
            }
        }
        out.println();
        out.println("| benchmark | target | result | figures |");
        out.println("|---|---|---|---|");
        for (Result r : results) {
            String name = r.benchmark().name();
            for (Check c : r.checks()) {
                out.println("| " + name + " | " + c.target() + " | " + verdict(c) + " | " + c.detail() + " |");
                name = "";
            }
        }
        out.println();
        out.flush();
    }

    private void note(String who, Side side) {
        if (!side.note().isEmpty()) {
            out.println("   " + who + ": " + side.note());
        }
    }

    /**
     * The CPU that bought a figure, beside it: the benchmark's CPU per unit of work on both
     * sides (medians), from the same JVM variant as the figure (one carrier or not).
     */
    static String cpuCell(Result r, Metric m) {
        String key = Metric.CPU_PER_UNIT + (m.key().endsWith("_one_carrier") ? "_one_carrier" : "");
        Metric cpu = r.benchmark().metrics().stream().filter(c -> c.key().equals(key)).findFirst().orElse(null);
        if (cpu == null) {
            return "-";
        }
        String unit = cpu.label().substring("CPU ".length());
        return cpu.format(r.ours().median(cpu.key())) + " / " + cpu.format(r.peer().median(cpu.peerKey())) + " " + unit;
    }

    /** The peer's figure for the summary table, named when the peer is not asyncio. */
    private static String peerCell(Result r, Metric m) {
        String s = peerSpread(m, r.peer());
        String peer = r.benchmark().peerName();
        return peer.equals("asyncio") || s.equals("-") ? s : peer + ": " + s;
    }

    static String spread(Metric m, Side side) {
        return spreadOf(m, side.stats(m.key())) + (side.disturbed() ? " (disturbed)" : "");
    }

    /** The peer's figure a metric is compared with; marked as the same one when shared. */
    static String peerSpread(Metric m, Side side) {
        String s = spreadOf(m, side.stats(m.peerKey())) + (side.disturbed() ? " (disturbed)" : "");
        return m.peerKey().equals(m.key()) || s.startsWith("-") ? s : "(same) " + s;
    }

    private static String spreadOf(Metric m, Stats s) {
        if (s.n() == 0) {
            return "-";
        }
        if (s.n() == 1 || s.min() == s.max()) {
            return m.format(s.median()) + (s.n() > 1 ? " [all " + s.n() + " runs]" : "");
        }
        return m.format(s.median()) + " [" + m.format(s.min()) + ".." + m.format(s.max()) + "]";
    }

    static String vs(double x) {
        if (Double.isNaN(x)) {
            return "-";
        }
        if (Double.isInfinite(x)) {
            return "better (0 vs more)";
        }
        if (x == 0) {
            return "worse (more vs 0)";
        }
        if (Math.abs(x - 1) < 0.005) {
            return "same";
        }
        return x >= 1 ? String.format(Locale.ROOT, "%.2fx better", x) : String.format(Locale.ROOT, "%.2fx worse", 1 / x);
    }

    private static String verdict(Check c) {
        return switch (c.verdict()) {
            case PASS -> "PASS";
            case MISS -> "MISSED";
            case NOT_MEASURED -> "NOT MEASURED";
        };
    }

    private static String load(Side side) {
        if (side.loadBefore().isEmpty()) {
            return "-";
        }
        return "loadavg " + side.loadBefore() + " before, others used "
                + (Double.isNaN(side.otherCores()) ? "?" : String.format(Locale.ROOT, "%.2f", side.otherCores()))
                + " cores during";
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
