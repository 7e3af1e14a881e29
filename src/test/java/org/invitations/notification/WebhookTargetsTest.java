package org.invitations.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operator's allow list, and what registration and delivery refuse by default: no DNS, no connection. */
class WebhookTargetsTest {

    private static Optional<String> register(WebhookTargets targets, String url) {
        return targets.refusalOf(URI.create(url));
    }

    private static Optional<String> deliver(WebhookTargets targets, String host, String... addresses) {
        return targets.refusalAtDelivery(host, Arrays.stream(addresses).map(a -> AddressClassifier.literal(a)
                .orElseThrow()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hooks", "http://localhost/hooks", "http://LOCALHOST./hooks",
        "http://api.localhost/hooks", "http://[::1]/hooks", "http://[::]/", "http://0.0.0.0/", "http://10.0.0.1/",
        "http://172.16.5.4/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/", "http://224.0.0.1/", "http://255.255.255.255/", "http://[fe80::1]/",
        "http://[fd00::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/", "http://[64:ff9b::a00:1]/",
        "http://[2002:7f00:1::]/", "https://[::ffff:169.254.169.254]/"})
    void internalHostsAreRefusedAtRegistration(String url) {
        Optional<String> refusal = register(WebhookTargets.PUBLIC_ONLY, url);

        assertTrue(refusal.isPresent(), url);
        assertTrue(refusal.get().startsWith("url's host "), refusal.get());
        assertTrue(refusal.get().contains("--webhook-allow"), refusal.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://2130706433/", "http://017700000001/", "http://0x7f000001/", "http://0177.0.0.1/",
        "http://127.000.000.001/", "http://0/", "http://3232235521/"})
    void addressesInOddFormsAreRefusedAtRegistration(String url) {
        Optional<String> refusal = register(WebhookTargets.allowing("0.0.0.0/0,::/0"), url);

        assertTrue(refusal.orElseThrow().contains("four decimal numbers"), refusal.get());
    }

    @Test
    void addressesThatAreNoneAreRefusedAtRegistration() {
        assertEquals(Optional.of("url's host 4294967296 is not an IPv4 address: 4294967296 is not a number up to 2^32"),
                register(WebhookTargets.PUBLIC_ONLY, "http://4294967296/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com/invitations", "http://93.184.216.34/", "http://[2606:4700::1111]/",
        "http://internal-looking-name/", "http://192.0.2.10:8443/x"})
    void publicAddressesAndNamesPassRegistration(String url) {
        assertEquals(Optional.empty(), register(WebhookTargets.PUBLIC_ONLY, url));
    }

    @Test
    void theRefusalSaysWhatTheHostIs() {
        assertEquals(Optional.of("url's host 10.0.0.1 is a private address (RFC 1918): webhooks reach public"
                        + " addresses only, unless the operator allows the host or its network (--webhook-allow)"),
                register(WebhookTargets.PUBLIC_ONLY, "http://10.0.0.1/hooks"));
        assertEquals(Optional.of("url's host localhost is a loopback address: webhooks reach public"
                        + " addresses only, unless the operator allows the host or its network (--webhook-allow)"),
                register(WebhookTargets.PUBLIC_ONLY, "http://localhost:8080/hooks"));
    }

    @Test
    void theOperatorAllowsNamedHostsAndNetworks() {
        WebhookTargets allowed = WebhookTargets.allowing(" hooks.corp.example , 10.1.0.0/16,127.0.0.1,::1,fd00::/8, ");

        assertEquals("hooks.corp.example,10.1.0.0/16,127.0.0.1,::1,fd00::/8", allowed.toString());
        assertEquals(Optional.empty(), register(allowed, "http://10.1.200.3/"));
        assertEquals(Optional.empty(), register(allowed, "http://127.0.0.1:9090/"));
        assertEquals(Optional.empty(), register(allowed, "http://localhost:9090/"), "both loopback addresses allowed");
        assertEquals(Optional.empty(), register(allowed, "http://[fd12::1]/"));
        assertTrue(register(allowed, "http://10.2.0.1/").isPresent());
        assertTrue(register(allowed, "http://127.0.0.2/").isPresent());

        assertEquals(Optional.empty(), deliver(allowed, "hooks.corp.example", "10.9.9.9", "192.168.0.1"));
        assertEquals(Optional.empty(), deliver(allowed, "HOOKS.corp.example.", "127.0.0.1"));
        assertEquals(Optional.empty(), deliver(allowed, "other.corp.example", "10.1.0.7", "93.184.216.34"));
        assertEquals(Optional.of("refused: other.corp.example resolves to a private address (RFC 1918)"
                        + " (not allowed by the operator's --webhook-allow)"),
                deliver(allowed, "other.corp.example", "10.1.0.7", "10.2.0.7"));
    }

    @Test
    void localhostIsAllowedByNameOrByBothLoopbackAddresses() {
        assertEquals(Optional.empty(), register(WebhookTargets.allowing("localhost"), "http://localhost:1/"));
        assertTrue(register(WebhookTargets.allowing("127.0.0.0/8"), "http://localhost:1/").isPresent(),
                "::1 is not allowed");
        assertEquals(Optional.empty(), register(WebhookTargets.allowing("127.0.0.0/8,::1/128"), "http://localhost:1/"));
        assertTrue(register(WebhookTargets.allowing("localhost"), "http://127.0.0.1:1/").isPresent(),
                "a name allows that name, not its address written out");
    }

    @Test
    void everyResolvedAddressIsCheckedAtDelivery() {
        WebhookTargets targets = WebhookTargets.PUBLIC_ONLY;

        assertEquals(Optional.empty(), deliver(targets, "hooks.example.com", "93.184.216.34", "2606:2800:220:1::1"));
        assertEquals(Optional.of("refused: hooks.example.com resolves to a loopback address"
                        + " (not allowed by the operator's --webhook-allow)"),
                deliver(targets, "hooks.example.com", "93.184.216.34", "127.0.0.1"));
        assertEquals(Optional.of("refused: rebind.example.com resolves to a link-local address"
                        + " (not allowed by the operator's --webhook-allow)"),
                deliver(targets, "rebind.example.com", "169.254.169.254"));
        assertEquals(Optional.of("refused: [::1] is a loopback address (not allowed by the operator's --webhook-allow)"),
                deliver(targets, "[::1]", "::1"));
    }

    @Test
    void ipv4MappedNetworksMatchTheIpv4AddressJavaReads() throws Exception {
        WebhookTargets targets = WebhookTargets.allowing("::ffff:10.0.0.0/104");

        assertEquals(Optional.empty(), deliver(targets, "hooks.corp.example", "10.5.6.7"));
        assertTrue(deliver(targets, "hooks.corp.example", "11.5.6.7").isEmpty(), "public anyway");
        assertTrue(deliver(targets, "hooks.corp.example", "192.168.0.1").isPresent());
        assertEquals(List.of(InetAddress.getByName("10.0.0.1")), List.of(AddressClassifier.literal("::ffff:10.0.0.1")
                .orElseThrow()));
    }

    @Test
    void credentialsStoredBeforeRegistrationRefusedThemAreNeitherShownNorSent() {
        java.time.Instant now = java.time.Instant.now();

        assertEquals("https://hooks.example.com/in?x=a@b", new Webhook("https://crm:pw@hooks.example.com/in?x=a@b",
                "s", 1, now).getUrl());
        assertEquals("http://hooks.example.com:8080", new Webhook("http://a:b@c@hooks.example.com:8080", "s", 1, now)
                .getUrl());
        assertEquals("https://hooks.example.com/a@b", new Webhook("https://hooks.example.com/a@b", "s", 1, now)
                .getUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/x", "::1/129", "127.1", "2130706433", "0x7f.1", "10.0.0.0/-1",
        "hooks corp", "http://hooks.corp.example", "fe80::1%eth0", "*.corp.example", "10.0.0.256"})
    void anEntryThatIsNoHostNetworkOrAddressIsAnError(String entry) {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> WebhookTargets.allowing("hooks.corp.example," + entry));

        assertTrue(wrong.getMessage().contains(entry.contains("/") || entry.contains("%") ? entry.split("[/%]")[0] : entry),
                wrong.getMessage());
    }
}
