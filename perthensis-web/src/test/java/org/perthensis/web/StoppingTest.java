package org.perthensis.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskHandle;
import org.perthensis.testing.RecordingLogger;

/** A web task stopped before its server has finished starting. */
class StoppingTest {

    @Test
    void aTaskStoppedWhileItsServerStartsLeavesThePortFree() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CountDownLatch opening = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        Scheduler scheduler = Scheduler.create();
        RecordingLogger log = new RecordingLogger();
        TaskEnvironment env = TaskEnvironment.of("status", scheduler, log, Map.of());
        WebTask web = new WebTask(new WebProvider.Config("127.0.0.1", port, null, null), Token.NONE, env,
                new Hub(env, null, Metrics.create(), Device.here()), () -> {
                    opening.countDown();
                    awaitUninterruptibly(goOn); // as opening a server does: the stop's interrupt does not end it
                });
        TaskHandle task = scheduler.spawn("status", web);
        Thread driver = Thread.ofPlatform().name("test loop").start(scheduler::runForever);
        try {
            opening.await();
            assertTrue(!free(port), "the server listens");
            task.cancel();
            TestDevice.await(() -> task.state() != TaskHandle.State.RUNNING, "the task to end");
            assertEquals(TaskHandle.State.CANCELLED, task.state());
            goOn.countDown(); // the opening ends after its task has ended

            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!free(port)) {
                assertTrue(System.nanoTime() < deadline, "port " + port + " still taken 5 s after its task ended");
                Thread.sleep(10);
            }
            assertEquals(List.of(), log.lines());
        } finally {
            scheduler.shutdown();
            driver.join(TestDevice.PATIENCE.toMillis());
        }
    }

    private static boolean free(int port) throws IOException {
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (BindException taken) {
            return false;
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
