package org.perthensis.net;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.perthensis.api.Durations;

/** How failures and counts read in log lines and events. */
final class Text {

    private Text() {
    }

    /** Why an I/O operation failed, in a few words. */
    static String reason(IOException e, Duration timeout) {
        if (e instanceof SocketTimeoutException) {
            return "no answer within " + Durations.format(timeout);
        }
        if (e instanceof UnknownHostException) {
            return "cannot resolve " + e.getMessage();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** {@code 1 line}, {@code 7 lines}. */
    static String count(long n, String singular) {
        return n + " " + singular + (n == 1 ? "" : "s");
    }
}
