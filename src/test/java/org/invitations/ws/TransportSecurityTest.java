package org.invitations.ws;

import java.util.List;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.invitations.app.DemoData;
import org.invitations.app.InvitationsServer;
import org.invitations.support.RawSoap;
import org.invitations.support.TestServer;
import org.invitations.support.Xml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS by configuration, and message logging that never shows a password. */
class TransportSecurityTest {

    @TempDir
    Path data;

    @Test
    void serverSpeaksTlsWithAKeystoreGeneratedHere() throws Exception {
        Path keystore = data.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "test-pass", "-keypass", "test-pass",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2")
                .redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        var config = TestServer.config(data.resolve("db"), TestServer.freePort()).toBuilder()
                .tls(keystore, "test-pass").build();

        try (InvitationsServer server = InvitationsServer.start(config)) {
            assertTrue(server.address().startsWith("https://"));
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keystore, "test-pass")).build();
            HttpResponse<String> response = trusting.send(HttpRequest.newBuilder(URI.create(server.address()))
                    .header("Content-Type", "text/xml; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(RawSoap.envelope("bob", DemoData.BOB_PASSWORD,
                            "<inv:GetInvitations/>"))).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode(), response.body());
            assertEquals("GetInvitationsResponse", Xml.parse(response.body()).getElementsByTagNameNS(
                    "urn:invitations:v1", "GetInvitationsResponse").item(0).getLocalName());
            HttpClient plain = HttpClient.newHttpClient();
            assertThrows(Exception.class, () -> plain.send(HttpRequest.newBuilder(URI.create(server.address()))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()), "a client that does not trust it is refused");
            assertEquals(List.of(), suitesTheServerAccepts(keystore, server.port(), List.of(
                    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
                    "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA")), "no CBC, no static RSA");
            assertEquals(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), suitesTheServerAccepts(keystore,
                    server.port(), List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")), "AEAD with ECDHE is accepted");
        }
    }

    @Test
    void loggedMessagesNeverShowAPassword() throws Exception {
        var config = TestServer.config(data.resolve("db"), TestServer.freePort()).toBuilder()
                .logMessages(true).build();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (InvitationsServer server = InvitationsServer.start(config)) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            RawSoap soap = new RawSoap(server.address());
            soap.call("alice", DemoData.ALICE_PASSWORD, "<inv:ChangePassword><inv:currentPassword>"
                    + DemoData.ALICE_PASSWORD + "</inv:currentPassword><inv:newPassword>new-secret-42</inv:newPassword>"
                    + "</inv:ChangePassword>");
            soap.call("alice", "new-secret-42", "<inv:GetInvitations/>");
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);

        assertTrue(log.contains("GetInvitations"), "messages are logged: " + log.length());
        assertTrue(log.contains("XXX"), "the password elements are masked");
        assertFalse(log.contains(DemoData.ALICE_PASSWORD), "no old password in the log");
        assertFalse(log.contains("new-secret-42"), "no new password in the log");
    }

    /** The TLS 1.2 suites, of those offered one at a time, with which a handshake succeeds. */
    private static List<String> suitesTheServerAccepts(Path keystore, int port, List<String> suites) throws Exception {
        List<String> accepted = new java.util.ArrayList<>();
        for (String suite : suites) {
            try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) trusting(keystore, "test-pass")
                    .getSocketFactory().createSocket("localhost", port)) {
                socket.setEnabledProtocols(new String[] {"TLSv1.2"});
                socket.setEnabledCipherSuites(new String[] {suite});
                socket.startHandshake();
                accepted.add(suite);
            } catch (javax.net.ssl.SSLException | IllegalArgumentException refused) {
                // not offered by the server (or not known to this JDK)
            }
        }
        return accepted;
    }

    private static SSLContext trusting(Path keystore, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
