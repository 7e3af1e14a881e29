package org.invitations.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.move;
import static org.invitations.support.Requests.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.invitations.app.InvitationsServer;
import org.invitations.app.ServerConfig;
import org.invitations.support.Await;
import org.invitations.support.Directory;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.ConfirmationMessage;
import org.invitations.ws.generated.GetConfirmationMessages;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ListContacts;
import org.invitations.ws.generated.NotifyOptions;
import org.invitations.ws.generated.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The texts for people through the real service: a confirmation (read back with GetConfirmationMessages,
 * parsed by Jakarta Mail and ical4j) and an SMS (as a gateway receives it) show the appointment's local
 * times with its zone, taken from the appointment row when the outbox writes them.
 *
 * <p>The zone is written into the appointment row here: the create path that sets it (the create's
 * timeZone, else the owner's) is built on another branch. Once merged, this test can create the meeting
 * in Europe/Oslo through the contract instead.
 */
class LocalTimesEndpointTest {

    @TempDir
    static Path data;
    static WireMockServer gateway;
    static ServerConfig config;
    static InvitationsServer server;
    static InvitationsPortType alice;
    static Person ola;

    @BeforeAll
    static void start() throws Exception {
        gateway = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        gateway.start();
        gateway.stubFor(post(urlPathEqualTo("/sms")).willReturn(aResponse().withStatus(202)));
        NotificationSettings settings = NotificationSettings.DEFAULT
                .withMail("meetings@example.com", "invitations.example.com")
                .withSms(SmsGateway.Settings.post(URI.create(gateway.baseUrl() + "/sms"), "application/json",
                        "{\"to\":\"${to}\",\"text\":\"${text}\"}"))
                .withDelivery(new NotificationSettings.Delivery(Duration.ofMillis(20), Duration.ofMillis(20),
                        Duration.ofMillis(200), Duration.ofMinutes(10), Duration.ofSeconds(5), 4));
        config = TestServer.config(data, TestServer.freePort()).toBuilder().notifications(settings).build();
        server = InvitationsServer.start(config);
        Directory directory = new Directory(server.address());
        alice = directory.alice();
        ola = directory.admin().listContacts(new ListContacts()).getContact().get(0).getPerson().stream()
                .filter(p -> p.getFullName().equals("Ola Nordmann")).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
        gateway.stop();
    }

    private static void writtenIn(long appointmentId, String zone) throws Exception {
        try (Connection connection = DriverManager.getConnection(config.effectiveJdbcUrl());
             PreparedStatement update = connection.prepareStatement(
                     "update appointment set time_zone = ? where id = ?")) {
            update.setString(1, zone);
            update.setLong(2, appointmentId);
            assertEquals(1, update.executeUpdate());
        }
    }

    private static NotifyOptions confirmationAndSms() {
        NotifyOptions notify = new NotifyOptions();
        notify.setSendConfirmation(true);
        notify.setSendSms(true);
        return notify;
    }

    @Test
    void aMeetingWrittenInOsloIsConfirmedAndTextedInOsloTimeWhileItsCalendarStaysInUtc() throws Exception {
        long id = alice.createInvitation(meeting("Styremøte", freeSlot(), person(ola.getPersonId())))
                .getAppointmentId();
        writtenIn(id, "Europe/Oslo");

        var request = move(id, OffsetDateTime.parse("2027-03-29T07:00:00Z"));
        request.setNotify(confirmationAndSms());
        var moved = alice.moveAppointment(request);

        assertEquals(1, moved.getNotifications().getConfirmations());
        assertEquals(1, moved.getNotifications().getSms());
        GetConfirmationMessages read = new GetConfirmationMessages();
        read.setAppointmentId(id);
        List<ConfirmationMessage> messages = alice.getConfirmationMessages(read).getMessage();
        var mime = MimeParts.parse(messages.get(messages.size() - 1).getMime());
        String text = MimeParts.text(MimeParts.only(mime, "text/plain"));
        assertTrue(text.contains("When:      Mon 29 Mar 2027 09:00-10:00 (Europe/Oslo)"), text);
        VEvent event = MimeParts.calendar(MimeParts.text(MimeParts.only(mime, "text/calendar")))
                .<VEvent>getComponents("VEVENT").get(0);
        assertEquals("20270329T070000Z", event.getProperty("DTSTART").map(Property::getValue).orElseThrow());

        Await.until(Duration.ofSeconds(30), () -> !gateway.findAll(postRequestedFor(urlPathEqualTo("/sms"))).isEmpty(),
                () -> "no SMS posted");
        List<String> bodies = gateway.findAll(postRequestedFor(urlPathEqualTo("/sms"))).stream()
                .map(LoggedRequest::getBodyAsString).toList();
        assertTrue(bodies.stream().anyMatch(b -> b.contains("Mon 29 Mar 2027 09:00-10:00 (Europe/Oslo)")),
                bodies.toString());
    }

    @Test
    void aMeetingInUtcKeepsItsUtcText() throws Exception {
        long id = alice.createInvitation(meeting("Budsjett", freeSlot(), person(ola.getPersonId())))
                .getAppointmentId();

        var request = move(id, OffsetDateTime.parse("2031-03-03T09:00:00Z"));
        NotifyOptions notify = new NotifyOptions();
        notify.setSendConfirmation(true);
        request.setNotify(notify);
        alice.moveAppointment(request);

        GetConfirmationMessages read = new GetConfirmationMessages();
        read.setAppointmentId(id);
        List<ConfirmationMessage> messages = alice.getConfirmationMessages(read).getMessage();
        String text = MimeParts.text(MimeParts.only(MimeParts.parse(messages.get(messages.size() - 1).getMime()),
                "text/plain"));
        assertTrue(text.contains("When:      Mon 3 Mar 2031 09:00-10:00 UTC"), text);
    }
}
