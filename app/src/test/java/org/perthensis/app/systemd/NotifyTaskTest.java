package org.perthensis.app.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskInfo;
import org.perthensis.api.TaskInfo.State;
import org.perthensis.api.TaskList;
import org.perthensis.testing.RecordingLogger;

/** What the runtime tells systemd, under a virtual clock: READY, STATUS, the pings at half the watchdog's interval, STOPPING. */
class NotifyTaskTest {

    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final RecordingLogger log = new RecordingLogger(s.clock());
    private final List<String> sent = new ArrayList<>();
    private final NotifySocket socket = new NotifySocket() {
        @Override
        public void send(String message) {
            sent.add(s.clock().millis() + " " + message.replace("\n", "|"));
        }

        @Override
        public String how() {
            return "a test's list";
        }

        @Override
        public void close() {
        }
    };
    private volatile List<TaskInfo> tasks = List.of(info("door", State.RUNNING));
    private final TaskList list = () -> tasks;

    @AfterEach
    void shutDown() {
        s.shutdown();
        s.run(Duration.ofSeconds(1));
    }

    private static TaskInfo info(String name, State state) {
        return new TaskInfo(name, "debounce", "org.perthensis.debounce", state, Instant.EPOCH, Instant.EPOCH, 0, null, null);
    }

    private void state(State state) {
        tasks = List.of(info("door", state));
        s.events().publish(TaskList.TOPIC, tasks.getFirst());
    }

    private Systemd systemd(Duration watchdogUsec) {
        return new Systemd(socket, watchdogUsec == null ? null : watchdogUsec.dividedBy(2), log);
    }

    @Test
    void readyComesFirstThenAPingEveryHalfIntervalAndAStatusLineOnEachChange() {
        Systemd systemd = systemd(Duration.ofSeconds(10));
        s.spawn("systemd", systemd.task(list, Duration.ofSeconds(60)));
        s.after(Duration.ofSeconds(7), x -> x.events().publish("net.up", Map.of()));
        s.after(Duration.ofSeconds(8), x -> x.events().publish("ntp.synced", Map.of()));
        s.run(Duration.ofMillis(20_500));
        systemd.stopping();
        systemd.stopping();
        assertEquals(List.of("0 READY=1|STATUS=1 of 1 task running", "0 WATCHDOG=1", "5000 WATCHDOG=1",
                "7000 STATUS=1 of 1 task running; network up", "8000 STATUS=1 of 1 task running; network up; time synced",
                "10000 WATCHDOG=1", "15000 WATCHDOG=1", "20000 WATCHDOG=1", "20500 STOPPING=1"), sent);
    }

    @Test
    void withoutAWatchdogThereAreNoPings() {
        s.spawn("systemd", systemd(null).task(list, Duration.ofSeconds(60)));
        s.after(Duration.ofSeconds(3), x -> x.events().publish("net.down", Map.of()));
        s.run(Duration.ofMinutes(1));
        assertEquals(List.of("0 READY=1|STATUS=1 of 1 task running", "3000 STATUS=1 of 1 task running; network down"), sent);
    }

    @Test
    void aTaskWaitingToRestartLongerThanItsBackoffHoldsThePingsUntilItRunsAgain() {
        s.spawn("systemd", systemd(Duration.ofSeconds(20)).task(list, Duration.ofSeconds(60)));
        s.after(Duration.ofSeconds(1), x -> state(State.RESTARTING));
        s.after(Duration.ofSeconds(100), x -> state(State.RUNNING));
        s.run(Duration.ofSeconds(125));
        List<String> pings = sent.stream().filter(m -> m.endsWith("WATCHDOG=1")).map(m -> m.split(" ")[0]).toList();
        assertEquals(List.of("0", "10000", "20000", "30000", "40000", "50000", "60000", "70000", "100000", "110000", "120000"),
                pings, "from 1s + 60s + 10s on the task is overdue");
        assertEquals(List.of("80000 WARNING systemd: not feeding the watchdog: task 'door' has been restarting for 1min19s,"
                        + " longer than 1min10s; systemd restarts the runtime unless that ends soon",
                "100000 INFO systemd: every task is back where its supervisor put it; the watchdog is fed again"), log.lines());
        assertEquals("1000 STATUS=0 of 1 task running (1 restarting)", sent.get(2));
    }

    @Test
    void theSocketAddressIsAPathOrAnAbstractName() {
        ByteBuffer path = ByteBuffer.allocate(2 + 20).order(ByteOrder.nativeOrder()).putShort((short) 1);
        path.put("/run/systemd/notify".getBytes()).put((byte) 0);
        assertArrayEquals(path.array(), NotifySocket.sockaddr("/run/systemd/notify"));
        ByteBuffer name = ByteBuffer.allocate(2 + 5).order(ByteOrder.nativeOrder()).putShort((short) 1);
        name.put((byte) 0).put("test".getBytes());
        assertArrayEquals(name.array(), NotifySocket.sockaddr("@test"), "no terminating zero: it would be part of the name");
        assertEquals("NOTIFY_SOCKET=vsock:2:1234 is neither a path nor an abstract socket name (@...); only those are supported",
                assertThrows(IllegalArgumentException.class, () -> NotifySocket.sockaddr("vsock:2:1234")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> NotifySocket.sockaddr("/" + "x".repeat(107)));
    }

    @Test
    void theWatchdogIsOursOnlyWhenItsPidIsOurs() {
        assertEquals(Duration.ofSeconds(15), Systemd.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000"), log));
        assertEquals(Duration.ofSeconds(15), Systemd.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000",
                "WATCHDOG_PID", Long.toString(ProcessHandle.current().pid())), log));
        assertNull(Systemd.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "1"), log));
        assertNull(Systemd.watchdogInterval(Map.of(), log));
        assertNull(Systemd.watchdogInterval(Map.of("WATCHDOG_USEC", "soon"), log));
        assertEquals(List.of("0 WARNING systemd: WATCHDOG_USEC=soon is not a positive number of microseconds; not feeding"
                + " the watchdog"), log.lines());
    }

    @Test
    void nothingHappensWithoutNotifySocket() {
        assertEquals(java.util.Optional.empty(), Systemd.connect(Map.of("WATCHDOG_USEC", "30000000"), log));
        assertEquals(List.of(), log.lines());
    }
}
