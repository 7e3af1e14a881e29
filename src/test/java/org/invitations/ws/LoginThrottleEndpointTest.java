package org.invitations.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.invitations.app.DemoData;
import org.invitations.app.InvitationsServer;
import org.invitations.security.AuthenticationFailed;
import org.invitations.security.LoginThrottle;
import org.invitations.support.Directory;
import org.invitations.support.RawSoap;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.AuditEntry;
import org.invitations.ws.generated.GetAuditLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nobody can lock an account out: wrong passwords pause only their source, for SOAP and for
 * {@code POST /backup} alike. The server trusts 127.0.0.1 as its proxy, so each request's source is
 * the X-Forwarded-For address the test writes (a header value; everything connects to 127.0.0.1).
 */
class LoginThrottleEndpointTest {

    private static final String ATTACKER = "192.0.2.66";
    private static final String ADMIN_DESK = "198.51.100.7";

    @TempDir
    static Path data;
    static InvitationsServer server;
    static Directory directory;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startServer(TestInfo test) {
        server = InvitationsServer.start(TestServer.configFor(test.getTestClass().orElse(null), data).toBuilder()
                .trustedProxies(List.of("127.0.0.1")).build());
        directory = new Directory(server.address());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static HttpResponse<String> backup(String username, String password, String from) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/backup"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static RawSoap.Reply soap(String username, String password, String from) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.address()))
                        .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                        .header("X-Forwarded-For", from)
                        .POST(HttpRequest.BodyPublishers.ofString(RawSoap.envelope(username, password,
                                "<inv:GetInvitations/>"), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new RawSoap.Reply(response.statusCode(), response.body(), org.invitations.support.Xml.parse(
                response.body()));
    }

    private static void assertRefused(RawSoap.Reply reply) throws Exception {
        assertEquals(500, reply.status(), reply.body());
        assertEquals(AuthenticationFailed.GENERIC, reply.xpath("//soap:Fault/faultstring"), reply.body());
    }

    private static List<AuditEntry> refusalsOf(String username) throws Exception {
        GetAuditLog request = new GetAuditLog();
        request.setAssociateId(directory.idOf(username));
        request.setPageSize(500);
        return directory.admin().getAuditLog(request).getEntry().stream()
                .filter(e -> e.getOperation().equals("LoginRefused")).toList();
    }

    @Test
    void anonymousWrongBasicLoginsOnBackupNeverLockTheAdminOutOfSoapOrBackup() throws Exception {
        for (int i = 0; i < 4 * LoginThrottle.FREE_FAILURES; i++) {
            assertEquals(401, backup("admin", "guess-" + i, ATTACKER).statusCode());
        }

        assertEquals(200, soap("admin", DemoData.ADMIN_PASSWORD, ADMIN_DESK).status(), "SOAP from the admin's desk");
        assertNotEquals(401, backup("admin", DemoData.ADMIN_PASSWORD, ADMIN_DESK).statusCode(),
                "POST /backup from the admin's desk (200 on Derby, 501 on PostgreSQL: past the credentials)");
        assertEquals(401, backup("admin", DemoData.ADMIN_PASSWORD, ATTACKER).statusCode(),
                "the guessing source is paused, for the right password too");
        assertRefused(soap("admin", DemoData.ADMIN_PASSWORD, ATTACKER));
        assertTrue(refusalsOf("admin").size() <= LoginThrottle.FREE_FAILURES,
                "at most five of the twenty guesses were checked: " + refusalsOf("admin").size());
    }

    @Test
    void manyWrongLoginsForAnAccountFromOneSourceAtOnceLeaveItsLoginFromAnotherSourceWorking() throws Exception {
        String carol = "carol";
        int guesses = 40;
        ExecutorService threads = Executors.newFixedThreadPool(guesses + 1);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Integer>> wrong = new ArrayList<>();
        Future<Integer> right;
        try {
            for (int i = 0; i < guesses; i++) {
                String guess = "guess-" + i;
                boolean overSoap = i % 2 == 0;
                wrong.add(threads.submit(() -> {
                    gate.await();
                    return overSoap ? soap(carol, guess, "192.0.2.77").status()
                            : backup(carol, guess, "192.0.2.77").statusCode();
                }));
            }
            right = threads.submit(() -> {
                gate.await();
                return soap(carol, DemoData.CAROL_PASSWORD, ADMIN_DESK).status();
            });
            gate.countDown();
            for (Future<Integer> call : wrong) {
                int status = call.get(60, TimeUnit.SECONDS);
                assertTrue(status == 500 || status == 401, "each guess is refused: " + status);
            }
            assertEquals(200, right.get(60, TimeUnit.SECONDS), "carol signs in from her own desk meanwhile");
        } finally {
            threads.shutdownNow();
        }

        assertEquals(200, soap(carol, DemoData.CAROL_PASSWORD, "203.0.113.5").status(), "and from anywhere else");
        assertRefused(soap(carol, DemoData.CAROL_PASSWORD, "192.0.2.77"));
        List<AuditEntry> refusals = refusalsOf(carol);
        assertEquals(LoginThrottle.FREE_FAILURES, refusals.size(), "five of forty guesses were checked: " + refusals);
        assertTrue(refusals.stream().anyMatch(e -> e.getDetail().contains("tries from 192.0.2.77 paused until")),
                "the audit log says which source is paused: " + refusals);
    }
}
