package org.invitations.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.invitations.support.RawSoap;
import org.invitations.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator and a load balancer read: /health and Prometheus /metrics, on the service's port. */
class OperatorEndpointsTest {

    @TempDir
    Path data;

    private static HttpResponse<String> get(InvitationsServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthSaysTheNodeReachesItsDatabase() throws Exception {
        try (InvitationsServer server = TestServer.start(data)) {
            HttpResponse<String> health = get(server, "/health");

            assertEquals(200, health.statusCode());
            assertEquals("{\"status\":\"UP\",\"database\":\"UP\"}", health.body().trim());
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

            String metrics = get(server, "/metrics").body();

            assertTrue(metrics.contains("invitations_soap_requests_seconds_count{outcome=\"ok\",operation=\"GetInvitations\"}")
                    || metrics.contains("invitations_soap_requests_seconds_count{operation=\"GetInvitations\",outcome=\"ok\"}"),
                    metrics);
            assertTrue(metrics.contains("outcome=\"NotFoundFault\""), "faults by type");
            assertTrue(metrics.contains("invitations_logins_refused_total{reason=\"wrong-password\"}"), "refused logins");
            assertTrue(metrics.contains("invitations_soap_requests_seconds_bucket"), "latency histogram");
            assertTrue(metrics.contains("hikaricp_connections_active"), "pool usage");
        }
    }
}
