package org.perthensis.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskInfo;
import org.perthensis.api.TaskInfo.State;

/** The well-known states, from the latest well-known events alone. */
class StatesTest {

    private static final Instant T0 = Scheduler.Builder.VIRTUAL_EPOCH;

    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final List<TaskInfo> tasks = List.of(task("network", "net"), task("clock", "ntp"), task("uplink", "connection"),
            task("broker", "mqtt"), task("status", "heartbeat"), task("door", "debounce"));

    private static TaskInfo task(String name, String type) {
        return new TaskInfo(name, type, "org.perthensis." + type, State.RUNNING, T0, T0, 0, null, null);
    }

    private List<String> states() {
        return States.of(tasks, s.events(), s.clock()).stream()
                .map(st -> st.label() + ": " + st.value() + " [" + st.level() + "] " + st.detail() + " since " + st.since())
                .toList();
    }

    @Test
    void beforeAnyEventEachWatchedThingSaysItIsNotKnownYet() {
        assertEquals(List.of("Network: not known yet [unknown]  since null", "Time: not synced yet [unknown]  since null",
                "connection uplink: not connected yet [unknown]  since null",
                "mqtt broker: not connected yet [unknown]  since null",
                "heartbeat status: its own pattern [ok] no alert since " + T0), states());
    }

    @Test
    void theNewestOfTwoOppositeEventsWins() {
        s.events().publish("net.up", Map.of("since", T0, "probes", List.of("tcp://192.0.2.1:53")));
        s.events().publish("ntp.synced", Map.of("server", "pool.ntp.org", "offset", 1.25, "delay", 3.5, "stratum", 2));
        s.events().publish("connection.uplink.up", Map.of("host", "192.0.2.10", "port", 7000));
        s.events().publish("heartbeat.status", Map.of("alert", "net.down", "until", "net.up"));
        s.run(Duration.ofSeconds(5));
        s.events().publish("net.down", Map.of("failed", "tcp://192.0.2.1:53", "reason", "Connection refused",
                "since", T0.plusSeconds(4)));
        s.events().publish("ntp.failed", Map.of("reason", "no answer within 1s"));
        s.events().publish("mqtt.broker.down", Map.of("reason", "Connection refused"));
        s.run(Duration.ofSeconds(1));
        Instant t5 = T0.plusSeconds(5);
        assertEquals(List.of("Network: down [bad] tcp://192.0.2.1:53 failed: Connection refused since " + T0.plusSeconds(4),
                "Time: synced [warn] with pool.ntp.org, offset 1.25 ms, stratum 2; the last try failed: no answer within 1s"
                        + " since " + T0,
                "connection uplink: up [ok] connected to 192.0.2.10:7000 since " + T0,
                "mqtt broker: down [bad] Connection refused since " + t5,
                "heartbeat status: alert [warn] net.down (until net.up) since " + T0), states());
    }
}
