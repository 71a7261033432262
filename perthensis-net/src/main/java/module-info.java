/**
 * Network tasks: {@code net} watches whether the network really works and publishes
 * {@code net.up} / {@code net.down}; {@code connection} keeps a line-based TCP connection
 * up, keeping its outgoing lines in a journal on disk if asked. Both are usable as a plain
 * library too.
 *
 * @provides org.perthensis.api.TaskProvider
 */
module org.perthensis.net {
    // Transitive: the exported types take and return API types (Task, TaskEnvironment, Subscription).
    requires transitive org.perthensis.api;
    // Shared infrastructure like the API, not a feature module: the connection's lines on disk.
    requires org.perthensis.journal;

    exports org.perthensis.net;

    provides org.perthensis.api.TaskProvider with
            org.perthensis.net.NetProvider,
            org.perthensis.net.ConnectionProvider;
}
