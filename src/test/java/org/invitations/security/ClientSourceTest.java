package org.invitations.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address a login is counted for: X-Forwarded-For only as far as trusted proxies wrote it. */
class ClientSourceTest {

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("127.0.0.1", new ClientSource(List.of()).of("127.0.0.1", "192.0.2.66"));
    }

    @Test
    void behindATrustedProxyTheClientItAppendedCounts() {
        ClientSource sources = new ClientSource(List.of("127.0.0.1"));

        assertEquals("192.0.2.66", sources.of("127.0.0.1", "192.0.2.66"));
        assertEquals("192.0.2.66", sources.of("127.0.0.1", "198.51.100.7, 192.0.2.66"),
                "what the client wrote itself (left) is not believed");
        assertEquals("127.0.0.1", sources.of("127.0.0.1", null), "the proxy's own requests count as the proxy");
        assertEquals("127.0.0.1", sources.of("127.0.0.1", "example.org"), "names are never looked up");
        assertEquals("192.0.2.9", sources.of("192.0.2.9", "198.51.100.7"), "a peer that is no proxy is itself");
    }

    @Test
    void aChainOfTrustedProxiesIsFollowedToTheFirstUntrustedAddress() {
        ClientSource sources = new ClientSource(List.of("127.0.0.1", "10.0.0.2"));

        assertEquals("192.0.2.66", sources.of("127.0.0.1", "198.51.100.7,192.0.2.66, 10.0.0.2"));
        assertEquals("2001:db8:1:2::/64", sources.of("127.0.0.1", "[2001:db8:1:2::77]"));
    }

    @Test
    void aTrustedProxyMustBeAnIpAddress() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new ClientSource(List.of("balancer.internal")));
        assertTrue(refused.getMessage().contains("'balancer.internal' is not an IP address"), refused.getMessage());
    }
}
