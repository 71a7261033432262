package org.perthensis.ntp;

import org.perthensis.api.Checks;

/**
 * One configured server: a host name or address and a UDP port.
 *
 * @param host a name, an IPv4 address or an IPv6 address without brackets
 * @param port the UDP port
 */
record Server(String host, int port) {

    static final int NTP_PORT = 123;

    /** The forms an entry may take, for messages. */
    static final String FORMS = "expected host, host:port, [ipv6] or [ipv6]:port";

    /**
     * Reads {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; a bare IPv6
     * address (more than one colon, no brackets) has no port.
     *
     * @throws IllegalArgumentException saying what is wrong, in the form {@code ..., got "entry"};
     *     the caller names the field
     */
    static Server parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty; give a host name or address, such as \"pool.ntp.org\"");
        }
        String t = text.strip();
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 2) {
                throw bad(text, "the IPv6 address has no closing ']'; ");
            }
            String rest = t.substring(close + 1);
            if (rest.isEmpty()) {
                return new Server(t.substring(1, close), NTP_PORT);
            }
            if (!rest.startsWith(":")) {
                throw bad(text, "only :port may follow ']'; ");
            }
            return new Server(t.substring(1, close), port(text, rest.substring(1)));
        }
        int colon = t.indexOf(':');
        if (colon < 0 || t.indexOf(':', colon + 1) >= 0) {
            return new Server(t, NTP_PORT);
        }
        if (colon == 0) {
            throw bad(text, "the host is missing; ");
        }
        return new Server(t.substring(0, colon), port(text, t.substring(colon + 1)));
    }

    private static int port(String entry, String digits) {
        int port = -1;
        if (!digits.isEmpty() && digits.length() <= 5 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            port = Integer.parseInt(digits);
        }
        if (port < 1 || port > 65_535) {
            throw bad(entry, "the port must be from 1 to 65535; ");
        }
        return port;
    }

    private static IllegalArgumentException bad(String entry, String why) {
        return new IllegalArgumentException(why + FORMS + ", got " + Checks.quote(entry));
    }

    /** How log lines and events name the server: {@code host:port}, IPv6 in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
