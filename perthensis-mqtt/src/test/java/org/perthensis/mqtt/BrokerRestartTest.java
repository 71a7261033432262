package org.perthensis.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.perthensis.api.Backoff;
import org.perthensis.api.JournalConfig;

/**
 * The broker restarted while events flow at 100/s with QoS 1 and a journal: nothing is lost,
 * in order, duplicates only of what was sent again. (The distribution's MqttFaultIT does the
 * same five times with the whole app, and kills the app too.)
 */
@Timeout(180)
class BrokerRestartTest {
    @TempDir
    Path dir;

    @Test
    void aRestartedBrokerGetsEveryEventAtLeastOnceInOrder() throws Exception {
        try (Mosquitto broker = Mosquitto.startIn(dir.resolve("broker"))) {
            Subscriber sub = Subscriber.persistent(broker, "perthensis/restart/counter/#", "restart-sub");
            ConfigBuilder c = ConfigBuilder.on(broker.port()).publish("counter.*");
            c.clientId = "restart";
            c.journal = new JournalConfig(dir.resolve("journal").toString(), null, "always", null, null);
            c.reconnect = Backoff.Config.exact(Duration.ofMillis(200), Duration.ofSeconds(1));
            AtomicLong counted = new AtomicLong();
            try (LiveDevice device = new LiveDevice().mqtt("broker", c.build())) {
                device.add("counter", s -> {
                    for (long i = 1; ; i++) {
                        s.events().publish("counter.ticks", Map.of("value", i));
                        counted.set(i);
                        s.sleep(Duration.ofMillis(10));
                    }
                });
                for (int restart = 0; restart < 2; restart++) {
                    LiveDevice.sleep(Duration.ofSeconds(2));
                    broker.stop();
                    LiveDevice.sleep(Duration.ofSeconds(1));
                    broker.start();
                }
                LiveDevice.sleep(Duration.ofSeconds(2));
                device.scheduler.post(() -> { }); // the counter keeps going until close
                long last = counted.get();
                sub.awaitCount(l -> true, (int) last, "counter messages");
                device.close();
                List<Long> sent = new ArrayList<>();
                for (long i = 1; i <= last; i++) {
                    sent.add(i);
                }
                List<Long> received = sub.lines().stream()
                        .map(l -> Long.parseLong(l.payload().replaceAll(".*\"value\":(\\d+).*", "$1"))).toList();
                Delivery.Report report = Delivery.check(sent, received);
                assertTrue(report.duplicates() <= 2 * Sender.WINDOW, report.toString());
                assertEquals(2, device.log("broker").stream().filter(l -> l.contains(" down: ")).count(),
                        String.join("\n", device.log("broker")));
            } finally {
                sub.close();
            }
        }
    }
}
