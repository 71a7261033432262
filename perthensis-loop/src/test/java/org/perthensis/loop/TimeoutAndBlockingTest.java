package org.perthensis.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskHandle;

class TimeoutAndBlockingTest {
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final List<String> log = new ArrayList<>();

    private void note(String what) {
        log.add(s.clock().millis() + " " + what);
    }

    @Test
    void withTimeoutTimesOutAndRunsFinallyBlocksOfTheBody() {
        s.spawn("waiter", sch -> {
            try {
                sch.withTimeout(Duration.ofMillis(300), () -> {
                    try {
                        sch.sleep(Duration.ofSeconds(10));
                        return "finished";
                    } finally {
                        note("body finally");
                    }
                });
                note("no timeout");
            } catch (TimeoutException e) {
                note(e.getMessage());
            }
            sch.sleep(100);
            note("goes on");
        });
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("300 body finally", "300 timed out after 300ms", "400 goes on"), log);
    }

    @Test
    void withTimeoutTooLongForNanosecondsNeverTimesOut() {
        for (Duration forever : List.of(ChronoUnit.FOREVER.getDuration(), Duration.ofSeconds(Long.MAX_VALUE))) {
            s.spawn("patient", sch -> note(sch.withTimeout(forever, () -> {
                sch.sleep(Duration.ofDays(365));
                return "done after " + sch.clock().elapsed().toDays() + " days";
            })));
        }
        s.run(Duration.ofDays(3650));
        assertEquals(List.of("31536000000 done after 365 days", "31536000000 done after 365 days"), log);
    }

    @Test
    void withTimeoutReturnsTheValueWhenTheBodyIsInTime() {
        s.spawn("quick", sch -> note(sch.withTimeout(Duration.ofMillis(300), () -> {
            sch.sleep(200);
            return "value";
        })));
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("200 value"), log);
    }

    @Test
    void innerTimeoutIsReportedByTheInnerScopeAndOuterByTheOuter() {
        s.spawn("nested", sch -> {
            try {
                sch.withTimeout(Duration.ofMillis(500), () -> {
                    try {
                        sch.withTimeout(Duration.ofMillis(100), () -> {
                            sch.sleep(1000);
                            return null;
                        });
                    } catch (TimeoutException inner) {
                        note("inner timed out");
                    }
                    try {
                        sch.withTimeout(Duration.ofMillis(1000), () -> {
                            sch.sleep(1000);
                            return null;
                        });
                    } catch (TimeoutException wrong) {
                        note("wrong scope");
                    }
                    return null;
                });
            } catch (TimeoutException outer) {
                note("outer timed out");
            }
        });
        s.run(Duration.ofSeconds(2));
        assertEquals(List.of("100 inner timed out", "500 outer timed out"), log);
    }

    @Test
    void blockingWorkDoesNotHoldUpOtherTasks() throws Exception {
        Scheduler real = Scheduler.create();
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new ArrayList<>();
        real.spawn("io", sch -> {
            String got = sch.blocking(() -> {
                assertTrue(release.await(60, TimeUnit.SECONDS), "the ticker never ran while the call blocked");
                return "read";
            });
            order.add(got);
            sch.shutdown();
        });
        real.spawn("ticker", sch -> {
            for (int i = 0; i < 3; i++) {
                order.add("tick");
                sch.sleep(5);
            }
            release.countDown();
        });
        real.runForever();
        assertEquals(List.of("tick", "tick", "tick", "read"), order);
    }

    @Test
    void blockingRethrowsWhatTheCallThrew() {
        s.spawn("io", sch -> {
            try {
                sch.blocking(() -> {
                    throw new IOException("disk gone");
                });
            } catch (IOException e) {
                note(e.getMessage());
            }
        });
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("0 disk gone"), log);
    }

    @Test
    void timeoutInterruptsAndAbandonsABlockingCall() {
        Scheduler real = Scheduler.create();
        boolean[] interrupted = {false};
        CountDownLatch ended = new CountDownLatch(1);
        real.spawn("io", sch -> {
            try {
                sch.withTimeout(Duration.ofMillis(50), () -> sch.blocking(() -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted[0] = true;
                    } finally {
                        ended.countDown();
                    }
                    return null;
                }));
            } catch (TimeoutException e) {
                log.add("timed out");
            }
            sch.shutdown();
        });
        real.runForever();
        assertEquals(List.of("timed out"), log);
        try {
            assertTrue(ended.await(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertTrue(interrupted[0], "the abandoned call's thread was interrupted");
    }

    @Test
    void cancellingATaskInABlockingCallEndsItAtOnce() {
        TaskHandle io = s.spawn("io", sch -> {
            try {
                sch.blocking(() -> {
                    Thread.sleep(60_000);
                    return null;
                });
            } finally {
                note("finally");
            }
        });
        s.spawn("canceller", sch -> io.cancel());
        long started = System.nanoTime();
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("0 finally"), log);
        assertEquals(TaskHandle.State.CANCELLED, io.state());
        assertTrue(System.nanoTime() - started < 30_000_000_000L, "did not wait for the minute-long call");
    }
}
