package org.perthensis.ntp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The network side of a sync, kept apart so that the schedule can be tested under virtual
 * time without sockets. Both methods block; callers run them through
 * {@link org.perthensis.api.Scheduler#blocking(java.util.concurrent.Callable)}.
 */
interface NtpNetwork {

    /** Looks the server's address up. */
    InetSocketAddress resolve(Server server) throws UnknownHostException;

    /**
     * Sends one request and judges the reply.
     *
     * @throws SocketTimeoutException if no reply came within {@code timeout}
     * @throws BadAnswer if the reply must not be used; its message says why
     * @throws IOException if the request could not be sent
     */
    Sample exchange(InetSocketAddress server, Duration timeout) throws IOException, BadAnswer;
}
