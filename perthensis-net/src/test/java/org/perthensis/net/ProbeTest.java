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
import org.perthensis.api.FieldException;

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
        FieldException e = assertThrows(FieldException.class, () -> Probe.parseAll("probes", probes));
        assertEquals("probes[1]: expected tcp://host:port, dns://name or iface://name, got \"http://example.org\"",
                e.getMessage());
        assertEquals("probes[1]", e.field());
    }

    @Test
    void eachMistakeInATcpProbeIsExplained() {
        String forms = "expected tcp://host:port, dns://name or iface://name, got ";
        assertEquals("the port is missing; " + forms + "\"tcp://192.0.2.1\"", message("tcp://192.0.2.1"));
        assertEquals("the port must be from 1 to 65535; " + forms + "\"tcp://host:99999\"", message("tcp://host:99999"));
        assertEquals("the host is missing; " + forms + "\"tcp://:53\"", message("tcp://:53"));
        assertEquals("an IPv6 address is written in brackets, such as [::1]:53; " + forms + "\"tcp://::1:53\"",
                message("tcp://::1:53"));
        assertEquals("a dns probe takes a name without a port; " + forms + "\"dns://example.org:53\"",
                message("dns://example.org:53"));
        assertEquals(forms + "\"wlan0\"", message("wlan0"));
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
