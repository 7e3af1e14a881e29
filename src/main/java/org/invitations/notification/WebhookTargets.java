package org.invitations.notification;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where webhooks may point: public addresses, plus the host names and networks the operator allows for
 * in-house receivers (--webhook-allow). Without it an ADMIN account could make the service call its own
 * host or the networks behind it (server-side request forgery). Checked twice: on the URL as written
 * when a webhook is registered (no DNS, so registering never depends on a name server), and on every
 * address the host resolves to right before each delivery, so a DNS answer that changes later cannot
 * get through. Immutable.
 */
public final class WebhookTargets {

    /** Public addresses only; the default. */
    public static final WebhookTargets PUBLIC_ONLY = new WebhookTargets(Set.of(), List.of(), "");

    private static final String HOW_TO_ALLOW = "webhooks reach public addresses only, unless the operator allows"
            + " the host or its network (--webhook-allow)";

    private final Set<String> names;
    private final List<Network> networks;
    private final String given;

    private WebhookTargets(Set<String> names, List<Network> networks, String given) {
        this.names = names;
        this.networks = networks;
        this.given = given;
    }

    /**
     * The operator's list: comma-separated host names (allowed whatever they resolve to), IP addresses
     * and CIDR networks (10.1.0.0/16, fd00::/8), e.g. {@code hooks.corp.example,10.1.0.0/16}.
     *
     * @throws IllegalArgumentException naming the entry that is none of these
     */
    public static WebhookTargets allowing(String list) {
        Set<String> names = new LinkedHashSet<>();
        List<Network> networks = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (String raw : list.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            entries.add(entry);
            Optional<Network> network = Network.parse(entry);
            if (network.isPresent()) {
                networks.add(network.get());
            } else if (entry.matches("(?i)[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\\.?")
                    && !looksLikeAnAddress(entry)) {
                names.add(normalized(entry));
            } else {
                throw new IllegalArgumentException("'" + entry + "' is neither a host name nor an IP address or"
                        + " network; write e.g. hooks.corp.example, 10.1.2.3 or 10.1.0.0/16");
            }
        }
        return new WebhookTargets(Set.copyOf(names), List.copyOf(networks), String.join(",", entries));
    }

    /** 127.1, 2130706433, 0x7f.1: an address in a form other than the one {@link Network#parse} takes. */
    private static boolean looksLikeAnAddress(String entry) {
        try {
            return AddressClassifier.literal(entry).isPresent();
        } catch (IllegalArgumentException notAnAddress) {
            return true;
        }
    }

    /**
     * Why {@code url} (absolute, http or https, with a host) may not be registered, judged on its host
     * as written: an IP address in any form, or a name of the loopback interface (localhost). Other
     * names pass here and are judged on their addresses at each delivery. Empty when it may.
     */
    Optional<String> refusalOf(URI url) {
        String host = url.getHost();
        Optional<InetAddress> literal;
        try {
            literal = AddressClassifier.literal(host);
        } catch (IllegalArgumentException notAnAddress) {
            return Optional.of("url's host " + notAnAddress.getMessage());
        }
        if (literal.isPresent()) {
            InetAddress address = literal.get();
            String written = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
            if (address instanceof Inet4Address && written.indexOf(':') < 0
                    && !AddressClassifier.isCanonicalIpv4(written)) {
                return Optional.of("url's host " + host + " is an IPv4 address written in an ambiguous form (the C library reads "
                        + address.getHostAddress() + "); write it as four decimal numbers such as 192.0.2.10");
            }
            return firstRefused(List.of(address))
                    .map(kind -> "url's host " + host + " is " + kind.description() + ": " + HOW_TO_ALLOW);
        }
        String name = normalized(host);
        if (names.contains(name) || !isLoopbackName(name)) {
            return Optional.empty();
        }
        return firstRefused(loopback())
                .map(kind -> "url's host " + host + " is " + kind.description() + ": " + HOW_TO_ALLOW);
    }

