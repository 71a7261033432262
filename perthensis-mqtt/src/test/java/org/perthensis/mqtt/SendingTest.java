package org.perthensis.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Scheduler;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.testing.RecordingLogger;

/** What is sent when, under virtual time with a scripted broker: pacing, the window, resending, drops. */
class SendingTest {
    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final RecordingLogger log = new RecordingLogger(s.clock());
    private final FakeLink.Factory links = new FakeLink.Factory();

    private MqttTask start(ConfigBuilder config) {
        MqttTask task = new MqttTask(config.build(), TaskEnvironment.of("broker", s, log, new HashMap<>()), links, () -> 0.5);
        s.spawn("broker", task);
        return task;
    }

    private void count(int from, int to) {
        for (int i = from; i <= to; i++) {
            s.events().publish("counter.ticks", Map.of("value", i));
        }
    }

    /** The values of the counter messages published, in order. */
    private List<Integer> values() {
        return links.published().stream().filter(p -> p.startsWith("perthensis/test-device/counter/ticks "))
                .map(p -> Integer.valueOf(p.replaceAll(".*\"value\":(\\d+).*", "$1"))).toList();
    }

    @Test
    void aBacklogGoesOutAtTheBurstAtOnceThenAtTheRate() {
        ConfigBuilder c = ConfigBuilder.on(1883).publish("counter.*");
        c.rate = 100;
        c.burst = 50;
        s.spawn("queue", q -> count(1, 1000)); // queued before the task connects
        start(c);
        s.run(Duration.ofMillis(5));
        assertEquals(50, values().size(), "the burst");
        s.run(Duration.ofMillis(100));
        assertEquals(60, values().size(), "50 + 10 in 105 ms at 100/s");
        s.run(Duration.ofSeconds(1));
        assertEquals(160, values().size());
        s.run(Duration.ofSeconds(9));
        assertEquals(IntStream.rangeClosed(1, 1000).boxed().toList(), values());
        assertEquals("0 INFO mqtt 'broker' up: connected to 127.0.0.1:1883 as 'test-device' (MQTT 5); sending 1000"
                + " queued messages, at most 100 a second", log.visible().getFirst());
    }

    @Test
    void atMostAWindowIsUnacknowledgedAndEachAcknowledgementLetsOneMoreGo() {
        links.holdAcks = true;
        MqttTask task = start(ConfigBuilder.on(1883).publish("counter.*"));
        s.run(Duration.ofSeconds(1));
        count(1, Sender.WINDOW + 100);
        s.run(Duration.ofSeconds(1));
        assertEquals(Sender.WINDOW, values().size());
        links.last().ack(30);
        s.run(Duration.ofSeconds(1));
        assertEquals(Sender.WINDOW + 30, values().size());
        assertEquals(Sender.WINDOW + 100 - 30, task.outbox().pending());
        assertEquals(30, task.sender().acknowledged());
    }

    @Test
    void whatWasNotAcknowledgedIsSentAgainInOrderAfterAReconnect() {
        links.holdAcks = true;
        MqttTask task = start(ConfigBuilder.on(1883).publish("counter.*"));
        s.run(Duration.ofSeconds(1));
        count(1, 20);
        s.run(Duration.ofSeconds(1));
        links.last().ack(8);
        s.run(Duration.ofSeconds(1));
        links.last().lose("the connection was closed");
        count(21, 25); // while it is away
        s.run(Duration.ofSeconds(5));
        links.last().ack(100);
        s.run(Duration.ofSeconds(1));
        List<Integer> expected = new java.util.ArrayList<>(IntStream.rangeClosed(1, 20).boxed().toList());
        expected.addAll(IntStream.rangeClosed(9, 25).boxed().toList()); // 1 to 8 were acknowledged
        assertEquals(expected, values());
        assertEquals(0, task.outbox().pending());
    }

    @Test
    void aFullQueueDropsTheOldestAndSaysSoOncePerBurst() {
        ConfigBuilder c = ConfigBuilder.on(1883).publish("counter.*");
        c.queue = 10;
        links.outcomes.add(new LinkFailure(LinkFailure.Kind.CONNECTION, "connection refused"));
        c.reconnect = org.perthensis.api.Backoff.Config.exact(Duration.ofSeconds(30), Duration.ofSeconds(30));
        MqttTask task = start(c);
        s.run(Duration.ofSeconds(1));
        count(1, 25);
        s.run(Duration.ofSeconds(40));
        assertEquals(IntStream.rangeClosed(16, 25).boxed().toList(), values());
        assertEquals(15, task.outbox().dropped());
        assertEquals(List.of(
                "0 WARNING mqtt 'broker': cannot connect to 127.0.0.1:1883: connection refused; retrying in 30s",
                "1000 WARNING mqtt 'broker': dropped a message, the queue was full (queue 10, overflow drop-oldest, no"
                        + " journal); 1 dropped in all",
                "11000 WARNING mqtt 'broker': dropped 14 more messages, the queue was full (queue 10, overflow"
                        + " drop-oldest); 15 dropped in all",
                "30000 INFO mqtt 'broker' up: connected to 127.0.0.1:1883 as 'test-device' (MQTT 5); sending 10 queued"
                        + " messages, at most 100000 a second"), log.visible());
    }

    @Test
    void aMessageTheBrokerRefusesIsDroppedAndSaidNotSentForever() {
        links.holdAcks = true;
        MqttTask task = start(ConfigBuilder.on(1883).publish("counter.*"));
        s.run(Duration.ofSeconds(1));
        count(1, 3);
        s.run(Duration.ofMillis(1));
        FakeLink link = links.last();
        link.held.get(1).completeExceptionally(new LinkFailure(LinkFailure.Kind.REFUSED,
                "the broker refused it: not authorized"));
        link.ack(3);
        s.run(Duration.ofSeconds(1));
        assertEquals(0, task.outbox().pending());
        assertEquals(1, task.sender().refused());
        assertEquals(2, task.sender().acknowledged());
        assertTrue(log.visible().contains("1001 WARNING mqtt 'broker': the broker refused a message, which is dropped:"
                + " the broker refused it: not authorized"), String.join("\n", log.visible()));
    }

    @Test
    void eventsThatCannotBeAnMqttTopicAreCountedAndSaid() {
        MqttTask task = start(ConfigBuilder.on(1883).publish("*"));
        s.run(Duration.ofSeconds(1));
        s.events().publish("command.open", "now");
        s.run(Duration.ofSeconds(1));
        assertEquals(1, task.counters.unpublishable);
        assertTrue(log.visible().contains("1000 WARNING mqtt 'broker': did not publish the event command.open: it would"
                + " land on perthensis/test-device/command/open, which is this device's command topic"),
                String.join("\n", log.visible()));
    }
}
