package org.perthensis.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.perthensis.api.Scheduler;

/**
 * JMH's half of {@link Post}: one operation is four platform threads posting 250,000 actions
 * each into an idle loop, until the loop has run the last one. Every action checks that it
 * follows the previous one of its thread, so a lost or reordered post fails the run.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6)
@Measurement(iterations = Post.RUNS)
@Fork(1)
@State(Scope.Thread)
public class PostJmh {
    private Scheduler scheduler;
    private Thread loop;
    private final List<Thread> posters = new ArrayList<>();
    private CountDownLatch go;
    private CountDownLatch allRan;
    // Touched only on the loop.
    private int ran;
    private int outOfOrder;
    private int[] lastSeen;

    /** Creates the benchmark state; JMH calls it. */
    public PostJmh() {
    }

    /** Starts the loop, idle, and the posting threads, waiting for the go. */
    @Setup(Level.Invocation)
    public void startLoopAndPosters() {
        scheduler = Scheduler.create();
        go = new CountDownLatch(1);
        allRan = new CountDownLatch(1);
        ran = 0;
        outOfOrder = 0;
        lastSeen = new int[Post.THREADS];
        java.util.Arrays.fill(lastSeen, -1);
        posters.clear();
        for (int t = 0; t < Post.THREADS; t++) {
            int id = t;
            posters.add(Thread.ofPlatform().name("poster-" + t).start(() -> post(id)));
        }
        loop = Thread.ofPlatform().name("loop").start(scheduler::runForever);
    }

    private void post(int id) {
        try {
            go.await();
        } catch (InterruptedException e) {
            return;
        }
        for (int i = 0; i < Post.POSTS / Post.THREADS; i++) {
            int n = i;
            scheduler.post(() -> {
                if (n != lastSeen[id] + 1) {
                    outOfOrder++;
                }
                lastSeen[id] = n;
                if (++ran == Post.POSTS) {
                    allRan.countDown();
                }
            });
        }
    }

    /**
     * Lets the posters go and waits until the loop has run every posted action.
     *
     * @return how many ran
     * @throws InterruptedException if interrupted
     */
    @Benchmark
    public long fourThreadsPostingAMillionActions() throws InterruptedException {
        go.countDown();
        if (!allRan.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("posts were lost: the loop ran fewer than " + Post.POSTS + " in 60 s");
        }
        return allRan.getCount();
    }

    /**
     * Stops the loop and checks that exactly every post ran, each thread's in order.
     *
     * @throws InterruptedException if interrupted
     */
    @TearDown(Level.Invocation)
    public void stopAndCheck() throws InterruptedException {
        for (Thread p : posters) {
            p.join();
        }
        scheduler.shutdown();
        loop.join();
        if (ran != Post.POSTS || outOfOrder != 0) {
            throw new IllegalStateException("ran " + ran + " of " + Post.POSTS + " posted actions, "
                    + outOfOrder + " out of order");
        }
    }
}
