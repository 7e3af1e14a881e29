package org.invitations.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.invitations.app.InvitationsServer;
import org.invitations.support.Await;
import org.invitations.support.Directory;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.ConfirmationMessage;
import org.invitations.ws.generated.Contact;
import org.invitations.ws.generated.CreateContact;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.GetConfirmationMessages;
import org.invitations.ws.generated.GetContact;
import org.invitations.ws.generated.InvitationOptions;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.NewPerson;
import org.invitations.ws.generated.ParticipantRef;
import org.invitations.ws.generated.Person;
import org.invitations.ws.generated.RegisterWebhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every payload the contract allows fits: the largest meetings, the longest texts and the longest mobile
 * number are stored, confirmed, texted and told to integrations like small ones, through the real
 * service with a real SMTP server (GreenMail), SMS gateway and webhook receiver (WireMock).
 */
public class ContractSizesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** "+" and 20 digits or spaces: the longest Mobile the XSD allows. */
    private static final String LONGEST_MOBILE = "+47 9 1 2 3 4 5 6 7 8";

    @TempDir
    static Path data;
    static GreenMail smtp;
    static WireMockServer peers;
    static InvitationsServer server;
    static Directory directory;
    static InvitationsPortType alice;

    @BeforeAll
    static void start(TestInfo test) throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        peers = new WireMockServer(options().dynamicPort().containerThreads(20));
        peers.start();
        NotificationSettings settings = NotificationSettings.DEFAULT
                .withMail("meetings@example.com", "invitations.example.com")
                .withSmtp(SmtpRelay.Settings.relay("127.0.0.1", smtp.getSmtp().getPort())
                        .withStartTls(SmtpRelay.StartTls.OFF))
                .withSms(SmsGateway.Settings.post(URI.create(peers.baseUrl() + "/sms"), "application/json",
                        "{\"to\":\"${to}\",\"text\":\"${text}\"}"))
                .withDelivery(new NotificationSettings.Delivery(Duration.ofMillis(20), Duration.ofMillis(20),
                        Duration.ofMillis(200), Duration.ofMinutes(10), Duration.ofSeconds(5), 4))
                .withWebhookTargets(WebhookDeliveryTest.LOCAL_RECEIVERS);
        server = InvitationsServer.start(TestServer.configFor(test.getTestClass().orElse(null), data).toBuilder()
                .notifications(settings).build());
        directory = new Directory(server.address());
        alice = directory.alice();
    }

    @AfterAll
    static void stop() {
        server.close();
        smtp.stop();
        peers.stop();
    }

    @BeforeEach
    void clear() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        peers.resetAll();
        peers.stubFor(post(urlPathEqualTo("/sms")).willReturn(aResponse().withStatus(202)));
        peers.stubFor(post(urlPathEqualTo("/events")).willReturn(aResponse().withStatus(204)));
    }

    @Test
    void aMeetingWith200PersonsIsConfirmedToEachOfThem() throws Exception {
        Contact customer = contactWithPersons("Stor kunde", 200, true);
        CreateInvitation request = meeting("Årsmøte for alle 200", freeSlot(), persons(customer));
        request.setOptions(confirmation());

        CreateInvitationResponse created = alice.createInvitation(request);

        assertEquals(200, created.getNotifications().getConfirmations());
        List<ConfirmationMessage> messages = messages(created.getAppointmentId());
        assertEquals(200, messages.size());
        assertTrue(messages.get(0).getMime().length() > 32_000,
                "each message names all 200 attendees: " + messages.get(0).getMime().length() + " characters");
        VEvent event = MimeParts.calendar(MimeParts.text(MimeParts.only(MimeParts.parse(messages.get(0).getMime()),
                "text/calendar"))).<VEvent>getComponents("VEVENT").get(0);
        assertEquals(200, event.getProperties(Property.ATTENDEE).size());
        assertTrue(smtp.waitForIncomingEmail(60_000, 200), "the relay received all 200 confirmations, got "
                + smtp.getReceivedMessages().length);
        Set<String> recipients = Arrays.stream(smtp.getReceivedMessages()).map(ContractSizesTest::recipient)
                .collect(Collectors.toSet());
        assertEquals(customer.getPerson().stream().map(Person::getEmail).collect(Collectors.toSet()), recipients);
        Await.until(Duration.ofSeconds(60), () -> messages(created.getAppointmentId()).stream()
                .allMatch(m -> m.getState().name().equals("DELIVERED")), () -> "not all DELIVERED");
    }

    @Test
    void aDescriptionOf4000NonAsciiCharactersIsConfirmedWhole() throws Exception {
        Contact customer = contactWithPersons("Ærøy Fergeselskap", 3, true);
        String description = longestDescription();
        CreateInvitation request = meeting("Budsjettmøte", freeSlot(), persons(customer));
        request.setDescription(description);
        request.setOptions(confirmation());

        CreateInvitationResponse created = alice.createInvitation(request);

        assertEquals(3, created.getNotifications().getConfirmations());
        List<ConfirmationMessage> messages = messages(created.getAppointmentId());
        assertEquals(3, messages.size());
        assertTrue(messages.get(0).getMime().length() > 32_000,
                "the description twice, encoded: " + messages.get(0).getMime().length() + " characters");
        assertTrue(smtp.waitForIncomingEmail(30_000, 3), "the relay received the three confirmations");
        String text = MimeParts.text(MimeParts.only(smtp.getReceivedMessages()[0], "text/plain"));
        assertTrue(text.contains(description), "the whole description arrives");
    }

    @Test
    void aMobileNumberOfTheLongestLengthTheContractAllowsIsStoredAndTexted() throws Exception {
        CreateContact create = new CreateContact();
        create.setName("Lang nummer AS");
        NewPerson person = new NewPerson();
        person.setFullName("Nils Langnummer");
        person.setMobile(LONGEST_MOBILE);
        create.getPerson().add(person);

        Contact contact = directory.admin().createContact(create).getContact();

        GetContact get = new GetContact();
        get.setContactId(contact.getContactId());
        Person stored = directory.admin().getContact(get).getContact().getPerson().get(0);
        assertEquals(21, LONGEST_MOBILE.length());
        assertEquals(LONGEST_MOBILE, stored.getMobile());
        CreateInvitation request = meeting("Kort beskjed", freeSlot(), person(stored.getPersonId()));
        InvitationOptions options = new InvitationOptions();
        options.setSendSms(true);
        request.setOptions(options);
        assertEquals(1, alice.createInvitation(request).getNotifications().getSms());
        Await.until(Duration.ofSeconds(30), () -> !peers.findAll(postRequestedFor(urlPathEqualTo("/sms"))).isEmpty(),
                () -> "no SMS posted");
        String body = peers.findAll(postRequestedFor(urlPathEqualTo("/sms"))).get(0).getBodyAsString();
        assertTrue(body.contains("\"to\":\"+47912345678\""), body);
    }

    @Test
    void anEventOfAMeetingWith500ParticipantsIsWrittenAndDelivered() throws Exception {
        Contact customer = contactWithPersons("Stor konferanse", 500, false);
        RegisterWebhook register = new RegisterWebhook();
        register.setUrl(peers.baseUrl() + "/events");
        register.setSecret("a-shared-secret-of-32-characters");
        long webhookId = directory.admin().registerWebhook(register).getWebhook().getWebhookId();
        try {
            CreateInvitation request = meeting("Konferanse med 500 deltakere", freeSlot(), persons(customer));
            request.setDescription(longestDescription());

            CreateInvitationResponse created = alice.createInvitation(request);

            Await.until(Duration.ofSeconds(30), () -> created(created.getAppointmentId()) != null,
                    () -> peers.findAll(postRequestedFor(urlPathEqualTo("/events"))).size() + " events, none of it");
            LoggedRequest delivered = created(created.getAppointmentId());
            assertTrue(delivered.getBodyAsString().length() > 32_000, delivered.getBodyAsString().length() + " characters");
            JsonNode event = JSON.readTree(delivered.getBodyAsString());
            Set<Long> persons = new java.util.HashSet<>();
            event.get("records").forEach(r -> {
                if ("PERSON".equals(r.get("kind").asText())) {
                    persons.add(r.get("participantId").asLong());
                }
            });
            assertEquals(customer.getPerson().stream().map(Person::getPersonId).collect(Collectors.toSet()), persons,
                    "a record for each of the 500 persons");
        } finally {
            var remove = new org.invitations.ws.generated.RemoveWebhook();
            remove.setWebhookId(webhookId);
            directory.admin().removeWebhook(remove);
        }
    }

    @Test
    void textsOutsideTheBmpCountInUtf16UnitsAndFitAtTheLimit() throws Exception {
        String title = "\uD834\uDD1E".repeat(100);
        String description = "\uD83D\uDE00".repeat(2000);
        CreateInvitation request = meeting(title, freeSlot(), org.invitations.support.Requests.associate(directory.idOf("bob")));
        request.setDescription(description);

        long id = alice.createInvitation(request).getAppointmentId();

        var appointment = alice.getAppointmentParticipants(org.invitations.support.Requests.participants(id)).getAppointment();
        assertEquals(title, appointment.getTitle());
        assertEquals(description, appointment.getDescription());
        CreateInvitation tooLong = meeting(title + "\uD834\uDD1E", freeSlot(),
                org.invitations.support.Requests.associate(directory.idOf("bob")));
        org.invitations.ws.generated.InvalidRequestFault refused = org.junit.jupiter.api.Assertions.assertThrows(
                org.invitations.ws.generated.InvalidRequestFault.class, () -> alice.createInvitation(tooLong));
        assertTrue(refused.getMessage().contains("title"), refused.getMessage());
    }

    private static LoggedRequest created(long appointmentId) throws Exception {
        for (LoggedRequest request : peers.findAll(postRequestedFor(urlPathEqualTo("/events")))) {
            JsonNode event = JSON.readTree(request.getBodyAsString());
            if (event.get("appointmentId").asLong() == appointmentId && "invitation.created".equals(event.get("type").asText())) {
                return request;
            }
        }
        return null;
    }

    /** 4,000 characters (the XSD's Description) of Norwegian and Chinese, none of it ASCII-only. */
    private static String longestDescription() {
        String line = "Årsmøte på Ærøy – 年度会议, økonomi og ærlighet. ";
        StringBuilder text = new StringBuilder();
        while (text.length() < 4000) {
            text.append(line);
        }
        return text.substring(0, 4000);
    }

    private static Contact contactWithPersons(String name, int count, boolean withEmail) throws Exception {
        CreateContact request = new CreateContact();
        request.setName(name);
        String tag = Long.toString(System.nanoTime(), 36);
        for (int i = 1; i <= count; i++) {
            NewPerson person = new NewPerson();
            person.setFullName("Ærlige Østmo-Åsheim nr. " + i + " hos " + name);
            if (withEmail) {
                person.setEmail("person" + i + "." + tag + "@kunde.example");
            }
            request.getPerson().add(person);
        }
        return directory.admin().createContact(request).getContact();
    }

    private static ParticipantRef[] persons(Contact contact) {
        return contact.getPerson().stream().map(p -> person(p.getPersonId())).toArray(ParticipantRef[]::new);
    }

    private static InvitationOptions confirmation() {
        InvitationOptions options = new InvitationOptions();
        options.setSendConfirmation(true);
        return options;
    }

    private static List<ConfirmationMessage> messages(long appointmentId) throws Exception {
        GetConfirmationMessages request = new GetConfirmationMessages();
        request.setAppointmentId(appointmentId);
        return alice.getConfirmationMessages(request).getMessage();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString().replaceAll(".*<|>.*", "");
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
