package org.invitations.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.invitations.support.Await;
import org.invitations.support.RawSoap;
import org.invitations.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /backup} checks its HTTP Basic password inside the same admission limit as SOAP calls, so
 * that parallel anonymous requests cannot each cost a password hash beside a full service. With a limit
 * of one request, a SOAP login held inside the service (its account row locked by the test) keeps an
 * anonymous {@code POST /backup} waiting until it is done.
 */
class BackupAdmissionTest {

    @TempDir
    Path tmp;

    @Test
    void anonymousBackupRequestsWaitForTheAdmissionLimitLikeSoapCalls() throws Exception {
        ServerConfig config = TestServer.config(tmp.resolve("data"), TestServer.freePort()).toBuilder()
                .maxConcurrentRequests(1).build();
        InvitationsServer server = InvitationsServer.start(config);
        HttpClient http = HttpClient.newHttpClient();
        try (server; Connection holder = DriverManager.getConnection("jdbc:derby:" + config.derbyDirectory())) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.executeUpdate("UPDATE associate SET enabled = enabled WHERE username = 'admin'");
            }
            CompletableFuture<HttpResponse<String>> soap = http.sendAsync(HttpRequest.newBuilder(
                            URI.create(server.address())).header("Content-Type", "text/xml; charset=UTF-8")
                    .header("SOAPAction", "\"\"").POST(HttpRequest.BodyPublishers.ofString(RawSoap.envelope("admin",
                            DemoData.ADMIN_PASSWORD, "<inv:GetInvitations/>"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            Await.until(Duration.ofSeconds(4), () -> waitingForLocks(holder) > 0, () -> "no login waits for the row");

            CompletableFuture<HttpResponse<String>> backup = http.sendAsync(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/backup"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "nobody:guess".getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThrows(TimeoutException.class, () -> backup.get(1, TimeUnit.SECONDS),
                    "the anonymous POST /backup waits while the one admitted request is in the service");
            holder.rollback();
            assertEquals(200, soap.get(30, TimeUnit.SECONDS).statusCode());
            assertEquals(401, backup.get(30, TimeUnit.SECONDS).statusCode(), "then it is checked and refused");
        }
    }

    private static int waitingForLocks(Connection connection) throws Exception {
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT COUNT(*) FROM SYSCS_DIAG.LOCK_TABLE WHERE STATE = 'WAIT'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
