/**
 * Watch connectivity and keep TCP connections alive.
 *
 * <p>{@link org.perthensis.net.NetWatch} runs probes ({@code tcp://host:port},
 * {@code dns://name}, {@code iface://wlan0}) at a fixed rate, publishes {@code net.up} and
 * {@code net.down}, and can run a recover command when the network stays down.
 * {@link org.perthensis.net.Connection} keeps a newline-delimited text connection up,
 * queues outgoing lines while it is down, and pauses reconnecting while {@code net.down} is
 * current. The providers {@link org.perthensis.net.NetProvider} and
 * {@link org.perthensis.net.ConnectionProvider} make them task types {@code net} and
 * {@code connection} of the runtime's JSON configuration.
 */
package org.perthensis.net;
