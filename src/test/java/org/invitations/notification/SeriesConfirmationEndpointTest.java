package org.invitations.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.invitations.support.Requests.cancel;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.move;
import static org.invitations.support.Requests.person;
import static org.invitations.support.Requests.update;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.invitations.ws.generated.Frequency;
import org.invitations.ws.generated.GetConfirmationMessages;
import org.invitations.ws.generated.InvitationOptions;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.ListContacts;
import org.invitations.ws.generated.NotifyOptions;
import org.invitations.ws.generated.Occurrence;
import org.invitations.ws.generated.Person;
import org.invitations.ws.generated.Recurrence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confirmations of a series through the real service: one REQUEST per person for the whole series, which
 * ical4j expands to exactly the occurrences the create answered; the CANCEL of one occurrence; the series
 * again with a moved occurrence as an override; the series' CANCEL; one SMS per person for a series; and
 * what reaches a real SMTP server (GreenMail) and an SMS gateway (WireMock).
 */
class SeriesConfirmationEndpointTest {

    /** Monday 15 March 2027, 09:00 in Oslo (winter time): two weeks before the change to summer time. */
    private static final OffsetDateTime MONDAY_NINE_OSLO = OffsetDateTime.parse("2027-03-15T08:00:00Z");

    @TempDir
    static Path data;
    static GreenMail smtp;
    static WireMockServer gateway;
    static InvitationsServer server;
    static InvitationsPortType alice;
    static Person ola;
    static Person kari;

    @BeforeAll
    static void start(TestInfo test) throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        gateway = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        gateway.start();
        NotificationSettings settings = NotificationSettings.DEFAULT
                .withMail("meetings@example.com", "invitations.example.com")
                .withSmtp(SmtpRelay.Settings.relay("127.0.0.1", smtp.getSmtp().getPort())
                        .withStartTls(SmtpRelay.StartTls.OFF))
                .withSms(SmsGateway.Settings.post(URI.create(gateway.baseUrl() + "/sms"), "application/json",
                        "{\"to\":\"${to}\",\"text\":\"${text}\"}"))
                .withDelivery(new NotificationSettings.Delivery(Duration.ofMillis(20), Duration.ofMillis(20),
                        Duration.ofMillis(200), Duration.ofMinutes(10), Duration.ofSeconds(5), 4));
        server = InvitationsServer.start(TestServer.configFor(test.getTestClass().orElseThrow(), data).toBuilder()
                .notifications(settings).build());
        Directory directory = new Directory(server.address());
        alice = directory.alice();
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
    void answerSms() {
        gateway.resetAll();
        gateway.stubFor(post(urlPathEqualTo("/sms")).willReturn(aResponse().withStatus(202)));
    }

    /** A weekly series of 10 at 09:00 Oslo time from {@code start}, with Ola (an address) and Kari (none). */
    private static CreateInvitation weeklyOsloSeries(String title, OffsetDateTime start, boolean confirmation,
                                                     boolean sms) {
        CreateInvitation request = meeting(title, start, person(ola.getPersonId()), person(kari.getPersonId()));
        request.setTimeZone("Europe/Oslo");
        Recurrence recurrence = new Recurrence();
        recurrence.setFrequency(Frequency.WEEKLY);
        recurrence.setCount(10);
        request.setRecurrence(recurrence);
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

    private static String ics(ConfirmationMessage message) throws Exception {
        return MimeParts.text(MimeParts.only(MimeParts.parse(message.getMime()), "text/calendar"));
    }

    private static List<Instant> starts(List<Occurrence> occurrences) {
        return occurrences.stream().map(o -> o.getStart().toInstant()).toList();
    }

    private static List<String> methods(List<ConfirmationMessage> messages) {
        return messages.stream().map(m -> m.getMethod().name()).toList();
    }

    private static String value(VEvent event, String name) {
        return event.getProperty(name).map(Property::getValue).orElse(null);
    }

    @Test
    void aSeriesIsOneRequestPerPersonThatACalendarExpandsToTheOccurrencesTheCreateAnswered() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(weeklyOsloSeries("Team meeting", MONDAY_NINE_OSLO,
                true, false));

        assertEquals(1, created.getNotifications().getConfirmations(), "one REQUEST for the series, not ten");
        assertEquals(List.of("Kari Nordmann"), created.getNotifications().getSkipped().stream()
                .map(s -> s.getName()).toList());
        List<ConfirmationMessage> messages = messages(created.getAppointmentId());
        assertEquals(1, messages.size());
        ConfirmationMessage message = messages.get(0);
        assertEquals("ola@fjordline.example", message.getRecipient());
        assertEquals("REQUEST", message.getMethod().name());
        assertEquals(0, message.getSequence());

        String ics = ics(message);
        List<Instant> answered = starts(created.getOccurrence());
        assertEquals(10, answered.size());
        assertEquals(answered, Ical4jExpansion.instants(ics), ics);
        for (Instant start : answered) {
            Instant expected = start.isBefore(Instant.parse("2027-03-28T01:00:00Z"))
                    ? start.atZone(java.time.ZoneOffset.UTC).withHour(8).toInstant()
                    : start.atZone(java.time.ZoneOffset.UTC).withHour(7).toInstant();
            assertEquals(expected, start, "09:00 in Oslo, 08:00Z before 28 March and 07:00Z after");
        }
        VEvent master = MimeParts.calendar(ics).<VEvent>getComponents("VEVENT").get(0);
        assertAll(
                () -> assertEquals("appointment-" + created.getAppointmentId() + "@invitations.example.com",
                        value(master, "UID")),
                () -> assertTrue(ics.contains("\r\nDTSTART;TZID=Europe/Oslo:20270315T090000\r\n"), ics),
                () -> assertTrue(ics.contains("\r\nRRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO\r\n"), ics),
                () -> assertTrue(ics.contains("\r\nBEGIN:VTIMEZONE\r\n"), ics),
                () -> assertEquals(1, MimeParts.calendar(ics).getComponents("VEVENT").size(), ics));

        String messageId = MimeParts.parse(message.getMime()).getMessageID();
        Await.until(Duration.ofSeconds(30), () -> arrived(messageId) != null, () -> "the relay has not received it");
        MimeMessage arrived = arrived(messageId);
        assertEquals(answered, Ical4jExpansion.instants(MimeParts.text(MimeParts.only(arrived, "text/calendar"))));
    }

