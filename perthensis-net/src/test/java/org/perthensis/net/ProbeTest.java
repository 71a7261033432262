package org.perthensis.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void theThreeFormsParse() {
        assertEquals(new Probe.Tcp("tcp://192.0.2.1:53", "192.0.2.1", 53), Probe.parse("tcp://192.0.2.1:53"));
        assertEquals(new Probe.Tcp("tcp://[::1]:8080", "::1", 8080), Probe.parse("tcp://[::1]:8080"));
        assertEquals(new Probe.Tcp("tcp://gw.lan:22", "gw.lan", 22), Probe.parse("tcp://gw.lan:22"));
        assertEquals(new Probe.Dns("dns://example.org", "example.org"), Probe.parse("dns://example.org"));
        assertEquals(new Probe.Iface("iface://wlan0", "wlan0"), Probe.parse("iface://wlan0"));
    }

    @Test
    void aBadProbeIsAnErrorNamingItsIndexAndTheExpectedForms() {
        List<String> probes = List.of("dns://example.org", "http://example.org");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Probe.parseAll("probes", probes));
        assertEquals("probes[1]: 'http://example.org' is not a probe;"
                + " expected tcp://host:port, dns://name or iface://name", e.getMessage());
    }

    @Test
    void eachMistakeInATcpProbeIsExplained() {
        assertEquals("'tcp://192.0.2.1' is not a probe; the port is missing;"
                + " expected tcp://host:port, dns://name or iface://name", message("tcp://192.0.2.1"));
        assertEquals("'tcp://host:99999' is not a probe; the port must be from 1 to 65535;"
                + " expected tcp://host:port, dns://name or iface://name", message("tcp://host:99999"));
        assertEquals("'tcp://:53' is not a probe; the host is missing;"
                + " expected tcp://host:port, dns://name or iface://name", message("tcp://:53"));
        assertEquals("'tcp://::1:53' is not a probe; an IPv6 address is written in brackets, such as [::1]:53;"
                + " expected tcp://host:port, dns://name or iface://name", message("tcp://::1:53"));
        assertEquals("'dns://example.org:53' is not a probe; a dns probe takes a name without a port;"
                + " expected tcp://host:port, dns://name or iface://name", message("dns://example.org:53"));
        assertEquals("'wlan0' is not a probe; expected tcp://host:port, dns://name or iface://name", message("wlan0"));
        assertEquals("is empty; expected tcp://host:port, dns://name or iface://name", message(" "));
    }

    private static String message(String probe) {
        return assertThrows(IllegalArgumentException.class, () -> Probe.parse(probe)).getMessage();
    }

    @Test
    void tcpProbePassesOnAListeningPortAndFailsOnAClosedOne() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertNull(Probe.parse("tcp://127.0.0.1:" + listening.getLocalPort()).check(TIMEOUT));
        }
        Probe closed = Probe.parse("tcp://127.0.0.1:" + LineServer.closedPort());
        ConnectException refused = assertThrows(ConnectException.class, () -> closed.check(TIMEOUT));
        assertEquals("Connection refused", refused.getMessage());
    }

    @Test
    void dnsProbeResolvesLocalhostAndFailsOnAnInvalidName() throws IOException {
        assertNull(Probe.parse("dns://localhost").check(TIMEOUT));
        assertThrows(UnknownHostException.class, () -> Probe.parse("dns://no-such-host.invalid").check(TIMEOUT));
    }

    @Test
    void ifaceProbeFailsOnLoopbackWhichHasNoOtherAddress() throws IOException {
        assertEquals("lo is up but has no address other than loopback or link-local ones",
                Probe.parse("iface://lo").check(TIMEOUT));
        assertEquals("there is no interface named nosuch0", Probe.parse("iface://nosuch0").check(TIMEOUT));
    }

    @Test
    void ifaceProbePassesOnAnInterfaceThatIsUpWithARoutableAddress() throws IOException {
        Optional<NetworkInterface> routable = NetworkInterface.networkInterfaces().filter(ProbeTest::isUpAndRoutable)
                .findFirst();
        assumeTrue(routable.isPresent(), "this machine has no interface with a routable address");
        assertNull(Probe.parse("iface://" + routable.get().getName()).check(TIMEOUT));
    }

    private static boolean isUpAndRoutable(NetworkInterface iface) {
        try {
            return iface.isUp() && iface.inetAddresses().anyMatch(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress());
        } catch (SocketException e) {
            return false;
        }
    }
}
