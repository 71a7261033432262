package org.perthensis.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Scheduler;
import org.perthensis.testing.RecordingLogger;

class PostTest {

    @Test
    void postsFromFourForeignThreadsAreAllRunInOrderPerThread() throws Exception {
        Scheduler s = Scheduler.create();
        int threads = 4;
        int each = 10_000;
        int[] lastSeen = new int[threads];
        java.util.Arrays.fill(lastSeen, -1);
        int[] total = {0};
        int[] outOfOrder = {0};
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> posters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            posters.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    int n = i;
                    s.post(() -> {
                        if (n != lastSeen[id] + 1) {
                            outOfOrder[0]++;
                        }
                        lastSeen[id] = n;
                        if (++total[0] == threads * each) {
                            s.shutdown();
                        }
                    });
                }
            }));
        }
        s.spawn("busy", sch -> {
            while (true) {
                sch.sleep(1);
            }
        });
        start.countDown();
        Thread loop = Thread.ofPlatform().start(s::runForever);
        loop.join(TimeUnit.SECONDS.toMillis(60));
        for (Thread p : posters) {
            p.join();
        }
        assertTrue(!loop.isAlive(), "the loop ended once every post had run");
        assertEquals(threads * each, total[0]);
        assertEquals(0, outOfOrder[0]);
    }

    @Test
    void aPostWakesAnIdleLoopAtOnce() throws Exception {
        Scheduler s = Scheduler.create();
        List<String> log = new ArrayList<>();
        s.spawn("sleeper", sch -> sch.sleep(Duration.ofHours(1)));
        Thread loop = Thread.ofPlatform().start(s::runForever);
        Thread.sleep(100);
        long posted = System.nanoTime();
        long[] ranAfter = {0};
        s.post(() -> {
            ranAfter[0] = System.nanoTime() - posted;
            log.add("ran");
            s.shutdown();
        });
        loop.join(60_000);
        assertEquals(List.of("ran"), log);
        // Its next timer is an hour away; on a busy machine a post may wait for a core, but not for that timer.
        assertTrue(ranAfter[0] < 30_000_000_000L, "an idle loop must not wait for its next timer to see a post");
    }

    @Test
    void aThrowingPostedActionIsLoggedAndTheLoopGoesOn() {
        Scheduler s = Scheduler.builder().virtualTime().build();
        RecordingLogger logger = TestLogs.recording(s);
        List<String> log = new ArrayList<>();
        s.post(() -> {
            throw new IllegalStateException("oops");
        });
        s.post(() -> log.add("second"));
        s.run(Duration.ZERO);
        assertEquals(List.of("second"), log);
        assertEquals(List.of("ERROR a posted action failed: java.lang.IllegalStateException: oops"), logger.lines());
    }

    @Test
    void spawningFromAForeignThreadIsRefusedAndPointsToPost() throws Exception {
        Scheduler s = Scheduler.create();
        String[] message = {null};
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                s.spawn("x", sch -> { });
            } catch (IllegalStateException e) {
                message[0] = e.getMessage();
            }
        });
        t.join();
        assertEquals("spawning a task must happen on the loop (in a task, listener or posted action);"
                + " from another thread, use post(...)", message[0]);
    }
}
