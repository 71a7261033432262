/**
 * The status page of a device: task type {@code web}, serving a live page of every task and the
 * well-known states ({@code /}, updated through server-sent events at {@code /events}), the
 * Prometheus text format ({@code /metrics}) and a health check ({@code /health}) on the JDK's
 * own HTTP server, with handlers on virtual threads, never on the loop.
 *
 * @provides org.perthensis.api.TaskProvider
 */
module org.perthensis.web {
    // In the exported API: WebProvider implements TaskProvider.
    requires transitive org.perthensis.api;
    requires jdk.httpserver;
    // JVM heap and threads for /metrics; the process's CPU time (com.sun.management).
    requires java.management;
    requires jdk.management;
    // The Prometheus text format; automatic modules, named in their jars' manifests.
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.config;
    requires io.prometheus.writer.text;

    // The config record must be public in an exported package; WebProvider is usable from plain Java too.
    exports org.perthensis.web;

    provides org.perthensis.api.TaskProvider with org.perthensis.web.WebProvider;
}
