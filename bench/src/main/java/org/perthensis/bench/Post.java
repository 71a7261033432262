package org.perthensis.bench;

import java.util.List;
import java.util.Map;

/** Posts per second from foreign threads into the loop, none lost. */
final class Post extends JmhBenchmark {
    static final int THREADS = 4;
    static final int POSTS = 1_000_000;
    static final int RUNS = 5;

    private static final Metric RATE = Metric.higher("posts_per_s", "posts/s", Metric.Unit.PER_SECOND);
    static final String LOST_KEY = "lost";

    private static final Metric LOST = Metric.lower(LOST_KEY, "posts lost", Metric.Unit.COUNT);
    private static final Metric CPU = Metric.cpuShare();
    private static final Metric CPU_PER_POST = Metric.cpuPer("post");

    @Override
    public String name() {
        return "post";
    }

    @Override
    public String what() {
        return "4 foreign threads posting into the loop";
    }

    @Override
    public String method() {
        return "4 platform threads each post 250,000 actions into an idle loop (Perthensis post(...); asyncio "
                + "loop.call_soon_threadsafe(...)); posts/s = 1,000,000 / the time from releasing the threads until the "
                + "loop has run the last action (a post made after all four threads are done). Each action checks it follows "
                + "its thread's previous one; lost = posts never run + posts run out of order. CPU: process CPU (user + system, "
                + "all threads, the posting ones included) of the same span, of one core and per post. JMH single shot in a forked JVM, 6 warm-up and 5 measured runs; "
                + "the peer 1 warm-up and 5 measured runs.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(RATE, LOST, CPU, CPU_PER_POST);
    }

    @Override
    Class<?> jmhClass() {
        return PostJmh.class;
    }

    @Override
    int runs() {
        return RUNS;
    }

    @Override
    Map<String, Double> valuesOf(int variant, double millisPerOp, Map<String, Double> fork) {
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        values.put(RATE.key(), POSTS / (millisPerOp / 1000));
        values.put(LOST.key(), fork.getOrDefault(LOST.key(), Double.NaN));
        values.put(CPU.key(), fork.getOrDefault(CPU.key(), Double.NaN));
        values.put(CPU_PER_POST.key(), fork.getOrDefault(CPU_PER_POST.key(), Double.NaN));
        return values;
    }

    @Override
    public List<Check> checks(Side ours, Side peer) {
        if (!ours.measured()) {
            return List.of(Check.notMeasured(">= 1,000,000 posts/s, none lost", ours.note()));
        }
        double rate = ours.median(RATE.key());
        double lost = ours.max(LOST.key());
        return List.of(
                Check.of(">= 1,000,000 posts/s", rate >= 1e6, RATE.format(rate)),
                Check.of("none lost", lost == 0, "most lost in a run: " + LOST.format(lost) + " of " + POSTS));
    }
}
