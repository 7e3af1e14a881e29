package org.invitations.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.cancel;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.list;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.move;
import static org.invitations.support.Requests.person;
import static org.invitations.support.Requests.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.invitations.app.InvitationsServer;
import org.invitations.support.Await;
import org.invitations.support.Directory;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.ConfirmationMessage;
import org.invitations.ws.generated.Contact;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.GetConfirmationMessages;
import org.invitations.ws.generated.InvitationOptions;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ListContacts;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.Notifications;
import org.invitations.ws.generated.NotifyOptions;
import org.invitations.ws.generated.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Send meeting confirmation" and "send SMS" through the real service: the messages it generates (read
 * back with GetConfirmationMessages and parsed as MIME and iCalendar), what reaches a real SMTP server
 * (GreenMail) and an SMS gateway (WireMock), and who is skipped.
 */
class ConfirmationEndpointTest {

    @TempDir
    static Path data;
    static GreenMail smtp;
    static WireMockServer gateway;
    static InvitationsServer server;
    static InvitationsPortType alice;
    static InvitationsPortType bob;
    static long bobId;
    static Person ola;
    static Person kari;

    @BeforeAll
    static void start() throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        gateway = new WireMockServer(options().dynamicPort());
        gateway.start();
        NotificationSettings settings = NotificationSettings.DEFAULT
                .withMail("meetings@example.com", "invitations.example.com")
                .withSmtp(SmtpRelay.Settings.relay("127.0.0.1", smtp.getSmtp().getPort())
                        .withStartTls(SmtpRelay.StartTls.OFF))
                .withSms(SmsGateway.Settings.post(URI.create(gateway.baseUrl() + "/sms"), "application/json",
                        "{\"to\":\"${to}\",\"text\":\"${text}\"}"))
                .withDelivery(new NotificationSettings.Delivery(Duration.ofMillis(20), Duration.ofMillis(20),
                        Duration.ofMillis(200), Duration.ofMinutes(10), Duration.ofSeconds(5), 4));
        server = InvitationsServer.start(TestServer.config(data, TestServer.freePort()).toBuilder()
                .notifications(settings).build());
        Directory directory = new Directory(server.address());
        alice = directory.alice();
        bob = directory.bob();
        bobId = directory.idOf("bob");
        Contact fjordline = directory.admin().listContacts(new ListContacts()).getContact().get(0);
        ola = fjordline.getPerson().stream().filter(p -> p.getFullName().equals("Ola Nordmann")).findFirst().orElseThrow();
        kari = fjordline.getPerson().stream().filter(p -> p.getFullName().equals("Kari Nordmann")).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
        smtp.stop();
        gateway.stop();
    }

    @BeforeEach
    void clear() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        gateway.resetAll();
        gateway.stubFor(post(urlPathEqualTo("/sms")).willReturn(aResponse().withStatus(202)));
    }

    private static CreateInvitation withExternalPersons(boolean confirmation, boolean sms) {
        CreateInvitation request = meeting("Møte om årsbudsjett", freeSlot(), associate(bobId), person(ola.getPersonId()),
                person(kari.getPersonId()));
        InvitationOptions options = new InvitationOptions();
        options.setSendConfirmation(confirmation);
        options.setSendSms(sms);
        request.setOptions(options);
        return request;
    }

    private static NotifyOptions confirm() {
        NotifyOptions notify = new NotifyOptions();
        notify.setSendConfirmation(true);
        return notify;
    }

    private static List<ConfirmationMessage> messages(long appointmentId) throws Exception {
        GetConfirmationMessages request = new GetConfirmationMessages();
        request.setAppointmentId(appointmentId);
        return alice.getConfirmationMessages(request).getMessage();
    }

    private static VEvent event(Calendar calendar) {
        return calendar.<VEvent>getComponents("VEVENT").get(0);
    }

    private static String value(VEvent event, String name) {
        return event.getProperty(name).map(Property::getValue).orElse(null);
    }

    @Test
    void aConfirmationGoesToEachPersonWithAnAddressAndTheOthersAreNamed() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(withExternalPersons(true, false));

        Notifications notifications = created.getNotifications();
        assertEquals(1, notifications.getConfirmations());
        assertEquals(0, notifications.getSms());
        assertEquals(1, notifications.getSkipped().size());
        assertEquals("Kari Nordmann", notifications.getSkipped().get(0).getName());
        assertEquals("EMAIL", notifications.getSkipped().get(0).getChannel().name());

        List<ConfirmationMessage> messages = messages(created.getAppointmentId());
        assertEquals(1, messages.size());
        ConfirmationMessage message = messages.get(0);
        assertEquals("ola@fjordline.example", message.getRecipient());
        assertEquals(ola.getPersonId(), message.getPersonId());
        assertEquals("REQUEST", message.getMethod().name());
        assertEquals(0, message.getSequence());

        MimeMessage mime = MimeParts.parse(message.getMime());
        assertEquals("ola@fjordline.example", mime.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString()
                .replaceAll(".*<|>.*", ""));
        assertTrue(mime.getSubject().contains("Møte om årsbudsjett"), mime.getSubject());
        Calendar calendar = MimeParts.calendar(MimeParts.text(MimeParts.only(mime, "text/calendar")));
        assertEquals("REQUEST", calendar.getProperty("METHOD").map(Property::getValue).orElseThrow());
        VEvent event = event(calendar);
        assertEquals("appointment-" + created.getAppointmentId() + "@invitations.example.com", value(event, "UID"));
        assertEquals("0", value(event, "SEQUENCE"));
        assertTrue(value(event, "DTSTART").endsWith("Z"), value(event, "DTSTART"));
        assertTrue(value(event, "ORGANIZER").equalsIgnoreCase("mailto:alice@example.com"), value(event, "ORGANIZER"));

        assertTrue(smtp.waitForIncomingEmail(30_000, 1), "the relay received the confirmation");
        MimeMessage arrived = smtp.getReceivedMessages()[0];
        assertEquals(mime.getSubject(), arrived.getSubject());
        Await.until(Duration.ofSeconds(30), () -> messages(created.getAppointmentId()).get(0).getState().name()
                .equals("DELIVERED"), () -> "not DELIVERED");
    }

    @Test
    void aMoveSendsTheNextSequenceAndACancelSendsCancel() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(withExternalPersons(true, false));
        long id = created.getAppointmentId();

        var moveRequest = move(id, freeSlot());
        moveRequest.setNotify(confirm());
        var moved = alice.moveAppointment(moveRequest);
        var cancelRequest = cancel(id);
        cancelRequest.setNotify(confirm());
        alice.cancelAppointment(cancelRequest);

        assertEquals(1, moved.getNotifications().getConfirmations());
        List<ConfirmationMessage> messages = messages(id);
        assertEquals(List.of("REQUEST", "REQUEST", "CANCEL"), messages.stream().map(m -> m.getMethod().name()).toList());
        VEvent first = event(MimeParts.calendar(MimeParts.text(MimeParts.only(MimeParts.parse(messages.get(0).getMime()),
                "text/calendar"))));
        VEvent second = event(MimeParts.calendar(MimeParts.text(MimeParts.only(MimeParts.parse(messages.get(1).getMime()),
                "text/calendar"))));
        Calendar third = MimeParts.calendar(MimeParts.text(MimeParts.only(MimeParts.parse(messages.get(2).getMime()),
                "text/calendar")));
        assertEquals(value(first, "UID"), value(second, "UID"));
        assertEquals("1", value(second, "SEQUENCE"));
        assertTrue(!value(first, "DTSTART").equals(value(second, "DTSTART")), "the new time");
        assertEquals("CANCEL", third.getProperty("METHOD").map(Property::getValue).orElseThrow());
        assertEquals("CANCELLED", value(event(third), "STATUS"));
        assertTrue(smtp.waitForIncomingEmail(30_000, 3), "three messages reached the relay in order");
    }

    @Test
    void aPersonRemovedByAnUpdateGetsACancel() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(withExternalPersons(false, false));
        var removal = update(created.getAppointmentId());
        removal.setRemoveParticipants(list(person(ola.getPersonId())));
        removal.setNotify(confirm());

        var updated = alice.updateAppointment(removal);

        assertEquals(1, updated.getNotifications().getConfirmations());
        List<ConfirmationMessage> messages = messages(created.getAppointmentId());
        assertEquals(1, messages.size());
        assertEquals("CANCEL", messages.get(0).getMethod().name());
        assertEquals("ola@fjordline.example", messages.get(0).getRecipient());
    }

    @Test
    void anSmsGoesToEachPersonWithAMobileNumber() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(withExternalPersons(false, true));

        assertEquals(2, created.getNotifications().getSms());
        assertEquals(0, created.getNotifications().getConfirmations());
        Await.until(Duration.ofSeconds(30), () -> gateway.findAll(postRequestedFor(urlPathEqualTo("/sms"))).size() >= 2,
                () -> gateway.findAll(postRequestedFor(urlPathEqualTo("/sms"))).size() + " SMS posted");
        List<String> bodies = gateway.findAll(postRequestedFor(urlPathEqualTo("/sms"))).stream()
                .map(LoggedRequest::getBodyAsString).sorted().toList();
        assertTrue(bodies.get(0).contains("\"to\":\"+4791234567\""), bodies.get(0));
        assertTrue(bodies.get(1).contains("\"to\":\"+4798765432\""), bodies.get(1));
        assertTrue(bodies.get(0).contains("Møte om årsbudsjett") || bodies.get(0).contains("M\\u00f8te"), bodies.get(0));
    }

    @Test
    void onlyTheOwnerReadsTheConfirmations() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(withExternalPersons(true, false));
        GetConfirmationMessages request = new GetConfirmationMessages();
        request.setAppointmentId(created.getAppointmentId());

        org.junit.jupiter.api.Assertions.assertThrows(NotAllowedFault.class, () -> bob.getConfirmationMessages(request));
        assertNull(alice.createInvitation(meeting("Plain", freeSlot(), associate(bobId))).getNotifications(),
                "no notifications element when none was asked for");
    }
}