    @Test
    void aCancelledOccurrenceIsItsCancelAndAMovedOneSendsTheSeriesAgainWithItsOverride() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(weeklyOsloSeries("Board meeting",
                MONDAY_NINE_OSLO.plusHours(2), true, false));
        List<Occurrence> occurrences = created.getOccurrence();
        long seriesId = created.getAppointmentId();
        Occurrence third = occurrences.get(2);
        Occurrence fifth = occurrences.get(4);

        var cancelThird = cancel(third.getAppointmentId());
        cancelThird.setNotify(confirm());
        var cancelled = alice.cancelAppointment(cancelThird);
        assertEquals(1, cancelled.getNotifications().getConfirmations());

        List<ConfirmationMessage> afterCancel = messages(seriesId);
        assertEquals(List.of("REQUEST", "CANCEL"), methods(afterCancel));
        String cancel = ics(afterCancel.get(1));
        Calendar cancelCalendar = MimeParts.calendar(cancel);
        List<VEvent> cancelEvents = cancelCalendar.getComponents("VEVENT");
        assertEquals(1, cancelEvents.size(), cancel);
        assertAll(
                () -> assertEquals("CANCEL", cancelCalendar.getProperty("METHOD").map(Property::getValue).orElseThrow()),
                () -> assertEquals("appointment-" + seriesId + "@invitations.example.com",
                        value(cancelEvents.get(0), "UID")),
                () -> assertEquals(third.getRecurrenceId().toInstant(),
                        Ical4jExpansion.instant(cancelEvents.get(0), "RECURRENCE-ID")),
                () -> assertEquals(null, value(cancelEvents.get(0), "RRULE")),
                () -> assertEquals("ola@fjordline.example", afterCancel.get(1).getRecipient()));

        OffsetDateTime later = fifth.getStart().plusHours(3);
        var moveFifth = move(fifth.getAppointmentId(), later);
        moveFifth.setNotify(confirm());
        var moved = alice.moveAppointment(moveFifth);
        assertEquals(1, moved.getNotifications().getConfirmations());

