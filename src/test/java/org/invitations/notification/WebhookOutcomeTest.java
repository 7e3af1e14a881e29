package org.invitations.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.invitations.app.InvitationsServer;
import org.invitations.support.Await;
import org.invitations.support.Directory;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.Delivery;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ListDeadDeliveries;
import org.invitations.ws.generated.RegisterWebhook;
import org.invitations.ws.generated.RemoveWebhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an ADMIN learns from a failed webhook call: "failed:" with the HTTP status of a real answer,
 * one text for every failure without one, never the receiver's body; a redirect is final at once. The
 * receiver (WireMock) is on this host, allowed the way an operator allows an in-house receiver.
 */
class WebhookOutcomeTest {

    private static final String SECRET = "a-shared-secret-of-32-characters";

    @TempDir
    static Path data;
    static WireMockServer receiver;
    static InvitationsServer server;
    static InvitationsPortType admin;
    static InvitationsPortType alice;
    static long bobId;
    final List<Long> webhooks = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        // given up after 3 s of failures, so that retried failures show up as dead within the test
        NotificationSettings.Delivery quick = new NotificationSettings.Delivery(Duration.ofMillis(20),
                Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofSeconds(2), 4);
        server = InvitationsServer.start(TestServer.config(data, TestServer.freePort()).toBuilder()
                .notifications(NotificationSettings.DEFAULT.withDelivery(quick)
                        .withWebhookTargets(WebhookDeliveryTest.LOCAL_RECEIVERS)).build());
        Directory directory = new Directory(server.address());
        admin = directory.admin();
        alice = directory.alice();
        bobId = directory.idOf("bob");
    }

    @AfterAll
    static void stop() {
        server.close();
        receiver.stop();
    }

    @AfterEach
    void removeWebhooks() throws Exception {
        for (long id : webhooks) {
            RemoveWebhook remove = new RemoveWebhook();
            remove.setWebhookId(id);
            admin.removeWebhook(remove);
        }
        receiver.resetAll();
    }

    private void register(String url) throws Exception {
        RegisterWebhook request = new RegisterWebhook();
        request.setUrl(url);
        request.setSecret(SECRET);
        webhooks.add(admin.registerWebhook(request).getWebhook().getWebhookId());
    }

    private static Delivery deadFor(long appointmentId) throws Exception {
        Delivery[] found = new Delivery[1];
        Await.until(Duration.ofSeconds(30), () -> {
            found[0] = admin.listDeadDeliveries(new ListDeadDeliveries()).getDelivery().stream()
                    .filter(d -> d.getAppointmentId() == appointmentId).findFirst().orElse(null);
            return found[0] != null;
        }, () -> "no dead delivery for appointment " + appointmentId);
        return found[0];
    }

    @Test
    void aLocalReceiverTheOperatorAllowsGetsTheEvents() throws Exception {
        receiver.stubFor(post(urlPathEqualTo("/hooks/in-house")).willReturn(aResponse().withStatus(204)));
        register(receiver.baseUrl() + "/hooks/in-house");

        alice.createInvitation(meeting("In-house", freeSlot(), associate(bobId)));

        Await.until(Duration.ofSeconds(30), () -> !receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/in-house")))
                .isEmpty(), () -> "no event reached the allowed receiver");
    }

    @Test
    void aRedirectIsNotFollowedAndNotRetried() throws Exception {
        receiver.stubFor(post(urlPathEqualTo("/hooks/moved")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", receiver.baseUrl() + "/hooks/elsewhere")));
        receiver.stubFor(post(urlPathEqualTo("/hooks/elsewhere")).willReturn(aResponse().withStatus(204)));
        register(receiver.baseUrl() + "/hooks/moved");

        long appointmentId = alice.createInvitation(meeting("Moved", freeSlot(), associate(bobId))).getAppointmentId();

        Delivery dead = deadFor(appointmentId);
        assertEquals("failed: HTTP 302 (redirects are not followed)", dead.getLastError());
        assertEquals(1, dead.getAttempts());
        assertEquals(1, receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/moved"))).size());
        assertEquals(0, receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/elsewhere"))).size());
    }

    @Test
    void aFailingReceiverIsKeptAsItsStatusWithoutItsBody() throws Exception {
        receiver.stubFor(post(urlPathEqualTo("/hooks/down")).willReturn(aResponse().withStatus(503)
                .withBody("upstream db01.internal:5432 refused: password authentication failed for user crm")));
        register(receiver.baseUrl() + "/hooks/down");

        long appointmentId = alice.createInvitation(meeting("Down", freeSlot(), associate(bobId))).getAppointmentId();

        Delivery dead = deadFor(appointmentId);
        assertEquals("failed: HTTP 503", dead.getLastError());
    }

    @Test
    void aPortWhereNothingListensIsKeptAsNoAnswer() throws Exception {
        register("http://127.0.0.1:" + TestServer.freePort() + "/hooks");

        long appointmentId = alice.createInvitation(meeting("Nobody", freeSlot(), associate(bobId))).getAppointmentId();

        Delivery dead = deadFor(appointmentId);
        assertEquals("failed: no answer", dead.getLastError());
    }
}
