package org.invitations.notification;

import static org.invitations.notification.SeriesSamples.NEW_YORK;
import static org.invitations.notification.SeriesSamples.OSLO;
import static org.invitations.notification.SeriesSamples.local;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.invitations.notification.SeriesSamples.Sample;
import org.invitations.notification.SeriesSnapshot.OccurrenceOverride;
import org.junit.jupiter.api.Test;

class SeriesConfirmationsTest {

    static String request(Sample sample) {
        return sample.ics();
    }

    static List<VEvent> events(Calendar calendar) {
        return calendar.getComponents("VEVENT");
    }

    static String value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElse(null);
    }

    @Test
    void weeklyOsloSeriesAcrossSummerTimeIsSeenByIcal4jAtTheServicesNineInstants() throws Exception {
        Sample sample = SeriesSamples.osloWeekly();

        assertEquals(sample.expected(), Ical4jExpansion.instants(request(sample)));
        assertEquals(SeriesSamples.instants(
                "2027-03-15T08:00:00Z", "2027-03-22T08:00:00Z", "2027-04-05T07:00:00Z", "2027-04-12T09:00:00Z",
                "2027-04-19T07:00:00Z", "2027-04-26T07:00:00Z", "2027-05-03T07:00:00Z", "2027-05-10T07:00:00Z",
                "2027-05-17T07:00:00Z"), sample.expected());
    }

    @Test
    void seriesIsOneEntryWithZonedTimesRuleExdateAndAnOverrideForTheMovedOccurrence() throws Exception {
        String ics = request(SeriesSamples.osloWeekly());
        List<VEvent> events = events(Ical4jExpansion.parse(ics));

        assertEquals(2, events.size(), ics);
        VEvent master = events.get(0);
        VEvent moved = events.get(1);
        assertAll(
                () -> assertTrue(ics.contains("\r\nMETHOD:REQUEST\r\n"), ics),
                () -> assertTrue(ics.contains("\r\nDTSTART;TZID=Europe/Oslo:20270315T090000\r\n"), ics),
                () -> assertTrue(ics.contains("\r\nDTEND;TZID=Europe/Oslo:20270315T100000\r\n"), ics),
                () -> assertTrue(ics.contains("\r\nRRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO\r\n"), ics),
                () -> assertTrue(ics.contains("\r\nEXDATE;TZID=Europe/Oslo:20270329T090000\r\n"), ics),
                () -> assertTrue(ics.contains("\r\nRECURRENCE-ID;TZID=Europe/Oslo:20270412T090000\r\n"), ics),
                () -> assertTrue(ics.contains("\r\nDTSTART;TZID=Europe/Oslo:20270412T110000\r\n"), ics),
                () -> assertTrue(ics.contains("\r\nDTEND;TZID=Europe/Oslo:20270412T120000\r\n"), ics),
                () -> assertEquals("appointment-700@invitations.example.com", value(master, "UID")),
                () -> assertEquals(value(master, "UID"), value(moved, "UID")),
                () -> assertEquals("0", value(master, "SEQUENCE")),
                () -> assertEquals("1", value(moved, "SEQUENCE")),
                () -> assertEquals(null, value(moved, "RRULE")),
                () -> assertEquals("Team meeting", value(moved, "SUMMARY")),
                () -> assertEquals("Room Oslo", value(moved, "LOCATION")),
                () -> assertEquals(2, moved.getProperties("ATTENDEE").size()));
    }

    @Test
    void timeZoneIsDefinedAsOutlookWritesItWithTwoYearlyRulesFromTheJdksZoneData() throws Exception {
        String ics = request(SeriesSamples.osloWeekly());
        List<VTimeZone> zones = Ical4jExpansion.parse(ics).getComponents("VTIMEZONE");

        assertEquals(1, zones.size(), ics);
        String zone = zones.get(0).toString();
        assertAll(
                () -> assertTrue(zone.contains("TZID:Europe/Oslo\r\n"), zone),
                () -> assertTrue(zone.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\n"
                        + "TZOFFSETTO:+0200\r\nTZNAME:CEST\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"), zone),
                () -> assertTrue(zone.contains("BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\n"
                        + "TZOFFSETTO:+0100\r\nTZNAME:CET\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"), zone),
                () -> assertFalse(zone.contains("TZURL"), "nothing to fetch from the network: " + zone),
                () -> assertEquals(2, zones.get(0).getObservances().size(), zone));
    }

    @Test
    void readerThatKnowsTheZoneOnlyFromTheVTimeZoneSeesTheSameInstants() throws Exception {
        Sample sample = SeriesSamples.osloWeekly();
        // As Outlook reads it: the TZID is only a name for the VTIMEZONE beside it.
        String renamed = request(sample).replace("Europe/Oslo", "W. Europe Standard Time (fjord)");

        assertFalse(renamed.contains("Europe/Oslo"));
        assertEquals(sample.expected(), Ical4jExpansion.instants(renamed));
    }

    @Test
    void monthlyLastFridaySeriesFallsOnTheLastFridaysAtTenLocal() throws Exception {
        Sample sample = SeriesSamples.osloLastFriday();
        String ics = request(sample);

        assertTrue(ics.contains("\r\nRRULE:FREQ=MONTHLY;COUNT=6;BYDAY=-1FR\r\n"), ics);
        assertTrue(ics.contains("\r\nDTSTART;TZID=Europe/Oslo:20270129T100000\r\n"), ics);
        assertFalse(ics.contains("EXDATE"), ics);
        assertFalse(ics.contains("RECURRENCE-ID"), ics);
        assertEquals(sample.expected(), Ical4jExpansion.instants(ics));
    }

    @Test
    void newYorkSeriesKeepsItsLocalTimeAcrossTheEndOfSummerTime() throws Exception {
        Sample sample = SeriesSamples.newYorkWeekly();
        String ics = request(sample);

        assertTrue(ics.contains("\r\nDTSTART;TZID=America/New_York:20271026T173000\r\n"), ics);
        assertTrue(ics.contains("\r\nRRULE:FREQ=WEEKLY;UNTIL=20271116T223000Z;BYDAY=TU\r\n"), ics);
        assertTrue(ics.contains("\r\nEXDATE;TZID=America/New_York:20271102T173000\r\n"), ics);
        assertTrue(ics.contains("TZID:America/New_York\r\n"), ics);
        assertTrue(ics.contains("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"), ics);
        assertTrue(ics.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"), ics);
        assertEquals(sample.expected(), Ical4jExpansion.instants(ics));
    }

    @Test
    void seriesCalendarValidatesWithCrlfLineEndsAndFoldedLines() throws Exception {
        MeetingSnapshot long_ = SeriesSamples.meeting(730, 0, "Kvartalsmøte for hele avdelingen med gjennomgang av "
                        + "budsjett, bemanning og planer for neste kvartal", local("2027-03-15T09:00", OSLO),
                Duration.ofHours(2)).asSeries(OSLO, new SeriesSnapshot("FREQ=WEEKLY;COUNT=10;BYDAY=MO",
                List.of(local("2027-03-22T09:00", OSLO), local("2027-04-05T09:00", OSLO), local("2027-04-19T09:00", OSLO),
                        local("2027-05-03T09:00", OSLO), local("2027-05-10T09:00", OSLO)),
                List.of(OccurrenceOverride.moved(local("2027-03-29T09:00", OSLO), local("2027-03-29T13:00", OSLO),
                        local("2027-03-29T15:00", OSLO), 3))));
        for (Sample sample : List.of(SeriesSamples.osloWeekly(), SeriesSamples.osloLastFriday(),
                SeriesSamples.newYorkWeekly(), new Sample("long", long_, List.of()))) {
            String ics = request(sample);
            assertAll(sample.name(),
                    () -> assertTrue(ics.endsWith("END:VCALENDAR\r\n")),
                    () -> assertFalse(ics.replace("\r\n", "").contains("\n"), "a bare LF"),
                    () -> assertFalse(ics.replace("\r\n", "").contains("\r"), "a bare CR"),
                    () -> assertTrue(ics.lines().allMatch(l -> l.getBytes(StandardCharsets.UTF_8).length <= 75),
                            "a line longer than 75 octets"),
                    () -> assertTrue(ics.contains("\r\n "), "some line is folded"));
            Ical4jExpansion.parse(ics).validate();
        }
        Calendar parsed = Ical4jExpansion.parse(request(new Sample("long", long_, List.of())));
        assertEquals(long_.title(), value(events(parsed).get(0), "SUMMARY"));
        assertTrue(request(new Sample("long", long_, List.of())).contains(
                "\r\nEXDATE;TZID=Europe/Oslo:20270322T090000,20270405T090000,20270419T090000,2"), "folded EXDATE");
    }

    @Test
    void linesAreFoldedAtSeventyFiveOctetsNeverInsideACharacter() {
        String folded = Confirmations.fold("ATTENDEE;CN=\"Åse Ødegård\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP"
                + "=FALSE:mailto:ase@fjordline.example\r\nSUMMARY:" + "ø".repeat(40) + "\r\n");

        assertEquals("ATTENDEE;CN=\"Åse Ødegård\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSV\r\n"
                + " P=FALSE:mailto:ase@fjordline.example\r\n"
                + "SUMMARY:" + "ø".repeat(33) + "\r\n " + "ø".repeat(7) + "\r\n", folded);
    }

    @Test
    void cancellingTheSeriesIsOneCancelOfTheWholeRule() throws Exception {
        MeetingSnapshot series = SeriesSamples.osloWeekly().meeting();
        String ics = SeriesSamples.confirmations().calendar(series, Method.CANCEL);
        Calendar calendar = Ical4jExpansion.parse(ics);
        calendar.validate();

        List<VEvent> events = events(calendar);
        assertEquals(1, events.size(), ics);
        VEvent event = events.get(0);
        assertAll(
                () -> assertTrue(ics.contains("\r\nMETHOD:CANCEL\r\n"), ics),
                () -> assertEquals("appointment-700@invitations.example.com", value(event, "UID")),
                () -> assertEquals("FREQ=WEEKLY;COUNT=10;BYDAY=MO", value(event, "RRULE")),
                () -> assertEquals(null, value(event, "RECURRENCE-ID")),
                () -> assertEquals("CANCELLED", value(event, "STATUS")),
                () -> assertTrue(ics.contains("BEGIN:VTIMEZONE"), ics));
    }

    @Test
    void cancellingOneOccurrenceIsACancelWithItsRecurrenceIdAndTheSeriesUid() throws Exception {
        MeetingSnapshot series = SeriesSamples.osloWeekly().meeting();
        Instant fourth = local("2027-04-05T09:00", OSLO);
        String ics = SeriesSamples.confirmations().occurrenceCancelCalendar(series, fourth);
        Calendar calendar = Ical4jExpansion.parse(ics);
        calendar.validate();

        List<VEvent> events = events(calendar);
        assertEquals(1, events.size(), ics);
        VEvent event = events.get(0);
        assertAll(
                () -> assertTrue(ics.contains("\r\nMETHOD:CANCEL\r\n"), ics),
                () -> assertEquals("appointment-700@invitations.example.com", value(event, "UID")),
                () -> assertTrue(ics.contains("\r\nRECURRENCE-ID;TZID=Europe/Oslo:20270405T090000\r\n"), ics),
                () -> assertTrue(ics.contains("\r\nDTSTART;TZID=Europe/Oslo:20270405T090000\r\n"), ics),
                () -> assertTrue(ics.contains("\r\nDTEND;TZID=Europe/Oslo:20270405T100000\r\n"), ics),
                () -> assertEquals("0", value(event, "SEQUENCE")),
                () -> assertEquals(null, value(event, "RRULE")),
                () -> assertEquals("CANCELLED", value(event, "STATUS")),
                () -> assertTrue(ics.contains("BEGIN:VTIMEZONE"), ics));
    }

    @Test
    void cancellingTheMovedOccurrenceCarriesItsMovedTimesAndItsOwnSequence() throws Exception {
        MeetingSnapshot series = SeriesSamples.osloWeekly().meeting();
        String ics = SeriesSamples.confirmations().occurrenceCancelCalendar(series, local("2027-04-12T09:00", OSLO));

        VEvent event = events(Ical4jExpansion.parse(ics)).get(0);
        assertTrue(ics.contains("\r\nRECURRENCE-ID;TZID=Europe/Oslo:20270412T090000\r\n"), ics);
        assertTrue(ics.contains("\r\nDTSTART;TZID=Europe/Oslo:20270412T110000\r\n"), ics);
        assertEquals("1", value(event, "SEQUENCE"));
    }

    @Test
    void occurrenceCancelGoesToEveryoneWithAnAddressAndSaysTheOthersStay() throws Exception {
        MeetingSnapshot series = SeriesSamples.osloWeekly().meeting();
        Instant fourth = local("2027-04-05T09:00", OSLO);

        ConfirmationBatch batch = SeriesSamples.confirmations().occurrenceCancelled(series, fourth, series.attendees());

        assertEquals(List.of("ase@fjordline.example", "ola@fjordline.example"),
                batch.messages().stream().map(m -> m.recipient().email()).toList());
        assertEquals(List.of(ConfirmationsTest.kari()), batch.skipped());
        var message = MimeParts.parse(batch.messages().get(0).mime());
        assertEquals("Cancelled: Team meeting", message.getSubject());
        String text = MimeParts.text(MimeParts.only(message, "text/plain"));
        assertTrue(text.startsWith("One occurrence of this series has been cancelled; the others take place as planned."),
                text);
        assertTrue(text.contains("Cancelled: Mon 5 Apr 2027 09:00-10:00 (Europe/Oslo)\r\n"), text);
        assertTrue(text.contains("Series:    FREQ=WEEKLY;COUNT=10;BYDAY=MO (Europe/Oslo time)\r\n"), text);
        String calendar = MimeParts.text(MimeParts.only(message, "text/calendar"));
        assertTrue(calendar.contains("RECURRENCE-ID;TZID=Europe/Oslo:20270405T090000"), calendar);
    }

    @Test
    void seriesRequestTextSaysWhenItStartsAndHowItRepeats() throws Exception {
        MeetingSnapshot series = SeriesSamples.osloWeekly().meeting();

        String text = Confirmations.text(series, Method.REQUEST);

        assertTrue(text.contains("When:      Mon 15 Mar 2027 09:00-10:00 (Europe/Oslo)\r\n"), text);
        assertTrue(text.contains("Repeats:   FREQ=WEEKLY;COUNT=10;BYDAY=MO (Europe/Oslo time)\r\n"), text);
    }

    @Test
    void seriesInUtcIsWrittenWithTheZSuffixWithoutTimeZone() throws Exception {
        MeetingSnapshot series = SeriesSamples.meeting(740, 0, "Nightly check", Instant.parse("2027-03-15T09:00:00Z"),
                Duration.ofMinutes(15)).asSeries(ZoneOffset.UTC, new SeriesSnapshot("FREQ=DAILY;COUNT=3",
                List.of(Instant.parse("2027-03-16T09:00:00Z")), List.of()));

        String ics = SeriesSamples.confirmations().calendar(series, Method.REQUEST);

        assertTrue(ics.contains("\r\nDTSTART:20270315T090000Z\r\n"), ics);
        assertTrue(ics.contains("\r\nEXDATE:20270316T090000Z\r\n"), ics);
        assertFalse(ics.contains("TZID"), ics);
        assertEquals(SeriesSamples.instants("2027-03-15T09:00:00Z", "2027-03-17T09:00:00Z"),
                Ical4jExpansion.instants(ics));
    }

    @Test
    void zoneWithoutSummerTimeIsOneStandardObservance() throws Exception {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        MeetingSnapshot series = SeriesSamples.meeting(750, 0, "Tokyo sync", local("2027-03-15T09:00", tokyo),
                Duration.ofHours(1)).asSeries(tokyo, SeriesSnapshot.of("FREQ=WEEKLY;COUNT=3;BYDAY=MO"));

        String ics = SeriesSamples.confirmations().calendar(series, Method.REQUEST);

        VTimeZone zone = Ical4jExpansion.parse(ics).<VTimeZone>getComponents("VTIMEZONE").get(0);
        assertEquals(1, zone.getObservances().size(), ics);
        assertTrue(zone.toString().contains("TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nTZNAME:JST\r\n"), ics);
        assertEquals(SeriesSamples.instants("2027-03-15T00:00:00Z", "2027-03-22T00:00:00Z", "2027-03-29T00:00:00Z"),
                Ical4jExpansion.instants(ics));
    }

    @Test
    void seriesBeforeTheZonesYearlyRulesListsEachTransition() throws Exception {
        // The JDK has Oslo's transitions up to 1996 one by one: no yearly rule covers 1990.
        MeetingSnapshot series = SeriesSamples.meeting(755, 0, "Old series", local("1990-03-19T09:00", OSLO),
                Duration.ofHours(1)).asSeries(OSLO, SeriesSnapshot.of("FREQ=WEEKLY;COUNT=3;BYDAY=MO"));

        String ics = SeriesSamples.confirmations().calendar(series, Method.REQUEST);

        assertFalse(ics.contains("RRULE:FREQ=YEARLY"), ics);
        assertTrue(ics.contains("BEGIN:DAYLIGHT\r\nDTSTART:19900325T020000\r\nTZOFFSETFROM:+0100\r\n"
                + "TZOFFSETTO:+0200\r\nTZNAME:CEST\r\nRDATE:19900325T020000\r\n"), ics);
        assertEquals(SeriesSamples.instants("1990-03-19T08:00:00Z", "1990-03-26T07:00:00Z", "1990-04-02T07:00:00Z"),
                Ical4jExpansion.instants(ics));
    }

    @Test
    void singleMeetingStaysInUtcWithoutTimeZoneWhateverZoneItWasWrittenIn() {
        MeetingSnapshot single = new MeetingSnapshot(760, 0, "One-off", null, null, Instant.parse("2027-03-15T08:00:00Z"),
                Instant.parse("2027-03-15T09:00:00Z"), ConfirmationsTest.alice(), List.of(ConfirmationsTest.ase()), OSLO);

        String ics = SeriesSamples.confirmations().calendar(single, Method.REQUEST);

        assertEquals(OSLO, single.timeZone());
        assertTrue(ics.contains("\r\nDTSTART:20270315T080000Z\r\n"), ics);
        assertFalse(ics.contains("TZID"), ics);
        assertFalse(ics.contains("RRULE"), ics);
    }

    @Test
    void snapshotWithoutZoneIsInUtc() {
        assertEquals(ZoneOffset.UTC, ConfirmationsTest.budgetMeeting().timeZone());
        assertFalse(ConfirmationsTest.budgetMeeting().isSeries());
    }

    @Test
    void seriesThatRepeatsMoreThanDailyIsRefused() {
        MeetingSnapshot hourly = SeriesSamples.meeting(770, 0, "Hourly", local("2027-03-15T09:00", OSLO),
                Duration.ofMinutes(10)).asSeries(OSLO, SeriesSnapshot.of("FREQ=HOURLY;COUNT=5"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeriesSamples.confirmations().calendar(hourly, Method.REQUEST));
        assertTrue(e.getMessage().contains("at most daily"), e.getMessage());
    }

    @Test
    void occurrenceBothCancelledAndOverriddenIsRefused() {
        Instant third = local("2027-03-29T09:00", OSLO);

        assertThrows(IllegalArgumentException.class, () -> new SeriesSnapshot("FREQ=WEEKLY;COUNT=10", List.of(third),
                List.of(OccurrenceOverride.moved(third, third, third.plusSeconds(3600), 1))));
    }

    @Test
    void occurrenceCancelOfASingleMeetingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SeriesSamples.confirmations()
                .occurrenceCancelCalendar(ConfirmationsTest.budgetMeeting(), Instant.parse("2031-03-03T09:00:00Z")));
    }

    @Test
    void samplesAreTheSameForTheSecondParser() {
        // The interop suite's ical check compares a second parser with these files' .expected.
        assertEquals(List.of("oslo-weekly", "oslo-last-friday", "new-york-weekly"),
                SeriesSamples.all().stream().map(Sample::name).toList());
        assertEquals(NEW_YORK, SeriesSamples.newYorkWeekly().meeting().timeZone());
    }
}
