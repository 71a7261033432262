package org.perthensis.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.perthensis.api.Checks;

/** The address a server binds: an IP address written out, never a name that needs a lookup. */
final class Addresses {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private Addresses() {
    }

    /**
     * Reads an IP address without asking DNS: whether a device may be reached from elsewhere
     * must not depend on what a name resolves to today.
     *
     * @param field the field's name, for the message
     * @param text {@code 127.0.0.1}, {@code 0.0.0.0}, {@code ::1}, {@code ::} or another literal
     * @return the address
     * @throws org.perthensis.api.FieldException if it is not an IP address
     */
    static InetAddress parse(String field, String text) {
        var ipv4 = IPV4.matcher(text);
        boolean literal = ipv4.matches() ? octets(ipv4) : text.indexOf(':') >= 0 && text.matches("[0-9a-fA-F:.]+");
        if (literal) {
            try {
                return InetAddress.getByName(text); // a literal: parsed, not looked up
            } catch (UnknownHostException e) {
                // not a valid literal after all
            }
        }
        throw Checks.invalid(field, "must be an IP address such as \"127.0.0.1\" (this machine only), \"0.0.0.0\""
                + " (every IPv4 interface) or \"::\", got " + Checks.quote(text));
    }

    private static boolean octets(java.util.regex.Matcher ipv4) {
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(ipv4.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }
}
