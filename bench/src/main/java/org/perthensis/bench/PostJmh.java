package org.perthensis.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * follows the previous one of its thread; the posts lost or reordered are counted, and with
 * the process CPU of the operation written to the {@link ForkLog}.
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
    private CountDownLatch allPosted;
    private CountDownLatch release;
    private CountDownLatch allRan;
    private CpuMeter cpu;
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
        allPosted = new CountDownLatch(Post.THREADS);
        release = new CountDownLatch(1);
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
        cpu = new CpuMeter(); // every thread of the operation is alive now, and stays so until it is read
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
                ran++;
            });
        }
        allPosted.countDown();
        try {
            release.await(); // a thread that ended would take its CPU time out of the sum
        } catch (InterruptedException e) {
            // ends all the same
        }
    }

    /**
     * Lets the posters go and waits until the loop has run every posted action: once all have
     * posted, one more post follows theirs, and the loop runs posts in order, so when it runs
     * the posts before it have run or were lost.
     *
     * @return how many ran
     * @throws InterruptedException if interrupted
     */
    @Benchmark
    public long fourThreadsPostingAMillionActions() throws InterruptedException {
        go.countDown();
        allPosted.await();
        scheduler.post(allRan::countDown);
        if (!allRan.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the loop did not run a post in 60 s");
        }
        return allRan.getCount();
    }

    /**
     * Stops the loop and records the posts lost (never run, or run out of their thread's
     * order) and the CPU of the operation.
     *
     * @throws InterruptedException if interrupted
     */
    @TearDown(Level.Invocation)
    public void stopAndCount() throws InterruptedException {
        Map<String, Double> values = new LinkedHashMap<>(cpu.values(Post.POSTS));
        release.countDown();
        for (Thread p : posters) {
            p.join();
        }
        scheduler.shutdown();
        loop.join();
        values.put(Post.LOST_KEY, (double) (Post.POSTS - ran + outOfOrder));
        ForkLog.append(values);
    }
}
