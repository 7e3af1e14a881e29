package org.invitations.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The source a login comes from, for {@link LoginThrottle}: the address of the connection's peer; or,
 * when that peer is one of the operator's trusted proxies (a load balancer), the client that the
 * {@code X-Forwarded-For} header names. The header is read from its right end, where each proxy
 * appends the address it was connected from, and only as far as trusted proxies wrote it: what a
 * client writes into the header itself is never believed. Without trusted proxies the header is
 * ignored. Addresses are IP literals only; nothing is ever looked up by name.
 */
public final class ClientSource {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> trustedProxies = new HashSet<>();

    /** @throws IllegalArgumentException when a trusted proxy is not an IP address */
    public ClientSource(Collection<String> trustedProxies) {
        for (String proxy : trustedProxies) {
            String address = literal(proxy);
            if (address == null) {
                throw new IllegalArgumentException("Trusted proxy '" + proxy + "' is not an IP address (such as"
                        + " 10.0.0.5 or fd00::5); name each proxy by its address");
            }
            this.trustedProxies.add(address);
        }
    }

    /** The source as {@link LoginThrottle#source} counts it, from the peer's address and the header. */
    public String of(String peer, String forwardedFor) {
        String client = literal(peer);
        if (client == null) {
            return LoginThrottle.source(peer);
        }
        if (forwardedFor != null && trustedProxies.contains(client)) {
            String[] hops = forwardedFor.split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = literal(hops[i].trim());
                if (hop == null) {
                    break;
                }
                client = hop;
                if (!trustedProxies.contains(hop)) {
                    break;
                }
            }
        }
        return LoginThrottle.source(client);
    }

    /** The address in its canonical text, or null when {@code text} is not an IPv4 or IPv6 literal. */
    static String literal(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String bare = text.strip();
        if (bare.startsWith("[") && bare.endsWith("]")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        try {
            if (IPV4.matcher(bare).matches()) {
                for (String part : bare.split("\\.")) {
                    if (Integer.parseInt(part) > 255) {
                        return null;
                    }
                }
                return InetAddress.getByName(bare).getHostAddress();
            }
            if (bare.indexOf(':') >= 0 && bare.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+")) {
                // In brackets the text must be an IPv6 literal: parsed, never looked up by name.
                return InetAddress.getByName("[" + bare + "]").getHostAddress();
            }
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
        return null;
    }
}
