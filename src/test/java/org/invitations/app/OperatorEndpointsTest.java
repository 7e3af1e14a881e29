package org.invitations.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.invitations.security.Authenticator;
import org.invitations.support.RawSoap;
import org.invitations.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator and a load balancer read: /health on the service's port (and the management port),
 * Prometheus /metrics on the management port only, and nothing in the metrics that tells which
 * usernames exist.
 */
class OperatorEndpointsTest {

    @TempDir
    Path data;

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String metrics(InvitationsServer server) throws Exception {
        HttpResponse<String> metrics = get(server.managementPort(), "/metrics");
        assertEquals(200, metrics.statusCode(), metrics.body());
        return metrics.body();
    }

    @Test
    void healthSaysTheNodeReachesItsDatabase() throws Exception {
        try (InvitationsServer server = TestServer.start(data)) {
            HttpResponse<String> health = get(server.port(), "/health");

            assertEquals(200, health.statusCode());
            assertEquals("{\"status\":\"UP\",\"database\":\"UP\"}", health.body().trim());
            assertEquals(health.body(), get(server.managementPort(), "/health").body(), "the same on both ports");
        }
    }

    @Test
    void metricsCountCallsByOperationAndOutcomeRefusedLoginsAndThePool() throws Exception {
        try (InvitationsServer server = TestServer.start(data)) {
            RawSoap soap = new RawSoap(server.address());
            soap.call("bob", DemoData.BOB_PASSWORD, "<inv:GetInvitations/>");
            soap.call("bob", DemoData.BOB_PASSWORD, "<inv:AcceptInvitation><inv:recordId>999999</inv:recordId>"
                    + "</inv:AcceptInvitation>");
            soap.call("bob", "not-bobs-password", "<inv:GetInvitations/>");

            String metrics = metrics(server);

            assertTrue(metrics.contains("invitations_soap_requests_seconds_count{outcome=\"ok\",operation=\"GetInvitations\"}")
                    || metrics.contains("invitations_soap_requests_seconds_count{operation=\"GetInvitations\",outcome=\"ok\"}"),
                    metrics);
            assertTrue(metrics.contains("outcome=\"NotFoundFault\""), "faults by type");
            assertTrue(metrics.contains("invitations_logins_refused_total 1.0"), "refused logins");
            assertTrue(metrics.contains("invitations_soap_requests_seconds_bucket"), "latency histogram");
            assertTrue(metrics.contains("hikaricp_connections_active"), "pool usage");
        }
    }

    /** The SOAP answer has one text for every refusal; the metrics must not undo that. */
    @Test
    void anUnknownUserCountsInTheMetricsExactlyAsAWrongPasswordOrALockedAccount() throws Exception {
        try (InvitationsServer server = TestServer.start(data)) {
            RawSoap soap = new RawSoap(server.address());
            soap.call("nobody-by-this-name", "whatever-password", "<inv:GetInvitations/>");
            soap.call("bob", "not-bobs-password", "<inv:GetInvitations/>");
            for (int i = 0; i <= Authenticator.MAX_FAILURES; i++) {
                // the last one finds carol locked
                soap.call("carol", "not-carols-password", "<inv:GetInvitations/>");
            }

            String metrics = metrics(server);

            List<String> refused = metrics.lines().filter(line -> line.startsWith("invitations_logins_refused")).toList();
            assertEquals(List.of("invitations_logins_refused_total " + (2.0 + Authenticator.MAX_FAILURES + 1)),
                    refused, "one count without a reason");
            List<String> failedCalls = metrics.lines().filter(line -> line.startsWith(
                    "invitations_soap_requests_seconds_count") && line.contains("FailedAuthentication")).toList();
            assertEquals(1, failedCalls.size(), "one outcome for every refusal: " + failedCalls);
            assertEquals(2.0 + Authenticator.MAX_FAILURES + 1,
                    Double.parseDouble(failedCalls.get(0).substring(failedCalls.get(0).lastIndexOf(' ') + 1)));
            for (String telling : List.of("reason=", "unknown-user", "wrong-password", "\"locked\"", "nobody-by")) {
                assertFalse(metrics.contains(telling), telling + " in:\n" + metrics);
            }
        }
    }

    @Test
    void metricsAreServedOnTheManagementPortOnlyAndItServesNothingElse() throws Exception {
        try (InvitationsServer server = TestServer.start(data)) {
            HttpResponse<String> onTheServicePort = get(server.port(), "/metrics");
            HttpResponse<String> wsdl = get(server.managementPort(), "/ws/invitations?wsdl");
            HttpResponse<String> backup = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.managementPort() + "/backup")).POST(HttpRequest.BodyPublishers
                    .noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(404, onTheServicePort.statusCode());
            assertEquals("/metrics is served on the management port only (--management-port, bound to 127.0.0.1"
                    + " unless --management-host says otherwise)", onTheServicePort.body().strip());
            assertFalse(onTheServicePort.body().contains("invitations_"), "no metrics");
            assertTrue(metrics(server).contains("invitations_"), "the management port serves them");
            assertEquals(404, wsdl.statusCode(), "no SOAP on the management port");
            assertEquals(404, backup.statusCode(), "no backup on the management port");
            assertEquals(200, get(server.port(), "/ws/invitations?wsdl").statusCode(), "the service is still served");
        }
    }

    @Test
    void withoutAManagementPortNoOneReadsTheMetricsAndHealthStaysForTheBalancer() throws Exception {
        try (InvitationsServer server = InvitationsServer.start(TestServer.config(data, TestServer.freePort())
                .toBuilder().management(null, null).build())) {
            assertEquals(-1, server.managementPort());
            assertEquals(404, get(server.port(), "/metrics").statusCode());
            assertEquals(200, get(server.port(), "/health").statusCode());
        }
    }
}
