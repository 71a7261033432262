package org.perthensis.ntp;

/**
 * One configured server: a host name or address and a UDP port.
 *
 * @param host a name, an IPv4 address or an IPv6 address without brackets
 * @param port the UDP port
 */
record Server(String host, int port) {

    static final int NTP_PORT = 123;

    /**
     * Reads {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; a bare IPv6
     * address (more than one colon, no brackets) has no port.
     *
     * @throws IllegalArgumentException naming the entry; the caller adds the field name
     */
    static Server parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("an entry is empty; give a host name or address");
        }
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 2) {
                throw new IllegalArgumentException("'" + text + "' has no closing ']' after the IPv6 address");
            }
            String rest = t.substring(close + 1);
            if (rest.isEmpty()) {
                return new Server(t.substring(1, close), NTP_PORT);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("'" + text + "' has something other than ':port' after ']'");
            }
            return new Server(t.substring(1, close), port(text, rest.substring(1)));
        }
        int colon = t.indexOf(':');
        if (colon < 0 || t.indexOf(':', colon + 1) >= 0) {
            return new Server(t, NTP_PORT);
        }
        if (colon == 0) {
            throw new IllegalArgumentException("'" + text + "' has no host before ':'");
        }
        return new Server(t.substring(0, colon), port(text, t.substring(colon + 1)));
    }

    private static int port(String entry, String digits) {
        int port = -1;
        if (!digits.isEmpty() && digits.length() <= 5 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            port = Integer.parseInt(digits);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("'" + entry + "' has a bad port '" + digits
                    + "'; use host or host:port with a port from 1 to 65535");
        }
        return port;
    }

    /** How log lines and events name the server: {@code host:port}, IPv6 in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
