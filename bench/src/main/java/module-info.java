/**
 * Benchmarks of the Perthensis scheduler, run side by side with CPython asyncio peers, of the
 * journal beside a plain FileOutputStream, and of the mqtt task beside CPython's paho-mqtt
 * ({@code bench/run}). Not part of the distribution.
 *
 * <p>The jar doubles as a one-task plugin, {@code bench-probe}, which the startup benchmark
 * drops onto the distribution's module path to see when the first task body runs.
 *
 * @provides org.perthensis.api.TaskProvider
 */
module org.perthensis.bench {
    requires java.management;
    // com.sun.management.OperatingSystemMXBean: the process's CPU time, exited threads included.
    requires jdk.management;
    requires org.perthensis.journal;
    requires org.perthensis.web;
    // The web benchmark's peer: the JDK's HTTP server serving the same bytes with nothing behind them.
    requires jdk.httpserver;
    requires org.perthensis.mqtt;
    // The mqtt benchmark's subscriber and control client use the MQTT client directly.
    requires com.hivemq.client.mqtt;
    // The probe's public signatures use API types.
    requires transitive org.perthensis.api;

    // The probe's config record must be visible to the runtime's binder.
    exports org.perthensis.bench;

    provides org.perthensis.api.TaskProvider with org.perthensis.bench.FirstTaskProbe;
}