        List<ConfirmationMessage> afterMove = messages(seriesId);
        assertEquals(List.of("REQUEST", "CANCEL", "REQUEST"), methods(afterMove));
        assertEquals(afterMove.stream().map(ConfirmationMessage::getMessageId).toList(),
                messages(fifth.getAppointmentId()).stream().map(ConfirmationMessage::getMessageId).toList(),
                "an occurrence's confirmations are its series'");
        String again = ics(afterMove.get(2));
        List<Instant> expected = new ArrayList<>(starts(occurrences));
        expected.set(4, later.toInstant());
        expected.remove(2);
        assertEquals(9, expected.size());
        assertEquals(expected, Ical4jExpansion.instants(again), again);
        List<VEvent> events = MimeParts.calendar(again).getComponents("VEVENT");
        VEvent override = events.stream().filter(e -> e.getProperty("RECURRENCE-ID").isPresent()).findFirst()
                .orElseThrow();
        assertAll(
                () -> assertEquals(2, events.size(), again),
                () -> assertTrue(again.contains("\r\nEXDATE;TZID=Europe/Oslo:20270329T110000\r\n"), again),
                () -> assertEquals(fifth.getRecurrenceId().toInstant(), Ical4jExpansion.instant(override, "RECURRENCE-ID")),
                () -> assertEquals("1", value(override, "SEQUENCE")),
                () -> assertEquals(1, afterMove.get(2).getSequence()));
    }

    @Test
    void splittingTheSeriesSendsTheOldSeriesShortenedAndTheNewOneSoNoWeekShowsTwice() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(weeklyOsloSeries("Planning",
                MONDAY_NINE_OSLO.plusHours(4), true, false));
        List<Occurrence> occurrences = created.getOccurrence();
        long seriesId = created.getAppointmentId();
        Occurrence seventh = occurrences.get(6);

        OffsetDateTime hourLater = seventh.getStart().plusHours(1);
        var split = move(seriesId, hourLater);
        split.setRecurrenceId(seventh.getRecurrenceId());
        split.setScope(org.invitations.ws.generated.Scope.FOLLOWING);
        split.setNotify(confirm());
        var moved = alice.moveAppointment(split);
        long newSeriesId = moved.getAppointment().getAppointmentId();

        assertTrue(newSeriesId != seriesId, "FOLLOWING answers with the new series");
        assertEquals(2, moved.getNotifications().getConfirmations(), "the new series' REQUEST and the old one's, to Ola");
        List<ConfirmationMessage> old = messages(seriesId);
        assertEquals(List.of("REQUEST", "REQUEST"), methods(old));
        String shortened = ics(old.get(1));
        assertEquals(starts(occurrences.subList(0, 6)), Ical4jExpansion.instants(shortened), shortened);
        List<ConfirmationMessage> next = messages(newSeriesId);
        assertEquals(List.of("REQUEST"), methods(next));
        String following = ics(next.get(0));
        List<Instant> expected = occurrences.subList(6, 10).stream()
                .map(o -> o.getStart().plusHours(1).toInstant()).toList();
        assertEquals(expected, Ical4jExpansion.instants(following), following);
        assertTrue(following.contains("UID:appointment-" + newSeriesId + "@invitations.example.com"), following);
    }

    @Test
    void anOccurrenceRetitledOnItsOwnIsAnOverrideWithItsTitleAtItsUsualTime() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(weeklyOsloSeries("Review",
                MONDAY_NINE_OSLO.plusHours(8), true, false));
        Occurrence second = created.getOccurrence().get(1);

        var retitle = update(second.getAppointmentId());
        retitle.setTitle("Review: budget");
        retitle.setUpdateAllRecords(true);
        retitle.setNotify(confirm());
        alice.updateAppointment(retitle);

        List<ConfirmationMessage> messages = messages(created.getAppointmentId());
        assertEquals(List.of("REQUEST", "REQUEST"), methods(messages));
        String ics = ics(messages.get(1));
        assertEquals(starts(created.getOccurrence()), Ical4jExpansion.instants(ics), ics);
        VEvent override = MimeParts.calendar(ics).<VEvent>getComponents("VEVENT").stream()
                .filter(e -> e.getProperty("RECURRENCE-ID").isPresent()).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals(second.getRecurrenceId().toInstant(), Ical4jExpansion.instant(override, "RECURRENCE-ID")),
                () -> assertEquals(second.getStart().toInstant(), Ical4jExpansion.instant(override, "DTSTART")),
                () -> assertEquals("Review: budget", value(override, "SUMMARY")),
                () -> assertEquals("Room Oslo", value(override, "LOCATION")));
    }

    @Test
    void aCancelledSeriesIsTheSeriesCancel() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(weeklyOsloSeries("Stand-up",
                MONDAY_NINE_OSLO.plusHours(4), true, false));

        var cancelSeries = cancel(created.getAppointmentId());
        cancelSeries.setNotify(confirm());
        alice.cancelAppointment(cancelSeries);

        List<ConfirmationMessage> messages = messages(created.getAppointmentId());
        assertEquals(List.of("REQUEST", "CANCEL"), methods(messages));
        String ics = ics(messages.get(1));
        List<VEvent> events = MimeParts.calendar(ics).getComponents("VEVENT");
        assertAll(
                () -> assertEquals(1, events.size(), ics),
                () -> assertTrue(ics.contains("\r\nMETHOD:CANCEL\r\n"), ics),
                () -> assertTrue(ics.contains("\r\nRRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO\r\n"), ics),
                () -> assertEquals(null, value(events.get(0), "RECURRENCE-ID")),
                () -> assertEquals("CANCELLED", value(events.get(0), "STATUS")));
    }

    @Test
    void aSeriesIsOneSmsPerPersonNamingItsFirstOccurrenceAndThatItRepeats() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(weeklyOsloSeries("Planning",
                MONDAY_NINE_OSLO.plusHours(6), false, true));

        assertEquals(2, created.getNotifications().getSms(), "one text per person for the series, not ten");
        Await.until(Duration.ofSeconds(30), () -> gateway.findAll(postRequestedFor(urlPathEqualTo("/sms"))).size() >= 2,
                () -> gateway.findAll(postRequestedFor(urlPathEqualTo("/sms"))).size() + " SMS posted");
        List<String> bodies = gateway.findAll(postRequestedFor(urlPathEqualTo("/sms"))).stream()
                .map(r -> r.getBodyAsString()).toList();
        assertEquals(2, bodies.size());
        for (String body : bodies) {
            assertTrue(body.contains("Meeting: Planning, Mon 15 Mar 2027 15:00-16:00 (Europe/Oslo),"
                    + " repeats weekly, 10 times, Room Oslo"), body);
        }
    }

    /** The message GreenMail received with this Message-ID, or null. */
    private static MimeMessage arrived(String messageId) throws Exception {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return messageId.equals(m.getMessageID());
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElse(null);
    }
}
