package org.invitations.notification;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Organizer;
import org.junit.jupiter.api.Test;

class ConfirmationsTest {

    static final Instant NOW = Instant.parse("2031-02-01T12:00:00Z");
    static final String DOMAIN = "invitations.example.com";

    static Party service() {
        return new Party("Invitations", "no-reply@invitations.example.com");
    }

    static Party alice() {
        return new Party("Alice Andersen", "alice@example.com");
    }

    static Party ase() {
        return new Party("Åse Ødegård", "ase@fjordline.example");
    }

    static Party ola() {
        return new Party("Ola Nordmann", "ola@fjordline.example");
    }

    /** A person with a mobile number only, as in the demo directory. */
    static Party kari() {
        return Party.named("Kari Nordmann");
    }

    static MeetingSnapshot budgetMeeting() {
        return new MeetingSnapshot(42, 0, "Møte om årsbudsjett", "Agenda: tall, mål; frister\nTa med forslag",
                "Room Oslo", Instant.parse("2031-03-03T09:00:00Z"), Instant.parse("2031-03-03T10:30:00Z"),
                alice(), List.of(ase(), ola(), kari()));
    }

    static MeetingSnapshot movedBy(MeetingSnapshot meeting, Duration shift) {
        return new MeetingSnapshot(meeting.appointmentId(), meeting.sequence() + 1, meeting.title(),
                meeting.description(), meeting.location(), meeting.start().plus(shift), meeting.end().plus(shift),
                meeting.organizer(), meeting.attendees(), meeting.timeZone());
    }

