package org.invitations.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmsTextTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    static MeetingSnapshot meeting(String title, String location, String start, String end) {
        return new MeetingSnapshot(42, 0, title, null, location, Instant.parse(start), Instant.parse(end),
                ConfirmationsTest.alice(), List.of(ConfirmationsTest.ola()));
    }

    @Test
    void meetingTextNamesTitleTimeInUtcAndLocation() {
        assertEquals("Meeting: Møte om årsbudsjett, Mon 3 Mar 2031 09:00-10:30 UTC, Room Oslo",
                SmsText.of(ConfirmationsTest.budgetMeeting(), Method.REQUEST));
    }

    static MeetingSnapshot inOslo(String title, String location, String start, String end) {
        return new MeetingSnapshot(42, 0, title, null, location, Instant.parse(start), Instant.parse(end),
                ConfirmationsTest.alice(), List.of(ConfirmationsTest.ola()), OSLO);
    }

    @Test
    void aMeetingWrittenInOsloIsTextedInOsloTimeNamingTheZone() {
        assertEquals("Meeting: Styremøte, Mon 29 Mar 2027 09:00-10:00 (Europe/Oslo), Room Oslo",
                SmsText.of(inOslo("Styremøte", "Room Oslo", "2027-03-29T07:00:00Z", "2027-03-29T08:00:00Z"),
                        Method.REQUEST));
        assertEquals("Cancelled: Styremøte, Mon 22 Mar 2027 09:00-10:00 (Europe/Oslo)",
                SmsText.of(inOslo("Styremøte", "Room Oslo", "2027-03-22T08:00:00Z", "2027-03-22T09:00:00Z"),
                        Method.CANCEL), "the week before, in winter time");
    }

    @Test
    void inAnotherZoneTheTextNamesThatZone() {
        assertEquals("Meeting: Møte om årsbudsjett, Mon 3 Mar 2031 10:00-11:30 (Europe/Oslo), Room Oslo",
                SmsText.of(ConfirmationsTest.budgetMeeting(), Method.REQUEST, OSLO));
        assertEquals("Meeting: Sommerfest, Fri 20 Jun 2031 18:00-23:00 (Europe/Oslo), Bryggen",
                SmsText.of(meeting("Sommerfest", "Bryggen", "2031-06-20T16:00:00Z", "2031-06-20T21:00:00Z"),
                        Method.REQUEST, OSLO));
    }

    @Test
    void aLongTitleInOsloIsShortenedAndTheLocalTimeStays() {
        String title = "Gjennomgang av årsbudsjett, investeringsplan og likviditet ".repeat(4);
        String text = SmsText.of(inOslo(title, null, "2027-03-29T07:00:00Z", "2027-03-29T08:00:00Z"), Method.REQUEST);

        assertEquals(SmsText.MAX_LENGTH, text.length(), text);
        assertTrue(text.endsWith("..., Mon 29 Mar 2027 09:00-10:00 (Europe/Oslo)"), text);
    }

    @Test
    void aMeetingOverMidnightShowsBothDays() {
        assertEquals("Meeting: Nattevakt, Mon 3 Mar 2031 22:00 - Tue 4 Mar 2031 06:00 UTC",
                SmsText.of(meeting("Nattevakt", null, "2031-03-03T22:00:00Z", "2031-03-04T06:00:00Z"), Method.REQUEST));
    }

    @Test
    void cancellationSaysSoWithoutTheLocation() {
        assertEquals("Cancelled: Møte om årsbudsjett, Mon 3 Mar 2031 09:00-10:30 UTC",
                SmsText.of(ConfirmationsTest.budgetMeeting(), Method.CANCEL));
    }

    @Test
    void aLongLocationIsShortenedBeforeTheTitle() {
        String location = "Fjordline Shipping AS, Strandkaien 12, 4005 Stavanger, 3. etasje, møterom Havørn ved resepsjonen, inngang fra bakgården";
        String text = SmsText.of(meeting("Styremøte", location, "2031-03-03T09:00:00Z", "2031-03-03T10:00:00Z"),
                Method.REQUEST);

        assertEquals(SmsText.MAX_LENGTH, text.length(), text);
        assertTrue(text.startsWith("Meeting: Styremøte, Mon 3 Mar 2031 09:00-10:00 UTC, Fjordline Shipping AS"), text);
        assertTrue(text.endsWith("..."), text);
    }

    @Test
    void aLongTitleIsShortenedAndTheTimeAlwaysStays() {
        String title = "Gjennomgang av årsbudsjett, investeringsplan og likviditet ".repeat(4);
        String text = SmsText.of(meeting(title, "Room Oslo", "2031-03-03T09:00:00Z", "2031-03-03T10:00:00Z"),
                Method.REQUEST);

        assertTrue(text.length() <= SmsText.MAX_LENGTH, text.length() + ": " + text);
        assertTrue(text.startsWith("Meeting: Gjennomgang av årsbudsjett"), text);
        assertTrue(text.endsWith("..., Mon 3 Mar 2031 09:00-10:00 UTC"), text);
    }

    @Test
    void lineBreaksInTheTitleBecomeSpaces() {
        assertEquals("Meeting: Budsjett 2031, Mon 3 Mar 2031 09:00-10:00 UTC",
                SmsText.of(meeting("Budsjett\r\n2031", null, "2031-03-03T09:00:00Z", "2031-03-03T10:00:00Z"),
                        Method.REQUEST));
    }

    static MeetingSnapshot osloSeries(String title, String location, String rrule) {
        return inOslo(title, location, "2027-03-15T08:00:00Z", "2027-03-15T09:00:00Z")
                .asSeries(OSLO, SeriesSnapshot.of(rrule));
    }

    @Test
    void aSeriesIsOneTextNamingItsFirstOccurrenceAndHowItRepeats() {
        assertEquals("Meeting: Team meeting, Mon 15 Mar 2027 09:00-10:00 (Europe/Oslo), repeats weekly, 10 times,"
                        + " Room Oslo",
                SmsText.of(osloSeries("Team meeting", "Room Oslo", "FREQ=WEEKLY;COUNT=10;BYDAY=MO"), Method.REQUEST));
        assertEquals("Cancelled: Team meeting, Mon 15 Mar 2027 09:00-10:00 (Europe/Oslo), repeats every 2 weeks"
                        + " until 17 May 2027",
                SmsText.of(osloSeries("Team meeting", "Room Oslo", "FREQ=WEEKLY;INTERVAL=2;UNTIL=20270517T070000Z"),
                        Method.CANCEL), "UNTIL in UTC is shown as the local date of the last start");
        assertEquals("Meeting: Stand-up, Mon 15 Mar 2027 09:00-10:00 (Europe/Oslo), repeats daily until 16 Mar 2027",
                SmsText.of(osloSeries("Stand-up", null, "FREQ=DAILY;UNTIL=20270315T230000Z"), Method.REQUEST),
                "23:00Z on the 15th is already the 16th in Oslo");
    }

    @Test
    void aSeriesWithALongTitleIsStillOneSmsAndKeepsHowItRepeats() {
        String title = "Gjennomgang av årsbudsjett, investeringsplan og likviditet ".repeat(4);
        String text = SmsText.of(osloSeries(title, "Møterom Nordkapp, 4. etasje, Fjordline Shipping AS, Bergen",
                "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;COUNT=8"), Method.REQUEST);

        assertEquals(SmsText.MAX_LENGTH, text.length(), text);
        assertTrue(text.endsWith("..., Mon 15 Mar 2027 09:00-10:00 (Europe/Oslo), repeats every 3 months, 8 times"),
                text);
    }
}
