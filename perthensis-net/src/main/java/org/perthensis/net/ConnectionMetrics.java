package org.perthensis.net;

import java.util.Locale;
import java.util.Map;
import org.perthensis.api.Metrics;

/** The connection's numbers offered through the runtime's {@link Metrics}, each labelled with the task's name. */
final class ConnectionMetrics {

    private ConnectionMetrics() {
    }

    static void register(Metrics metrics, String task, TcpConnection c) {
        Map<String, String> labels = Map.of("task", task);
        metrics.counter("perthensis_connection_lines_sent_total", "Lines written whole to the socket, pings not"
                + " included", labels, c::sent);
        metrics.counter("perthensis_connection_lines_received_total", "Incoming lines delivered", labels, c::received);
        metrics.counter("perthensis_connection_lines_dropped_total", "Outgoing lines lost: dropped by the queue or"
                + " journal limits, expired, damaged, not forwarded, or lost at shutdown", labels, c::dropped);
        metrics.counter("perthensis_connection_lines_overlong_total", "Incoming lines dropped for being longer than"
                + " maxLineLength", labels, c::overlong);
        metrics.gauge("perthensis_connection_queued_lines", "Outgoing lines waiting: in the queue, or in the journal"
                + " until the operating system took them", labels, c::pending);
        metrics.counter("perthensis_connection_reconnects_total", "Connections that ended, each followed by"
                + " reconnecting", labels, c::reconnects);
        for (Connection.State state : Connection.State.values()) {
            metrics.gauge("perthensis_connection_state", "1 for the state the connection is in, 0 for the others",
                    Map.of("task", task, "state", state.name().toLowerCase(Locale.ROOT)),
                    () -> c.state() == state ? 1 : 0);
        }
    }
}
