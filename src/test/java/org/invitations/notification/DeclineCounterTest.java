package org.invitations.notification;

import static org.invitations.notification.ConfirmationsTest.DOMAIN;
import static org.invitations.notification.ConfirmationsTest.alice;
import static org.invitations.notification.ConfirmationsTest.budgetMeeting;
import static org.invitations.notification.ConfirmationsTest.confirmations;
import static org.invitations.notification.ConfirmationsTest.event;
import static org.invitations.notification.ConfirmationsTest.ola;
import static org.invitations.notification.ConfirmationsTest.value;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import org.junit.jupiter.api.Test;

/** The DECLINECOUNTER an external person gets when the organizer turns down the time it proposed (RFC 5546 §3.2.8). */
class DeclineCounterTest {

    static final Instant PROPOSED_START = Instant.parse("2031-03-04T13:00:00Z");
    static final Instant PROPOSED_END = Instant.parse("2031-03-04T14:30:00Z");

    /** The meeting as it stands, after one move: sequence 1. */
    static MeetingSnapshot standing() {
        MeetingSnapshot meeting = budgetMeeting();
        return new MeetingSnapshot(meeting.appointmentId(), 1, meeting.title(), meeting.description(),
                meeting.location(), meeting.start(), meeting.end(), meeting.organizer(), List.of());
    }

    @Test
    void declineCounterEchoesUidSequenceAndTimesWithTheProposerAsAttendee() throws Exception {
        Confirmation message = confirmations().declineCounter(standing(), null, ola(), PROPOSED_START, PROPOSED_END);

        MimeMessage mime = MimeParts.parse(message.mime());
        Calendar calendar = MimeParts.calendar(MimeParts.text(MimeParts.only(mime, "text/calendar")));
        VEvent event = event(calendar);
        List<Attendee> attendees = event.getProperties("ATTENDEE");
        assertAll(
                () -> assertEquals("DECLINECOUNTER", value(calendar, "METHOD")),
                () -> assertEquals("appointment-42@" + DOMAIN, value(event, "UID")),
                () -> assertEquals("1", value(event, "SEQUENCE")),
                () -> assertEquals("20310303T090000Z", value(event, "DTSTART")),
                () -> assertEquals("20310303T103000Z", value(event, "DTEND")),
                () -> assertEquals("mailto:" + alice().email(), value(event, "ORGANIZER")),
                () -> assertEquals(1, attendees.size(), "the proposer alone"),
                () -> assertEquals("mailto:" + ola().email(), attendees.get(0).getValue()),
                () -> assertNull(value(event, "RECURRENCE-ID")),
                () -> assertTrue(value(event, "COMMENT").contains("13:00-14:30"), value(event, "COMMENT")),
                () -> assertTrue(mime.getContentType().startsWith("multipart/mixed")),
                () -> assertTrue(MimeParts.only(mime, "text/calendar").getContentType().contains("method=DECLINECOUNTER")),
                () -> assertEquals(ola().email(), mime.getRecipients(RecipientType.TO)[0].toString()
                        .replaceAll(".*<(.*)>", "$1")),
                () -> assertEquals("Proposal declined: Møte om årsbudsjett", mime.getSubject()));
    }

    @Test
    void declineCounterForAnOccurrenceNamesItsRecurrenceId() throws Exception {
        Instant recurrenceId = Instant.parse("2031-03-03T09:00:00Z");

        Confirmation message = confirmations().declineCounter(standing(), recurrenceId, ola(), PROPOSED_START,
                PROPOSED_END);

        VEvent event = event(MimeParts.calendar(MimeParts.text(MimeParts.only(MimeParts.parse(message.mime()),
                "text/calendar"))));
        assertEquals("20310303T090000Z", value(event, "RECURRENCE-ID"));
    }

    @Test
    void readablePartSaysWhatWasProposedAndWhereTheMeetingStays() throws Exception {
        Confirmation message = confirmations().declineCounter(standing(), null, ola(), PROPOSED_START, PROPOSED_END);

        String text = MimeParts.text(MimeParts.only(MimeParts.parse(message.mime()), "text/plain"));
        assertTrue(text.contains("Alice Andersen has declined the time you proposed"), text);
        assertTrue(text.contains("Proposed:  Tue 4 Mar 2031 13:00-14:30 UTC"), text);
        assertTrue(text.contains("Stays at:  Mon 3 Mar 2031 09:00-10:30 UTC"), text);
    }

    @Test
    void aMeetingCalendarIsNeverADeclineCounter() {
        assertThrows(IllegalArgumentException.class,
                () -> confirmations().calendar(standing(), Method.DECLINECOUNTER));
    }

    @Test
    void aProposerWithoutAnAddressGetsNoDeclineCounter() {
        assertThrows(IllegalArgumentException.class, () -> confirmations().declineCounter(standing(), null,
                ConfirmationsTest.kari(), PROPOSED_START, PROPOSED_END));
    }
}
