package org.invitations.notification;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which kind of network an IP address belongs to, so that a webhook cannot be aimed at the service's
 * own host or at the networks behind it (server-side request forgery). A pure function of the address:
 * no DNS, no connection. IPv6 forms that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64
 * 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16) are judged by the IPv4 address they carry.
 */
public final class AddressClassifier {

    /** The kinds an address can be; every kind but {@link #PUBLIC} is internal. */
    public enum Kind {
        PUBLIC("a public address"),
        UNSPECIFIED("an unspecified address (0.0.0.0/8 or ::)"),
        LOOPBACK("a loopback address"),
        PRIVATE("a private address (RFC 1918)"),
        SHARED("a carrier-grade NAT address (100.64.0.0/10)"),
        LINK_LOCAL("a link-local address"),
        SITE_LOCAL("a site-local address (fec0::/10)"),
        UNIQUE_LOCAL("a unique-local address (fc00::/7)"),
        MULTICAST("a multicast address"),
        RESERVED("a reserved or broadcast address (240.0.0.0/4)");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** E.g. "a loopback address", to follow "is" or "resolves to". */
        public String description() {
            return description;
        }

        public boolean internal() {
            return this != PUBLIC;
        }
    }

    private AddressClassifier() {
    }

    public static Kind classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return classifyIpv4(bytes, 0);
        }
        return classifyIpv6(bytes);
    }

    private static Kind classifyIpv4(byte[] b, int at) {
        int first = b[at] & 0xff;
        int second = b[at + 1] & 0xff;
        if (first == 0) {
            return Kind.UNSPECIFIED;
        }
        if (first == 127) {
            return Kind.LOOPBACK;
        }
        if (first == 10 || first == 172 && (second & 0xf0) == 16 || first == 192 && second == 168) {
            return Kind.PRIVATE;
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return Kind.SHARED;
        }
        if (first == 169 && second == 254) {
            return Kind.LINK_LOCAL;
        }
        if ((first & 0xf0) == 224) {
            return Kind.MULTICAST;
        }
        if ((first & 0xf0) == 240) {
            return Kind.RESERVED;
        }
        return Kind.PUBLIC;
    }

    private static Kind classifyIpv6(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return classifyIpv4(b, 12); // ::ffff:a.b.c.d (Java usually hands these over as Inet4Address already)
        }
        if (firstTenZero && b[10] == 0 && b[11] == 0) {
            boolean upperZero = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (upperZero && b[15] == 0) {
                return Kind.UNSPECIFIED;
            }
            if (upperZero && b[15] == 1) {
                return Kind.LOOPBACK;
            }
            return classifyIpv4(b, 12); // ::a.b.c.d, the deprecated IPv4-compatible form
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return classifyIpv4(b, 12); // NAT64: 64:ff9b::/96 and the local-use 64:ff9b:1::/48
        }
        if (first == 0x20 && second == 0x02) {
            return classifyIpv4(b, 2); // 6to4: 2002:AABB:CCDD::/48 carries AA.BB.CC.DD
        }
        if (first == 0xff) {
            return Kind.MULTICAST;
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return Kind.LINK_LOCAL;
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return Kind.SITE_LOCAL;
        }
        if ((first & 0xfe) == 0xfc) {
            return Kind.UNIQUE_LOCAL;
        }
        return Kind.PUBLIC;
    }

    /**
     * The address a host written in a URL stands for when it is an IP address in any form, without
     * asking DNS: an IPv6 literal (with or without brackets), or an IPv4 address in every form that
     * Java's InetAddress or the C library's inet_aton read as one: 1 to 4 parts, each decimal, octal
     * (leading 0) or hexadecimal (0x), the last filling the remaining bytes (127.1, 2130706433,
     * 0x7f.1, 0177.0.0.1). Empty for a host name. Where readers disagree (Java reads 0177.0.0.1 as
     * 177.0.0.1), this is the C library's meaning; {@link #isCanonicalIpv4(String)} tells the
     * unambiguous form.
     *
     * @throws IllegalArgumentException for a host that looks like an address and is none (1.2.3.4.5,
     *                                  256.1.1.1, an IPv6 literal that does not parse)
     */
    public static Optional<InetAddress> literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.indexOf(':') >= 0) {
            if (!h.matches("[0-9A-Fa-f:][0-9A-Fa-f:.]*")) { // so InetAddress parses it, never asks DNS
                throw new IllegalArgumentException(host + " is not an IPv6 address (zone ids are not accepted)");
            }
            try {
                return Optional.of(InetAddress.getByName(h));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(host + " is not an IPv6 address");
            }
        }
        String name = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        String[] parts = name.split("\\.", -1);
        if (!looksNumeric(parts)) {
            return Optional.empty();
        }
        if (parts.length > 4) {
            throw new IllegalArgumentException(host + " is not an IPv4 address: more than four parts");
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = number(parts[i], host);
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                throw new IllegalArgumentException(host + " is not an IPv4 address: a part is over 255");
            }
            address = address << 8 | values[i];
        }
        int lastBytes = 5 - parts.length;
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * lastBytes)) {
            throw new IllegalArgumentException(host + " is not an IPv4 address: its last part is too large");
        }
        address = address << (8 * lastBytes) | last;
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Four decimal numbers 0-255 without leading zeros: the one form every reader agrees on. */
    public static boolean isCanonicalIpv4(String host) {
        return host.matches("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    }

    /** Every dot-separated part is a number (decimal, octal or 0x hexadecimal): not a host name. */
    private static boolean looksNumeric(String[] parts) {
        for (String part : parts) {
            if (!part.toLowerCase(Locale.ROOT).matches("0x[0-9a-f]*|[0-9]+")) {
                return false;
            }
        }
        return true;
    }

    private static long number(String part, String host) {
        String p = part.toLowerCase(Locale.ROOT);
        try {
            if (p.startsWith("0x")) {
                return p.length() == 2 ? 0 : parseBounded(p.substring(2), 16);
            }
            if (p.length() > 1 && p.startsWith("0")) {
                return parseBounded(p.substring(1), 8);
            }
            return parseBounded(p, 10);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(host + " is not an IPv4 address: " + part + " is not a number up to 2^32");
        }
    }

    private static long parseBounded(String digits, int radix) {
        long value = Long.parseLong(digits, radix);
        if (value > 0xffffffffL) {
            throw new NumberFormatException("too large");
        }
        return value;
    }
}
