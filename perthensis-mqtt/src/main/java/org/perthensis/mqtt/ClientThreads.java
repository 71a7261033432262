package org.perthensis.mqtt;

import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The client library's threads, one set for every {@code mqtt} task of the JVM: one network
 * thread and one thread for callbacks, both daemons. Daemons, because the library's own network
 * threads outlive {@code disconnect()} when a session may resume later (its issue 498) and would
 * keep the JVM from exiting; one of each, because a device has one or two brokers and a fleet
 * simulation hundreds of clients, and a thread per client would be hundreds of idle threads.
 */
final class ClientThreads {

    static {
        // Before the client's RxJava loads: RxJava's defaults wake a purge thread every second and
        // an evictor every minute, for schedulers this module does not use; idle means asleep.
        setIfAbsent("rx2.purge-enabled", "false");
        setIfAbsent("rx2.io-keep-alive-time", Long.toString(365L * 24 * 3600));
        // Netty without sun.misc.Unsafe: heap buffers are fast enough for a device's messages, and
        // JDK 24 and later print a warning on its first use of Unsafe's memory access.
        setIfAbsent("io.netty.noUnsafe", "true");
    }

    private static final ExecutorService CALLBACKS = Executors.newSingleThreadExecutor(r -> daemon(r, "perthensis-mqtt"));

    static final MqttClientExecutorConfig CONFIG = MqttClientExecutorConfig.builder()
            .nettyExecutor(r -> daemon(r, "perthensis-mqtt-network").start())
            .nettyThreads(1)
            .applicationScheduler(io.reactivex.schedulers.Schedulers.from(CALLBACKS))
            .build();

    private ClientThreads() {
    }

    /** Where completions and incoming messages are handed on to the loops. */
    static java.util.concurrent.Executor callbacks() {
        return CALLBACKS;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
