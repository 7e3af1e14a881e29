package org.invitations.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.person;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.invitations.app.InvitationsServer;
import org.invitations.app.ServerConfig;
import org.invitations.support.Await;
import org.invitations.support.Directory;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.Contact;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.InvitationOptions;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ListContacts;
import org.invitations.ws.generated.ListDeadDeliveries;
import org.invitations.ws.generated.Person;
import org.invitations.ws.generated.RegisterWebhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook receiver that answers 200 with a large Content-Length and then trickles its body a byte at
 * a time, never closing, holds only its own events: meanwhile the e-mails (GreenMail), the SMS (an
 * SMS gateway on WireMock) and the events of a second webhook go out within a few seconds; its own
 * events time out at the delivery timeout, are tried again, and arrive once it answers properly. On
 * PostgreSQL two nodes deliver from the one outbox.
 */
class SlowReceiverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "a-shared-secret-of-32-characters";
    /** More changes than tries one node makes at once to one destination. */
    private static final int MEETINGS = 6;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    static Path data;
    static TricklingReceiver slow;
    static WireMockServer fast;
    static GreenMail smtp;
    static InvitationsServer server;
    static InvitationsServer second;
    static InvitationsPortType admin;
    static InvitationsPortType alice;
    static long bobId;
    static Person ola;
    static Person kari;

    @BeforeAll
    static void start(TestInfo test) throws Exception {
        slow = new TricklingReceiver();
        fast = new WireMockServer(options().dynamicPort());
        fast.start();
        fast.stubFor(post(urlPathEqualTo("/hooks/fast")).willReturn(aResponse().withStatus(204)));
        fast.stubFor(post(urlPathEqualTo("/sms")).willReturn(aResponse().withStatus(202)));
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        NotificationSettings settings = NotificationSettings.DEFAULT
                .withSmtp(SmtpRelay.Settings.relay("127.0.0.1", smtp.getSmtp().getPort())
                        .withStartTls(SmtpRelay.StartTls.OFF))
                .withSms(SmsGateway.Settings.post(URI.create(fast.baseUrl() + "/sms"), "application/json",
                        "{\"to\":\"${to}\",\"text\":\"${text}\"}"))
                .withDelivery(new NotificationSettings.Delivery(Duration.ofMillis(20), Duration.ofMillis(200),
                        Duration.ofSeconds(1), Duration.ofMinutes(10), TIMEOUT, 4))
                .withWebhookTargets(WebhookDeliveryTest.LOCAL_RECEIVERS);
        ServerConfig config = TestServer.configFor(test.getTestClass().orElse(null), data).toBuilder()
                .notifications(settings).build();
        server = InvitationsServer.start(config);
        if (config.jdbcUrl() != null) {
            // on PostgreSQL a second node delivers from the same outbox: neither may stall on the slow receiver
            second = InvitationsServer.start(config.toBuilder().port(TestServer.freePort())
                    .dataDir(data.resolve("second")).build());
        }
        Directory directory = new Directory(server.address());
        admin = directory.admin();
        alice = directory.alice();
        bobId = directory.idOf("bob");
        Contact fjordline = admin.listContacts(new ListContacts()).getContact().get(0);
        ola = fjordline.getPerson().stream().filter(p -> p.getFullName().equals("Ola Nordmann")).findFirst()
                .orElseThrow();
        kari = fjordline.getPerson().stream().filter(p -> p.getFullName().equals("Kari Nordmann")).findFirst()
                .orElseThrow();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        if (second != null) {
            second.close();
        }
        smtp.stop();
        fast.stop();
        slow.close();
    }

    private static void register(String url) throws Exception {
        RegisterWebhook request = new RegisterWebhook();
        request.setUrl(url);
        request.setSecret(SECRET);
        admin.registerWebhook(request);
    }

    private static CreateInvitation confirmedBySmsAndMail(String title) {
        CreateInvitation request = meeting(title, freeSlot(), associate(bobId), person(ola.getPersonId()),
                person(kari.getPersonId()));
        InvitationOptions options = new InvitationOptions();
        options.setSendConfirmation(true);
        options.setSendSms(true);
        request.setOptions(options);
        return request;
    }

    private static long posted(String path) {
        return fast.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(path) && e.getResponse().getStatus() / 100 == 2)
                .count();
    }

    private static Set<String> eventIds(List<String> bodies) {
        Set<String> ids = new LinkedHashSet<>();
        for (String body : bodies) {
            try {
                ids.add(JSON.readTree(body).get("id").asText());
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
        return ids;
    }

    @Test
    void aTricklingReceiverHoldsOnlyItsOwnEventsWhileMailsSmsAndOtherWebhooksFlow() throws Exception {
        register(slow.url("/hooks/slow"));
        register(fast.baseUrl() + "/hooks/fast");

        List<Long> meetings = new ArrayList<>();
        for (int i = 0; i < MEETINGS; i++) {
            meetings.add(alice.createInvitation(confirmedBySmsAndMail("Trickle " + i)).getAppointmentId());
        }
        long created = System.nanoTime();

        // one e-mail (Ola), two SMS (Ola, Kari) and one event per meeting, while the slow receiver trickles
        Await.until(Duration.ofSeconds(8), () -> posted("/hooks/fast") >= MEETINGS && posted("/sms") >= 2L * MEETINGS
                        && smtp.getReceivedMessages().length >= MEETINGS,
                () -> posted("/hooks/fast") + " events, " + posted("/sms") + " SMS and "
                        + smtp.getReceivedMessages().length + " e-mails of " + MEETINGS + ", " + 2 * MEETINGS + ", "
                        + MEETINGS + " delivered; the trickling receiver has " + slow.requests() + " requests");
        System.out.println("everything but the trickling receiver's events delivered "
                + (System.nanoTime() - created) / 1_000_000 + " ms after the last change");

        // its events time out after the delivery timeout and are tried again, not given up
        Await.until(TIMEOUT.multipliedBy(6), () -> slow.requests() > MEETINGS,
                () -> slow.requests() + " requests to the trickling receiver");
        assertEquals(List.of(), admin.listDeadDeliveries(new ListDeadDeliveries()).getDelivery());

        slow.recover();
        Await.until(Duration.ofSeconds(30), () -> eventIds(slow.answered()).size() >= MEETINGS,
                () -> eventIds(slow.answered()).size() + " of " + MEETINGS + " events arrived after the recovery");
        Set<Long> arrived = new LinkedHashSet<>();
        for (String body : slow.answered()) {
            arrived.add(JSON.readTree(body).get("appointmentId").asLong());
        }
        assertEquals(Set.copyOf(meetings), arrived);
        assertEquals(MEETINGS, posted("/hooks/fast"), "the other receiver got each event once");
    }
}