    static Confirmations confirmations() {
        return new Confirmations(service(), DOMAIN, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static VEvent event(Calendar calendar) {
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertEquals(1, events.size(), "one VEVENT");
        return events.get(0);
    }

    static String value(Calendar calendar, String property) {
        return calendar.getProperty(property).map(Property::getValue).orElse(null);
    }

    static String value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElse(null);
    }

    static String param(Property property, String name) {
        Optional<Parameter> parameter = property.getParameter(name);
        return parameter.map(Parameter::getValue).orElse(null);
    }

    @Test
    void requestCalendarCarriesMethodUidSequenceAndUtcTimes() throws Exception {
        Calendar calendar = MimeParts.calendar(confirmations().calendar(budgetMeeting(), Method.REQUEST));
        VEvent event = event(calendar);

        assertAll(
                () -> assertEquals("REQUEST", value(calendar, "METHOD")),
                () -> assertEquals("2.0", value(calendar, "VERSION")),
                () -> assertEquals(Confirmations.PRODUCT_ID, value(calendar, "PRODID")),
                () -> assertEquals("appointment-42@" + DOMAIN, value(event, "UID")),
                () -> assertEquals("0", value(event, "SEQUENCE")),
                () -> assertEquals("20310201T120000Z", value(event, "DTSTAMP")),
                () -> assertEquals("20310303T090000Z", value(event, "DTSTART")),
                () -> assertEquals("20310303T103000Z", value(event, "DTEND")),
                () -> assertEquals("Møte om årsbudsjett", value(event, "SUMMARY")),
                () -> assertEquals("Agenda: tall, mål; frister\nTa med forslag", value(event, "DESCRIPTION")),
                () -> assertEquals("Room Oslo", value(event, "LOCATION")),
                () -> assertEquals("CONFIRMED", value(event, "STATUS")));
    }

    @Test
    void timesAreWrittenInUtcWithTheZSuffixWithoutTimeZoneComponent() {
        String ics = confirmations().calendar(budgetMeeting(), Method.REQUEST);

        assertTrue(ics.contains("\r\nDTSTART:20310303T090000Z\r\n"), ics);
        assertTrue(ics.contains("\r\nDTEND:20310303T103000Z\r\n"), ics);
        assertFalse(ics.contains("VTIMEZONE"), ics);
        assertFalse(ics.contains("TZID"), ics);
    }

    @Test
    void organizerIsAMailtoWithItsName() throws Exception {
        VEvent event = event(MimeParts.calendar(confirmations().calendar(budgetMeeting(), Method.REQUEST)));

        Organizer organizer = event.<Organizer>getProperty("ORGANIZER").orElseThrow();
        assertEquals("mailto:alice@example.com", organizer.getValue());
        assertEquals("Alice Andersen", param(organizer, "CN"));
    }

    @Test
    void everyAttendeeWithAnAddressIsARequiredParticipantAskedToAnswer() throws Exception {
        VEvent event = event(MimeParts.calendar(confirmations().calendar(budgetMeeting(), Method.REQUEST)));

        List<Attendee> attendees = event.getProperties("ATTENDEE");
        assertEquals(List.of("mailto:ase@fjordline.example", "mailto:ola@fjordline.example"),
                attendees.stream().map(Property::getValue).toList());
        assertEquals(List.of("Åse Ødegård", "Ola Nordmann"), attendees.stream().map(a -> param(a, "CN")).toList());
        for (Attendee attendee : attendees) {
            assertAll(attendee.getValue(),
                    () -> assertEquals("REQ-PARTICIPANT", param(attendee, "ROLE")),
                    () -> assertEquals("NEEDS-ACTION", param(attendee, "PARTSTAT")),
                    () -> assertEquals("TRUE", param(attendee, "RSVP")));
        }
    }

    @Test
    void uidStaysWhenTheMeetingMovesAndSequenceFollowsTheAppointment() throws Exception {
        Confirmations confirmations = confirmations();
        MeetingSnapshot meeting = budgetMeeting();
        MeetingSnapshot moved = movedBy(meeting, Duration.ofDays(1).plusHours(2));

        VEvent first = event(MimeParts.calendar(confirmations.calendar(meeting, Method.REQUEST)));
        VEvent second = event(MimeParts.calendar(confirmations.calendar(moved, Method.REQUEST)));

        assertEquals(value(first, "UID"), value(second, "UID"));
        assertEquals("1", value(second, "SEQUENCE"));
        assertEquals("20310304T110000Z", value(second, "DTSTART"));
        assertEquals("20310304T123000Z", value(second, "DTEND"));
    }

    @Test
    void anotherAppointmentHasAnotherUid() throws Exception {
        MeetingSnapshot meeting = budgetMeeting();
        MeetingSnapshot other = new MeetingSnapshot(43, 0, meeting.title(), null, null, meeting.start(),
                meeting.end(), meeting.organizer(), meeting.attendees());

        assertEquals("appointment-43@" + DOMAIN,
                value(event(MimeParts.calendar(confirmations().calendar(other, Method.REQUEST))), "UID"));
    }

    @Test
    void cancelHasMethodCancelAndStatusCancelledWithTheSameUid() throws Exception {
        MeetingSnapshot moved = movedBy(budgetMeeting(), Duration.ofHours(1));
        Calendar calendar = MimeParts.calendar(confirmations().calendar(moved, Method.CANCEL));
        VEvent event = event(calendar);

        assertAll(
                () -> assertEquals("CANCEL", value(calendar, "METHOD")),
                () -> assertEquals("CANCELLED", value(event, "STATUS")),
                () -> assertEquals("appointment-42@" + DOMAIN, value(event, "UID")),
                () -> assertEquals("1", value(event, "SEQUENCE")),
                () -> assertEquals(2, event.getProperties("ATTENDEE").size()));
    }

    @Test
    void aMeetingWithoutDescriptionOrLocationLeavesThoseLinesOut() throws Exception {
        MeetingSnapshot meeting = budgetMeeting();
        MeetingSnapshot bare = new MeetingSnapshot(7, 0, "Kort prat", " ", null, meeting.start(), meeting.end(),
                meeting.organizer(), List.of(ola()));
        String ics = confirmations().calendar(bare, Method.REQUEST);
        VEvent event = event(MimeParts.calendar(ics));

        assertNull(value(event, "DESCRIPTION"));
        assertNull(value(event, "LOCATION"));
        assertFalse(ics.contains("DESCRIPTION"), ics);
        assertFalse(ics.contains("LOCATION"), ics);
    }

    @Test
    void anOrganizerWithoutAddressIsNamedAtTheSendersAddress() throws Exception {
        MeetingSnapshot meeting = budgetMeeting();
        MeetingSnapshot byCarol = new MeetingSnapshot(42, 0, meeting.title(), null, null, meeting.start(),
                meeting.end(), Party.named("Carol Carlsen"), List.of(ola()));
        Confirmation confirmation = confirmations().message(byCarol, Method.REQUEST, ola());

        Organizer organizer = event(MimeParts.calendar(confirmations().calendar(byCarol, Method.REQUEST)))
                .<Organizer>getProperty("ORGANIZER").orElseThrow();
        assertEquals("mailto:no-reply@invitations.example.com", organizer.getValue());
        assertEquals("Carol Carlsen", param(organizer, "CN"));
        assertNull(MimeParts.parse(confirmation.mime()).getHeader("Reply-To"), "no one to reply to");
    }

    @Test
    void organizerNamesNoSenderOnItsBehalf() throws Exception {
        Organizer organizer = event(MimeParts.calendar(confirmations().calendar(budgetMeeting(), Method.REQUEST)))
                .<Organizer>getProperty("ORGANIZER").orElseThrow();

        assertNull(param(organizer, "SENT-BY"), "calendar programs answer the ORGANIZER; SENT-BY does not redirect");
    }

    @Test
    void aConfiguredReplyAddressIsTheReplyToWhateverTheOrganizer() throws Exception {
        Confirmations withReplies = new Confirmations(service(), DOMAIN, Clock.fixed(NOW, ZoneOffset.UTC),
                "replies@invitations.example.com");
        MeetingSnapshot meeting = budgetMeeting();
        MeetingSnapshot byCarol = new MeetingSnapshot(42, 0, meeting.title(), null, null, meeting.start(),
                meeting.end(), Party.named("Carol Carlsen"), List.of(ola()));

        for (MeetingSnapshot m : List.of(meeting, byCarol)) {
            MimeMessage message = MimeParts.parse(withReplies.message(m, Method.REQUEST, ola()).mime());
            assertEquals(1, message.getReplyTo().length);
            assertEquals("replies@invitations.example.com", ((InternetAddress) message.getReplyTo()[0]).getAddress());
        }
        Organizer organizer = event(MimeParts.calendar(withReplies.calendar(meeting, Method.REQUEST)))
                .<Organizer>getProperty("ORGANIZER").orElseThrow();
        assertEquals("mailto:alice@example.com", organizer.getValue(), "the owner stays the organizer");
    }

    @Test
    void aReplyAddressThatIsNoAddressIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Confirmations(service(), DOMAIN,
                Clock.fixed(NOW, ZoneOffset.UTC), "no address"));
    }

    @Test
    void messageIsAddressedFromTheServiceToTheRecipientWithReplyToTheOrganizer() throws Exception {
        Confirmation confirmation = confirmations().message(budgetMeeting(), Method.REQUEST, ase());
        MimeMessage message = MimeParts.parse(confirmation.mime());

        InternetAddress from = (InternetAddress) message.getFrom()[0];
        InternetAddress to = (InternetAddress) message.getRecipients(RecipientType.TO)[0];
        InternetAddress replyTo = (InternetAddress) message.getReplyTo()[0];
        assertAll(
                () -> assertEquals(1, message.getFrom().length),
                () -> assertEquals("no-reply@invitations.example.com", from.getAddress()),
                () -> assertEquals("Invitations", from.getPersonal()),
                () -> assertEquals(1, message.getAllRecipients().length),
                () -> assertEquals("ase@fjordline.example", to.getAddress()),
                () -> assertEquals("Åse Ødegård", to.getPersonal()),
                () -> assertEquals("alice@example.com", replyTo.getAddress()),
                () -> assertEquals("Invitation: Møte om årsbudsjett", message.getSubject()),
                () -> assertEquals(NOW, message.getSentDate().toInstant()),
                () -> assertEquals(confirmation.messageId(), message.getMessageID()),
                () -> assertTrue(confirmation.messageId().matches("<[0-9a-f-]{36}@" + DOMAIN + ">"),
                        confirmation.messageId()),
                () -> assertEquals("auto-generated", message.getHeader("Auto-Submitted", null)),
                () -> assertEquals(ase(), confirmation.recipient()));
    }

    @Test
    void messageIsMixedWithTextAndCalendarAsAlternativesAndTheInviteAttached() throws Exception {
        MimeMessage message = MimeParts.parse(confirmations().message(budgetMeeting(), Method.REQUEST, ola()).mime());

        List<Part> leaves = MimeParts.leaves(message);
        assertTrue(message.isMimeType("multipart/mixed"), message.getContentType());
        assertEquals(3, leaves.size());
        assertTrue(leaves.get(0).isMimeType("text/plain"), leaves.get(0).getContentType());
        assertTrue(leaves.get(1).isMimeType("text/calendar"), leaves.get(1).getContentType());
        assertTrue(leaves.get(2).isMimeType("application/ics"), leaves.get(2).getContentType());

        ContentType calendarType = new ContentType(leaves.get(1).getContentType());
        assertEquals("REQUEST", calendarType.getParameter("method"));
        assertEquals("UTF-8", calendarType.getParameter("charset"));
        assertEquals(Part.ATTACHMENT, leaves.get(2).getDisposition());
        assertEquals("invite.ics", leaves.get(2).getFileName());
        assertEquals(MimeParts.text(leaves.get(1)),
                new String(leaves.get(2).getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void calendarInTheMessageParsesAndNamesTheMeeting() throws Exception {
        MimeMessage message = MimeParts.parse(confirmations().message(budgetMeeting(), Method.REQUEST, ase()).mime());

        Calendar calendar = MimeParts.calendar(MimeParts.text(MimeParts.only(message, "text/calendar")));
        VEvent event = event(calendar);
        assertEquals("REQUEST", value(calendar, "METHOD"));
        assertEquals("Møte om årsbudsjett", value(event, "SUMMARY"));
        assertEquals("Åse Ødegård", param(event.getProperties("ATTENDEE").get(0), "CN"));
    }

    @Test
    void textPartReadsWhatWhenWhereAndWho() throws Exception {
        MimeMessage message = MimeParts.parse(confirmations().message(budgetMeeting(), Method.REQUEST, ase()).mime());

        String text = MimeParts.text(MimeParts.only(message, "text/plain"));
        assertAll(text,
                () -> assertTrue(text.startsWith("Alice Andersen has booked you for this meeting.")),
                () -> assertTrue(text.contains("\r\nMøte om årsbudsjett\r\n")),
                () -> assertTrue(text.contains("When:      Mon 3 Mar 2031 09:00-10:30 UTC")),
                () -> assertTrue(text.contains("Where:     Room Oslo")),
                () -> assertTrue(text.contains("Organizer: Alice Andersen <alice@example.com>")),
                () -> assertTrue(text.contains("Attendees: Åse Ødegård, Ola Nordmann, Kari Nordmann")),
                () -> assertTrue(text.contains("Agenda: tall, mål; frister\r\nTa med forslag")),
                () -> assertTrue(text.contains("invite.ics")));
    }

    /** The board meeting of Monday 29 March 2027, 09:00-10:00 in Oslo (summer time since the day before). */
    static MeetingSnapshot boardMeetingInOslo() {
        return new MeetingSnapshot(43, 0, "Styremøte", null, "Room Oslo", Instant.parse("2027-03-29T07:00:00Z"),
                Instant.parse("2027-03-29T08:00:00Z"), alice(), List.of(ase(), ola()),
                java.time.ZoneId.of("Europe/Oslo"));
    }

    @Test
    void textPartShowsLocalTimesInTheMeetingsZoneAndTheCalendarStaysInUtc() throws Exception {
        MimeMessage message = MimeParts.parse(confirmations().message(boardMeetingInOslo(), Method.REQUEST, ase())
                .mime());

        String text = MimeParts.text(MimeParts.only(message, "text/plain"));
        assertTrue(text.contains("\r\nWhen:      Mon 29 Mar 2027 09:00-10:00 (Europe/Oslo)\r\n"), text);
        VEvent event = event(MimeParts.calendar(MimeParts.text(MimeParts.only(message, "text/calendar"))));
        assertEquals("20270329T070000Z", value(event, "DTSTART"), "a single meeting's calendar part is UTC");
        assertEquals("20270329T080000Z", value(event, "DTEND"));
        assertNull(param(event.getProperty("DTSTART").orElseThrow(), "TZID"), "no TZID");
    }

    @Test
    void aCancellationInOsloShowsOsloTimeToo() throws Exception {
        MimeMessage message = MimeParts.parse(confirmations().message(movedBy(boardMeetingInOslo(),
                Duration.ofDays(-7)), Method.CANCEL, ola()).mime());

        String text = MimeParts.text(MimeParts.only(message, "text/plain"));
        assertTrue(text.startsWith("This meeting has been cancelled."), text);
        assertTrue(text.contains("When:      Mon 22 Mar 2027 08:00-09:00 (Europe/Oslo)"),
                "the same UTC time a week earlier is an hour earlier in Oslo, in winter time: " + text);
    }

    @Test
    void cancellationSaysSoInSubjectTextAndCalendar() throws Exception {
        MimeMessage message = MimeParts.parse(confirmations().message(budgetMeeting(), Method.CANCEL, ola()).mime());

        assertEquals("Cancelled: Møte om årsbudsjett", message.getSubject());
        assertTrue(MimeParts.text(MimeParts.only(message, "text/plain")).startsWith("This meeting has been cancelled."));
        assertEquals("CANCEL", new ContentType(MimeParts.only(message, "text/calendar").getContentType())
                .getParameter("method"));
        Calendar calendar = MimeParts.calendar(MimeParts.text(MimeParts.only(message, "text/calendar")));
        assertEquals("CANCEL", value(calendar, "METHOD"));
        assertEquals("CANCELLED", value(event(calendar), "STATUS"));
    }

    @Test
    void nonAsciiTitleAndNamesAreEncodedSoTheMessageIsSevenBitAscii() throws Exception {
        String mime = confirmations().message(budgetMeeting(), Method.REQUEST, ase()).mime();

        assertTrue(mime.chars().allMatch(c -> c < 128), "only ASCII on the wire");
        assertTrue(mime.lines().allMatch(line -> line.length() <= 998), "no line over RFC 5322's limit");
        assertFalse(mime.contains("Møte"), "the title appears only encoded");
        assertTrue(mime.contains("\r\nSubject: =?UTF-8?"), "the subject is an RFC 2047 encoded word");
    }

    @Test
    void aTitleWithLineBreaksMakesOneSubjectLine() throws Exception {
        MeetingSnapshot meeting = budgetMeeting();
        MeetingSnapshot sneaky = new MeetingSnapshot(42, 0, "Budget\r\nBcc: everyone@example.com", null, null,
                meeting.start(), meeting.end(), meeting.organizer(), List.of(ola()));
        MimeMessage message = MimeParts.parse(confirmations().message(sneaky, Method.REQUEST, ola()).mime());

        assertEquals("Invitation: Budget Bcc: everyone@example.com", message.getSubject());
        assertNull(message.getRecipients(RecipientType.BCC));
        assertEquals(1, message.getAllRecipients().length);
    }

    @Test
    void batchWritesToThoseWithAnAddressAndNamesThoseSkipped() throws Exception {
        MeetingSnapshot meeting = budgetMeeting();
        Party typo = new Party("Per Hansen", "per.hansen(at)fjordline");
        ConfirmationBatch batch = confirmations().messages(meeting, Method.REQUEST,
                List.of(ase(), kari(), ola(), typo));

        assertEquals(List.of(ase(), ola()), batch.messages().stream().map(Confirmation::recipient).toList());
        assertEquals(List.of("Kari Nordmann", "Per Hansen"), batch.skippedNames());
        for (Confirmation confirmation : batch.messages()) {
            MimeMessage message = MimeParts.parse(confirmation.mime());
            assertEquals(confirmation.recipient().email(),
                    ((InternetAddress) message.getRecipients(RecipientType.TO)[0]).getAddress());
        }
        assertEquals(2, batch.messages().stream().map(Confirmation::messageId).distinct().count(),
                "each message has its own Message-ID");
    }

    @Test
    void batchOfTheMeetingsAttendeesSkipsThoseWithoutAddress() {
        ConfirmationBatch batch = confirmations().messages(budgetMeeting(), Method.CANCEL);

        assertEquals(2, batch.messages().size());
        assertEquals(List.of("Kari Nordmann"), batch.skippedNames());
    }

    @Test
    void aSingleMessageToSomeoneWithoutAddressIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> confirmations().message(budgetMeeting(), Method.REQUEST, kari()));
    }

    @Test
    void senderAndUidDomainAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Confirmations(Party.named("Invitations"), DOMAIN));
        assertThrows(IllegalArgumentException.class, () -> new Confirmations(service(), "bad domain"));
        assertThrows(IllegalArgumentException.class, () -> new Confirmations(service(), "a@b"));
    }

    @Test
    void calendarPassesIcal4jsOwnITipValidation() throws Exception {
        for (Method method : List.of(Method.REQUEST, Method.CANCEL)) {
            Calendar calendar = MimeParts.calendar(confirmations().calendar(budgetMeeting(), method));
            var result = calendar.validate();
            assertFalse(result.hasErrors(), method + ": " + result);
        }
    }
}
