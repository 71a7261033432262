package org.perthensis.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.perthensis.api.Checks;
import org.perthensis.api.FieldException;

/** One connectivity check, parsed from {@code tcp://host:port}, {@code dns://name} or {@code iface://name}. */
sealed interface Probe {

    String FORMS = "expected tcp://host:port, dns://name or iface://name";

    /** The probe as configured. */
    String text();

    /**
     * Runs the probe; blocks for up to about {@code timeout}.
     *
     * @return {@code null} when it passes, else why it failed
     * @throws IOException when it fails with an I/O error
     */
    String check(Duration timeout) throws IOException;

    /**
     * Parses each probe.
     *
     * @throws FieldException for a bad one, naming {@code field[i]}
     */
    static List<Probe> parseAll(String field, List<String> texts) {
        List<Probe> probes = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            try {
                probes.add(parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw Checks.invalid("[" + i + "]", e.getMessage()).within(field);
            }
        }
        return Collections.unmodifiableList(probes);
    }

    static Probe parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty; " + FORMS);
        }
        int sep = text.indexOf("://");
        String rest = sep < 0 ? "" : text.substring(sep + 3);
        String scheme = sep < 0 ? "" : text.substring(0, sep);
        if (rest.isEmpty() || rest.contains("/") || rest.contains("?") || rest.contains(" ")) {
            throw bad(text, "");
        }
        return switch (scheme) {
            case "tcp" -> Tcp.parse(text, rest);
            case "dns" -> {
                if (rest.contains(":")) {
                    throw bad(text, "a dns probe takes a name without a port; ");
                }
                yield new Dns(text, rest);
            }
            case "iface" -> new Iface(text, rest);
            default -> throw bad(text, "");
        };
    }

    /** {@code the port is missing; expected ..., got "tcp://192.0.2.1"}: the form of every field check. */
    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException(why + FORMS + ", got " + Checks.quote(text));
    }

    /** Passes when a TCP connection to the address can be opened. */
    record Tcp(String text, String host, int port) implements Probe {
        private static final String IPV6 = "an IPv6 address is written in brackets, such as [::1]:53; ";

        static Tcp parse(String text, String rest) {
            String host;
            String port;
            if (rest.startsWith("[")) {
                int close = rest.indexOf(']');
                if (close < 0 || !rest.startsWith(":", close + 1)) {
                    throw bad(text, IPV6);
                }
                host = rest.substring(1, close);
                port = rest.substring(close + 2);
            } else {
                int colon = rest.lastIndexOf(':');
                if (colon < 0) {
                    throw bad(text, "the port is missing; ");
                }
                host = rest.substring(0, colon);
                port = rest.substring(colon + 1);
                if (host.indexOf(':') >= 0) {
                    throw bad(text, IPV6);
                }
            }
            int number = port.matches("[0-9]{1,5}") ? Integer.parseInt(port) : -1;
            if (host.isEmpty() || number < 1 || number > 65535) {
                throw bad(text, host.isEmpty() ? "the host is missing; " : "the port must be from 1 to 65535; ");
            }
            return new Tcp(text, host, number);
        }

        @Override
        public String check(Duration timeout) throws IOException {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), millis(timeout));
            }
            return null;
        }
    }

    /** Passes when the name resolves (the JVM caches answers for 30 s, failures for 10 s). */
    record Dns(String text, String name) implements Probe {

        @Override
        public String check(Duration timeout) throws IOException {
            InetAddress.getAllByName(name);
            return null;
        }
    }

    /** Passes when the interface exists, is up and has an address that is neither loopback nor link-local. */
    record Iface(String text, String name) implements Probe {

        /**
         * What the probe needs to know of an interface, read from the system by {@link #read}.
         *
         * @param up whether it is up
         * @param addresses its addresses
         */
        record State(boolean up, List<InetAddress> addresses) {
        }

        @Override
        public String check(Duration timeout) throws IOException {
            return verdict(name, read(name));
        }

        /** The interface's state as the system sees it, or {@code null} if there is none of that name. */
        static State read(String name) throws SocketException {
            NetworkInterface iface = NetworkInterface.getByName(name);
            return iface == null ? null : new State(iface.isUp(), iface.inetAddresses().toList());
        }

        /** {@code null} when an interface in {@code state} passes, else why not. */
        static String verdict(String name, State state) {
            if (state == null) {
                return "there is no interface named " + name;
            }
            if (!state.up()) {
                return name + " is down";
            }
            boolean routable = state.addresses().stream()
                    .anyMatch(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress());
            return routable ? null : name + " is up but has no address other than loopback or link-local ones";
        }
    }

    private static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }
}
