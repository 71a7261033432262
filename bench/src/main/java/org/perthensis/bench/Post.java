package org.perthensis.bench;

import java.util.List;
import java.util.Map;

/** Posts per second from foreign threads into the loop, none lost. */
final class Post extends JmhBenchmark {
    static final int THREADS = 4;
    static final int POSTS = 1_000_000;
    static final int RUNS = 5;

    private static final Metric RATE = Metric.higher("posts_per_s", "posts/s", Metric.Unit.PER_SECOND);
    private static final Metric LOST = Metric.lower("lost", "posts lost", Metric.Unit.COUNT);

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
                + "loop has run the last action. Each action checks it follows its thread's previous one; a run "
                + "with a lost or reordered post fails. JMH single shot in a forked JVM, 6 warm-up and 5 measured runs; "
                + "the peer 1 warm-up and 5 measured runs.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(RATE, LOST);
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
    Map<String, Double> valuesOf(int variant, double millisPerOp) {
        // A run that lost a post fails in PostJmh and yields no score at all.
        return Map.of(RATE.key(), POSTS / (millisPerOp / 1000), LOST.key(), 0.0);
    }

    @Override
    public List<Check> checks(Side ours, Side peer) {
        if (!ours.measured()) {
            return List.of(Check.notMeasured(">= 1,000,000 posts/s, none lost", ours.note()));
        }
        double rate = ours.median(RATE.key());
        return List.of(
                Check.of(">= 1,000,000 posts/s", rate >= 1e6, RATE.format(rate)),
                Check.of("none lost", ours.max(LOST.key()) == 0, "every run checked all " + POSTS + " in order"));
    }
}