    /**
     * Resolves the host of {@code url} and refuses the delivery when any of its addresses is internal
     * and not allowed; returns quietly when the call may go out.
     *
     * <p>The connection then goes to an address this check saw: java.net.http.HttpClient resolves the
     * URL's host with {@code new InetSocketAddress(host, port)}, that is through the same
     * {@link InetAddress} cache as this check, and the JVM keeps a successful answer for
     * {@code networkaddress.cache.ttl} (30 s by default), whatever TTL the DNS record had. A name server
     * that answers a public address to this check and an internal one a moment later (DNS rebinding)
     * is therefore not asked again by the connect; the client connects to the first of the addresses
     * checked here. The one gap is a cached answer whose 30 s run out in the moment between this check
     * and the connect; a JVM run with networkaddress.cache.ttl=0 would widen it to every delivery.
     *
     * @throws DeliveryFailed permanent, "refused: ...", for an internal address; retryable, "failed: no
     *                        answer", when the name does not resolve (the same text as every network
     *                        failure, so an ADMIN cannot map the internal network with it)
     */
    void checkBeforeDelivery(URI url) throws DeliveryFailed {
        String host = url.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw DeliveryFailed.retryable(WebhookChannel.NO_ANSWER, 0, e);
        }
        Optional<String> refusal = refusalAtDelivery(host, List.of(addresses));
        if (refusal.isPresent()) {
            throw DeliveryFailed.permanent(refusal.get(), 0, null);
        }
    }

    /** Why a call to {@code host}, which resolved to {@code addresses}, must not go out; empty when it may. */
    Optional<String> refusalAtDelivery(String host, List<InetAddress> addresses) {
        if (names.contains(normalized(host))) {
            return Optional.empty();
        }
        boolean literal;
        try {
            literal = AddressClassifier.literal(host).isPresent();
        } catch (IllegalArgumentException notAnAddress) {
            literal = false;
        }
        String verb = literal ? " is " : " resolves to ";
        return firstRefused(addresses).map(kind -> "refused: " + host + verb + kind.description()
                + " (not allowed by the operator's --webhook-allow)");
    }

    private Optional<AddressClassifier.Kind> firstRefused(List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            AddressClassifier.Kind kind = AddressClassifier.classify(address);
            if (kind.internal() && networks.stream().noneMatch(n -> n.contains(address))) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** localhost and every name under it are the loopback interface (RFC 6761), whatever DNS says. */
    private static boolean isLoopbackName(String name) {
        return name.equals("localhost") || name.endsWith(".localhost");
    }

    private static List<InetAddress> loopback() {
        try {
            return List.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                    InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String normalized(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** The list as the operator gave it, without empty entries; empty for {@link #PUBLIC_ONLY}. */
    @Override
    public String toString() {
        return given;
    }

    /** An address and the number of leading bits that must match. */
    private record Network(byte[] prefix, int bits) {

        /** A canonical IPv4 or an IPv6 address, with an optional /bits; empty for anything else. */
        static Optional<Network> parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            if (!AddressClassifier.isCanonicalIpv4(address) && address.indexOf(':') < 0) {
                return Optional.empty();
            }
            InetAddress parsed;
            try {
                parsed = AddressClassifier.literal(address).orElseThrow();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + entry + "': " + e.getMessage());
            }
            byte[] bytes = parsed.getAddress();
            int bits = bytes.length * 8;
            if (slash >= 0) {
                String suffix = entry.substring(slash + 1);
                if (!suffix.matches("[0-9]{1,3}")) {
                    throw new IllegalArgumentException("'" + entry + "': the prefix length after / is not a number");
                }
                bits = Integer.parseInt(suffix);
                if (address.indexOf(':') >= 0 && bytes.length == 4) {
                    bits -= 96; // ::ffff:a.b.c.d/n, which Java reads as the IPv4 address a.b.c.d
                }
                if (bits < 0 || bits > bytes.length * 8) {
                    throw new IllegalArgumentException("'" + entry + "': the prefix length is out of range");
                }
            }
            return Optional.of(new Network(bytes, bits));
        }

        boolean contains(InetAddress address) {
            byte[] other = address.getAddress();
            if (other.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((other[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
