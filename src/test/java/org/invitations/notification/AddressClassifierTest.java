package org.invitations.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.invitations.notification.AddressClassifier.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses count as the service's own host or network: a pure function, no DNS, no connection. */
class AddressClassifierTest {

    private static Kind kindOf(String host) {
        return AddressClassifier.classify(AddressClassifier.literal(host).orElseThrow(
                () -> new AssertionError(host + " was not read as an address")));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        // IPv4
        "127.0.0.1, LOOPBACK", "127.255.255.254, LOOPBACK", "127.1.2.3, LOOPBACK",
        "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED",
        "10.0.0.1, PRIVATE", "10.255.255.255, PRIVATE",
        "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "172.15.255.255, PUBLIC", "172.32.0.0, PUBLIC",
        "192.168.0.1, PRIVATE", "192.168.255.255, PRIVATE", "192.169.0.1, PUBLIC",
        "169.254.169.254, LINK_LOCAL", "169.254.0.1, LINK_LOCAL", "169.253.0.1, PUBLIC",
        "100.64.0.1, SHARED", "100.127.255.255, SHARED", "100.63.255.255, PUBLIC", "100.128.0.0, PUBLIC",
        "224.0.0.1, MULTICAST", "239.255.255.250, MULTICAST",
        "240.0.0.1, RESERVED", "255.255.255.255, RESERVED",
        "8.8.8.8, PUBLIC", "93.184.216.34, PUBLIC", "1.1.1.1, PUBLIC", "192.0.2.10, PUBLIC",
        // IPv6
        "::1, LOOPBACK", "[::1], LOOPBACK", "0:0:0:0:0:0:0:1, LOOPBACK",
        "::, UNSPECIFIED", "[::], UNSPECIFIED",
        "fe80::1, LINK_LOCAL", "febf:ffff::1, LINK_LOCAL",
        "fec0::1, SITE_LOCAL",
        "fc00::1, UNIQUE_LOCAL", "fd12:3456:789a::1, UNIQUE_LOCAL", "fe00::1, PUBLIC",
        "ff02::1, MULTICAST", "ff05::1:3, MULTICAST",
        "2001:4860:4860::8888, PUBLIC", "2606:4700::1111, PUBLIC",
        // IPv6 carrying IPv4
        "::ffff:127.0.0.1, LOOPBACK", "[::ffff:127.0.0.1], LOOPBACK", "::ffff:7f00:1, LOOPBACK",
        "::ffff:10.1.2.3, PRIVATE", "0:0:0:0:0:ffff:a01:203, PRIVATE", "::ffff:169.254.169.254, LINK_LOCAL",
        "::ffff:8.8.8.8, PUBLIC",
        "::127.0.0.1, LOOPBACK", "::10.0.0.1, PRIVATE",
        "64:ff9b::127.0.0.1, LOOPBACK", "64:ff9b::a00:1, PRIVATE", "64:ff9b:1::192.168.1.1, PRIVATE",
        "64:ff9b::8.8.8.8, PUBLIC",
        "2002:7f00:1::1, LOOPBACK", "2002:a00:1::, PRIVATE", "2002:c0a8:101::1, PRIVATE", "2002:808:808::1, PUBLIC",
    })
    void addressesAreClassified(String address, Kind kind) {
        assertEquals(kind, kindOf(address));
        assertEquals(kind != Kind.PUBLIC, kind.internal());
    }

    @ParameterizedTest(name = "{0} is read as {1}")
    @CsvSource({
        "2130706433, 127.0.0.1", "017700000001, 127.0.0.1", "0x7f000001, 127.0.0.1", "0X7F000001, 127.0.0.1",
        "0x7f.1, 127.0.0.1", "127.1, 127.0.0.1", "127.0.1, 127.0.0.1", "0177.0.0.1, 127.0.0.1",
        "0177.1, 127.0.0.1", "0x7f.0x0.0x0.0x1, 127.0.0.1", "127.000.000.001, 127.0.0.1", "127.0.0.1., 127.0.0.1",
        "0, 0.0.0.0", "0x0, 0.0.0.0", "167772161, 10.0.0.1", "10.1, 10.0.0.1", "0xa.0x1.0x2.0x3, 10.1.2.3",
        "0xA9FEA9FE, 169.254.169.254", "169.254.43518, 169.254.169.254", "3232235521, 192.168.0.1",
        "134744072, 8.8.8.8",
    })
    void ipv4WrittenInOddFormsIsReadAsTheAddressItMeans(String host, String address) throws Exception {
        assertEquals(InetAddress.getByName(address), AddressClassifier.literal(host).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f.1", "127.1", "0177.0.0.1", "127.000.000.001", "0", "010.0.0.1",
        "127.0.0.01"})
    void onlyFourPlainDecimalNumbersAreTheCanonicalForm(String host) {
        assertFalse(AddressClassifier.isCanonicalIpv4(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "0.0.0.0", "255.255.255.255", "192.0.2.10"})
    void plainDottedDecimalIsCanonical(String host) {
        assertTrue(AddressClassifier.isCanonicalIpv4(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "localhost", "hooks.corp.example", "1password.com", "0xdead.beef",
        "127.0.0.1.nip.io", "a1b2"})
    void hostNamesAreNotAddresses(String host) {
        assertTrue(AddressClassifier.literal(host).isEmpty(), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4.5", "256.1.1.1", "1.2.3.256", "1.2.65536", "4294967296", "09.1.1.1",
        "0x100000000", "fe80::1%eth0", "[fe80::1%25eth0]", "1::2::3", "::g", "12345::1"})
    void whatLooksLikeAnAddressButIsNoneIsRefused(String host) {
        assertThrows(IllegalArgumentException.class, () -> AddressClassifier.literal(host));
    }
}
