package org.invitations.ws;

import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.decline;
import static org.invitations.support.Requests.diary;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.participants;
import static org.invitations.support.Requests.pending;
import static org.invitations.support.Requests.resource;
import static org.invitations.support.Requests.task;
import static org.invitations.support.Requests.withStatuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.datatype.DatatypeFactory;
import org.invitations.support.Directory.Member;
import org.invitations.support.EndpointTest;
import org.invitations.support.Race;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.CreateTask;
import org.invitations.ws.generated.CreateTaskResponse;
import org.invitations.ws.generated.DiaryEntry;
import org.invitations.ws.generated.Frequency;
import org.invitations.ws.generated.GetDistributedTasks;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvitationItem;
import org.invitations.ws.generated.Occurrence;
import org.invitations.ws.generated.ParticipantView;
import org.invitations.ws.generated.Recurrence;
import org.invitations.ws.generated.Weekday;
import org.junit.jupiter.api.Test;

/**
 * Series through the real endpoint: created in the owner's zone, one invitation per series for the
 * invitee, every occurrence in the owner's diary, the bounds and the refusals with nothing written.
 */
class SeriesEndpointTest extends EndpointTest {

    /** Monday 15 March 2027, 09:00 in Oslo (winter time): two weeks before the change to summer time. */
    private static final OffsetDateTime MONDAY_NINE_OSLO = OffsetDateTime.parse("2027-03-15T08:00:00Z");
    private static final String OSLO = "Europe/Oslo";

    private static Recurrence weekly(int count) {
        Recurrence recurrence = new Recurrence();
        recurrence.setFrequency(Frequency.WEEKLY);
        recurrence.setCount(count);
        return recurrence;
    }

    private static Recurrence rule(String rrule) {
        Recurrence recurrence = new Recurrence();
        recurrence.setRrule(rrule);
        return recurrence;
    }

    private static CreateInvitation series(String title, OffsetDateTime start, Recurrence recurrence,
                                           org.invitations.ws.generated.ParticipantRef... participants) {
        CreateInvitation request = meeting(title, start, participants);
        request.setTimeZone(OSLO);
        request.setRecurrence(recurrence);
        return request;
    }

    private static Instant instant(OffsetDateTime time) {
        return time.toInstant();
    }

    private Map<String, Long> rows() throws Exception {
        try (Connection connection = TestServer.connectionFor(getClass());
             Statement statement = connection.createStatement()) {
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (String table : List.of("appointment", "participant_record", "client_request")) {
                try (ResultSet count = statement.executeQuery("select count(*) from " + table)) {
                    count.next();
                    counts.put(table, count.getLong(1));
                }
            }
            return counts;
        }
    }

    @Test
    void aWeeklyNineOClockOsloSeriesIsEightUtcBeforeTheSpringChangeAndSevenAfter() throws Exception {
        Member owner = directory.freshMember("owner");
        Member invitee = directory.freshMember("invitee");

        CreateInvitationResponse created = owner.port().createInvitation(series("Team meeting", MONDAY_NINE_OSLO,
                weekly(10), associate(invitee.id())));

        List<Occurrence> occurrences = created.getOccurrence();
        assertEquals(10, occurrences.size());
        assertEquals(Instant.parse("2027-03-15T08:00:00Z"), instant(occurrences.get(0).getStart()));
        assertEquals(Instant.parse("2027-03-22T08:00:00Z"), instant(occurrences.get(1).getStart()));
        assertEquals(Instant.parse("2027-03-29T07:00:00Z"), instant(occurrences.get(2).getStart()));
        assertEquals(Instant.parse("2027-05-17T07:00:00Z"), instant(occurrences.get(9).getStart()));
        for (Occurrence occurrence : occurrences) {
            assertEquals(instant(occurrence.getStart()), instant(occurrence.getRecurrenceId()));
            assertEquals(Duration.ofHours(1), Duration.between(occurrence.getStart(), occurrence.getEnd()));
            assertFalse(occurrence.isCancelled());
            assertTrue(occurrence.getConflict().isEmpty());
        }
        assertEquals(1, created.getParticipant().size(), "the participant's series record");
        assertEquals(5, created.getParticipant().get(0).getStatus());

        var view = owner.port().getAppointmentParticipants(participants(created.getAppointmentId())).getAppointment();
        assertEquals(OSLO, view.getTimeZone());
        assertNotNull(view.getSeries());
        assertEquals("FREQ=WEEKLY;BYDAY=MO;COUNT=10", view.getSeries().getRrule());
        assertEquals(10, view.getSeries().getOccurrences());
        var third = owner.port().getAppointmentParticipants(participants(occurrences.get(2).getAppointmentId()))
                .getAppointment();
        assertEquals(created.getAppointmentId(), third.getSeriesId());
        assertEquals(Instant.parse("2027-03-29T07:00:00Z"), instant(third.getRecurrenceId()));
        assertEquals(OSLO, third.getTimeZone());
    }

    @Test
    void theInviteeSeesOneInvitationForTheWholeSeries() throws Exception {
        Member owner = directory.freshMember("owner");
        Member invitee = directory.freshMember("invitee");
        CreateInvitationResponse created = owner.port().createInvitation(series("Stand-up", MONDAY_NINE_OSLO,
                weekly(10), associate(invitee.id())));

        List<InvitationItem> items = invitee.port().getInvitations(pending()).getInvitation();

        assertEquals(1, items.size());
        InvitationItem item = items.get(0);
        assertEquals(created.getParticipant().get(0).getRecordId(), item.getRecordId());
        assertEquals(created.getAppointmentId(), item.getAppointmentId());
        assertEquals(OSLO, item.getTimeZone());
        assertEquals(created.getAppointmentId(), item.getSeries().getSeriesId());
        assertEquals("FREQ=WEEKLY;BYDAY=MO;COUNT=10", item.getSeries().getRrule());
        assertEquals(OSLO, item.getSeries().getTimeZone());
        assertEquals(Instant.parse("2027-03-15T08:00:00Z"), instant(item.getSeries().getFirstStart()));
        assertEquals(Instant.parse("2027-03-15T08:00:00Z"), instant(item.getSeries().getNextStart()));
        assertEquals(10, item.getSeries().getOccurrences());
        assertNull(item.getSeriesId(), "the series' own item is not an occurrence");
        assertTrue(invitee.port().getDiary(diary(null, MONDAY_NINE_OSLO.minusDays(1), MONDAY_NINE_OSLO.plusDays(90)))
                .getEntry().isEmpty(), "nothing accepted yet");
    }

    @Test
    void theOwnersDiaryHasEveryOccurrenceAndNeverTheSeriesItself() throws Exception {
        Member owner = directory.freshMember("owner");
        Member invitee = directory.freshMember("invitee");
        CreateInvitationResponse created = owner.port().createInvitation(series("Planning", MONDAY_NINE_OSLO,
                weekly(10), associate(invitee.id())));

        List<DiaryEntry> entries = owner.port().getDiary(diary(null, MONDAY_NINE_OSLO.minusDays(1),
                MONDAY_NINE_OSLO.plusDays(90))).getEntry();

        assertEquals(10, entries.size());
        for (int i = 0; i < 10; i++) {
            DiaryEntry entry = entries.get(i);
            assertEquals(created.getOccurrence().get(i).getAppointmentId(), entry.getAppointmentId());
            assertEquals(created.getAppointmentId(), entry.getSeriesId());
            assertEquals(instant(created.getOccurrence().get(i).getStart()), instant(entry.getRecurrenceId()));
            assertEquals(OSLO, entry.getTimeZone());
            assertTrue(entry.isOwn());
            assertFalse(entry.isConflict());
        }
    }

    @Test
    void anAnswerOnOneOccurrencesOwnRecordChangesThatOccurrenceOnly() throws Exception {
        Member owner = directory.freshMember("owner");
        Member invitee = directory.freshMember("invitee");
        CreateInvitationResponse created = owner.port().createInvitation(series("Review", MONDAY_NINE_OSLO,
                weekly(10), associate(invitee.id())));
        Occurrence third = created.getOccurrence().get(2);
        Occurrence fourth = created.getOccurrence().get(3);
        long thirdRecord = owner.port().getAppointmentParticipants(participants(third.getAppointmentId()))
                .getParticipant().get(0).getRecordId();
        long fourthRecord = owner.port().getAppointmentParticipants(participants(fourth.getAppointmentId()))
                .getParticipant().get(0).getRecordId();

        var accepted = invitee.port().acceptInvitation(accept(thirdRecord));
        invitee.port().declineInvitation(decline(fourthRecord, "Away that day"));

        assertEquals(1, accepted.getStatus());
        assertEquals(created.getAppointmentId(), accepted.getAppointment().getSeriesId());
        List<DiaryEntry> diary = invitee.port().getDiary(diary(null, MONDAY_NINE_OSLO.minusDays(1),
                MONDAY_NINE_OSLO.plusDays(90))).getEntry();
        assertEquals(1, diary.size());
        assertEquals(third.getAppointmentId(), diary.get(0).getAppointmentId());
        assertEquals(1, invitee.port().getInvitations(pending()).getInvitation().size(), "still one series item");
        List<InvitationItem> declined = invitee.port().getInvitations(withStatuses(9)).getInvitation();
        assertEquals(1, declined.size());
        assertEquals(fourthRecord, declined.get(0).getRecordId());
        assertEquals(created.getAppointmentId(), declined.get(0).getSeriesId());
        assertEquals(instant(fourth.getRecurrenceId()), instant(declined.get(0).getRecurrenceId()));
        ParticipantView seriesLine = owner.port().getAppointmentParticipants(participants(created.getAppointmentId()))
                .getParticipant().get(0);
        assertEquals(5, seriesLine.getStatus(), "until answers take a scope, the series record keeps its own");
    }

    @Test
    void theActivityArchiveListsAPersonsOccurrencesAndNeverTheSeriesRecord() throws Exception {
        Member owner = directory.freshMember("owner");
        var contact = directory.contactWithPersons("Series AS " + System.nanoTime(), "Siri Series");
        long siri = contact.getPerson().get(0).getPersonId();
        CreateInvitationResponse created = owner.port().createInvitation(series("Customer call", MONDAY_NINE_OSLO,
                weekly(5), org.invitations.support.Requests.person(siri)));

        var entries = owner.port().getActivityArchive(org.invitations.support.Requests.archive(contact.getContactId()))
                .getEntry();

        assertEquals(created.getOccurrence().stream().map(Occurrence::getAppointmentId).toList(),
                entries.stream().map(e -> e.getAppointmentId()).toList());
        assertEquals(1, created.getParticipant().get(0).getStatus(), "a person is booked, never asked");
    }

    @Test
    void aMonthlyLastFridaySeriesFollowsTheMonthsAndTheZone() throws Exception {
        Member owner = directory.freshMember("owner");
        Member invitee = directory.freshMember("invitee");
        Recurrence lastFriday = new Recurrence();
        lastFriday.setFrequency(Frequency.MONTHLY);
        lastFriday.getWeekday().add(Weekday.FR);
        lastFriday.setWeekdayPosition(-1);
        lastFriday.setCount(4);

        CreateInvitationResponse created = owner.port().createInvitation(series("Board", OffsetDateTime.parse(
                "2027-01-29T08:00:00Z"), lastFriday, associate(invitee.id())));

        assertEquals(List.of(Instant.parse("2027-01-29T08:00:00Z"), Instant.parse("2027-02-26T08:00:00Z"),
                        Instant.parse("2027-03-26T08:00:00Z"), Instant.parse("2027-04-30T07:00:00Z")),
                created.getOccurrence().stream().map(o -> instant(o.getStart())).toList());
        assertEquals("FREQ=MONTHLY;BYDAY=-1FR;COUNT=4", invitee.port().getInvitations(pending()).getInvitation()
                .get(0).getSeries().getRrule());
    }

    @Test
    void aTaskSeriesListsItsOccurrencesAsTheOwnersDistributedTasks() throws Exception {
        Member owner = directory.freshMember("owner");
        Member colleague = directory.freshMember("colleague");
        CreateTask request = task("Weekly report", OffsetDateTime.parse("2027-03-19T15:00:00Z"),
                associate(colleague.id()));
        request.setTimeZone(OSLO);
        request.setRecurrence(rule("FREQ=WEEKLY;COUNT=3"));

        CreateTaskResponse created = owner.port().createTask(request);

        assertEquals(3, created.getOccurrence().size());
        assertEquals(Instant.parse("2027-04-02T15:00:00Z").minus(Duration.ofHours(1)),
                instant(created.getOccurrence().get(2).getStart()), "16:00 local stays 16:00 in summer time");
        var tasks = owner.port().getDistributedTasks(new GetDistributedTasks()).getTask();
        assertEquals(3, tasks.size());
        assertTrue(tasks.stream().allMatch(t -> t.getTask().getSeriesId() == created.getAppointmentId()));
        List<InvitationItem> items = colleague.port().getInvitations(pending()).getInvitation();
        assertEquals(1, items.size());
        assertEquals(3, items.get(0).getSeries().getOccurrences());
    }

    @Test
    void aSeriesOverTheBoundIsRefusedByFieldAndNothingIsWritten() throws Exception {
        Member owner = directory.freshMember("owner");
        Member invitee = directory.freshMember("invitee");
        Map<String, Long> before = rows();

        InvalidRequestFault byCount = assertThrows(InvalidRequestFault.class, () -> owner.port().createInvitation(
                series("Too many", MONDAY_NINE_OSLO, rule("FREQ=DAILY;COUNT=731"), associate(invitee.id()))));
        Recurrence threeYears = new Recurrence();
        threeYears.setFrequency(Frequency.WEEKLY);
        threeYears.setUntil(DatatypeFactory.newInstance().newXMLGregorianCalendar("2030-03-15"));
        CreateInvitation tooLong = series("Too long", MONDAY_NINE_OSLO, threeYears, associate(invitee.id()));
        tooLong.setRequestId("too-long-1");
        InvalidRequestFault byUntil = assertThrows(InvalidRequestFault.class,
                () -> owner.port().createInvitation(tooLong));

        assertEquals("recurrence/rrule", byCount.getFaultInfo().getField());
        assertTrue(byCount.getMessage().contains("at most 730"), byCount.getMessage());
        assertEquals("recurrence/until", byUntil.getFaultInfo().getField());
        assertTrue(byUntil.getMessage().contains("2 years"), byUntil.getMessage());
        assertEquals(before, rows());
        assertTrue(invitee.port().getInvitations(pending()).getInvitation().isEmpty());
    }

    @Test
    void aSeriesOfMoreThanTwentyThousandRecordsIsRefusedAndNothingIsWritten() throws Exception {
        Member owner = directory.freshMember("owner");
        List<org.invitations.ws.generated.ParticipantRef> rooms = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            rooms.add(resource(directory.freshResource("Bound room " + i + " " + System.nanoTime()).getResourceId()));
        }
        Map<String, Long> before = rows();

        // 700 occurrences x (28 rooms + the owner's record) = 20,300 records
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> owner.port().createInvitation(
                series("Every day", MONDAY_NINE_OSLO, rule("FREQ=DAILY;COUNT=700"),
                        rooms.toArray(new org.invitations.ws.generated.ParticipantRef[0]))));

        assertEquals("recurrence", fault.getFaultInfo().getField());
        assertTrue(fault.getMessage().contains("20000"), fault.getMessage());
        assertEquals(before, rows());
    }

    @Test
    void aFirstStartThatIsNoOccurrenceOfTheRuleIsRefused() throws Exception {
        Member owner = directory.freshMember("owner");
        Map<String, Long> before = rows();

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> owner.port().createInvitation(
                series("Tuesdays", MONDAY_NINE_OSLO.plusDays(1), rule("FREQ=WEEKLY;BYDAY=MO;COUNT=3"),
                        associate(bobId))));

        assertEquals("start", fault.getFaultInfo().getField());
        assertTrue(fault.getMessage().startsWith("2027-03-16 is a Tuesday; the rule repeats on MO"), fault.getMessage());
        assertEquals(before, rows());
    }

    @Test
    void aBadRuleAndABadZoneAreDeclaredFaults() throws Exception {
        Member owner = directory.freshMember("owner");
        Map<String, Long> before = rows();

        InvalidRequestFault badRule = assertThrows(InvalidRequestFault.class, () -> owner.port().createInvitation(
                series("Odd", MONDAY_NINE_OSLO, rule("FREQ=FORTNIGHTLY;COUNT=3"), associate(bobId))));
        CreateInvitation badZone = series("Nowhere", MONDAY_NINE_OSLO, weekly(3), associate(bobId));
        badZone.setTimeZone("Europe/Atlantis");
        InvalidRequestFault zone = assertThrows(InvalidRequestFault.class, () -> owner.port().createInvitation(badZone));
        InvalidRequestFault hourly = assertThrows(InvalidRequestFault.class, () -> owner.port().createInvitation(
                series("Hourly", MONDAY_NINE_OSLO, rule("FREQ=HOURLY;COUNT=3"), associate(bobId))));
        InvalidRequestFault endless = assertThrows(InvalidRequestFault.class, () -> owner.port().createInvitation(
                series("Endless", MONDAY_NINE_OSLO, rule("FREQ=WEEKLY"), associate(bobId))));

        assertEquals("recurrence/rrule", badRule.getFaultInfo().getField());
        assertTrue(badRule.getMessage().contains("FORTNIGHTLY"), badRule.getMessage());
        assertEquals("timeZone", zone.getFaultInfo().getField());
        assertTrue(zone.getMessage().contains("Europe/Atlantis"), zone.getMessage());
        assertEquals("recurrence/rrule", hourly.getFaultInfo().getField());
        assertTrue(endless.getMessage().contains("needs an end"), endless.getMessage());
        assertEquals(before, rows());
    }

    @Test
    void aRetriedSeriesCreateIsAnsweredAsTheFirstAndAnotherRuleUnderItsIdIsRefused() throws Exception {
        Member owner = directory.freshMember("owner");
        Member invitee = directory.freshMember("invitee");
        CreateInvitation request = series("Retried", MONDAY_NINE_OSLO, weekly(4), associate(invitee.id()));
        request.setRequestId("series-once");

        CreateInvitationResponse first = owner.port().createInvitation(request);
        Map<String, Long> afterFirst = rows();
        CreateInvitationResponse replay = owner.port().createInvitation(request);
        request.setRecurrence(weekly(5));
        InvalidRequestFault other = assertThrows(InvalidRequestFault.class, () -> owner.port().createInvitation(request));
        request.setRecurrence(weekly(4));
        request.setTimeZone("Europe/Berlin");
        InvalidRequestFault otherZone = assertThrows(InvalidRequestFault.class,
                () -> owner.port().createInvitation(request));

        assertEquals(first.getAppointmentId(), replay.getAppointmentId());
        assertEquals(first.getParticipant().get(0).getRecordId(), replay.getParticipant().get(0).getRecordId());
        assertEquals(first.getOccurrence().stream().map(Occurrence::getAppointmentId).toList(),
                replay.getOccurrence().stream().map(Occurrence::getAppointmentId).toList());
        assertEquals("requestId", other.getFaultInfo().getField());
        assertEquals("requestId", otherZone.getFaultInfo().getField());
        assertEquals(afterFirst, rows());
        assertEquals(1, invitee.port().getInvitations(pending()).getInvitation().size());
    }

    @Test
    void aSingleMeetingIsWrittenInTheCreatesZoneOrElseTheOwners() throws Exception {
        Member owner = directory.freshMember("owner");
        CreateInvitation inNewYork = meeting("Call", OffsetDateTime.parse("2027-06-01T14:00:00Z"), associate(bobId));
        inNewYork.setTimeZone("America/New_York");
        CreateInvitation inOwners = meeting("Lunch", OffsetDateTime.parse("2027-06-02T11:00:00Z"), associate(bobId));

        long call = owner.port().createInvitation(inNewYork).getAppointmentId();
        long lunch = owner.port().createInvitation(inOwners).getAppointmentId();

        var callView = owner.port().getAppointmentParticipants(participants(call)).getAppointment();
        assertEquals("America/New_York", callView.getTimeZone());
        assertNull(callView.getSeries());
        assertNull(callView.getSeriesId());
        assertEquals("UTC", owner.port().getAppointmentParticipants(participants(lunch)).getAppointment()
                .getTimeZone());
    }

    @Test
    void aParticipantBusyInSomeOccurrencesIsFlaggedOnThoseAndOnItsSeriesRecord() throws Exception {
        Member owner = directory.freshMember("owner");
        Member busy = directory.freshMember("busy");
        var room = directory.freshResource("Series room " + System.nanoTime());
        // busy the fourth Monday (2027-04-05 09:00 Oslo = 07:00Z) in its own diary
        busy.port().createInvitation(meeting("Dentist", OffsetDateTime.parse("2027-04-05T06:30:00Z"),
                resource(room.getResourceId())));

        CreateInvitationResponse created = owner.port().createInvitation(series("Sync", MONDAY_NINE_OSLO, weekly(6),
                associate(busy.id()), resource(room.getResourceId())));

        for (int i = 0; i < 6; i++) {
            assertEquals(i == 3 ? 2 : 0, created.getOccurrence().get(i).getConflict().size(), "occurrence " + i);
        }
        assertTrue(created.getParticipant().stream().allMatch(p -> p.isConflict()));
    }

    @Test
    void ownersCreatingSeriesOnTheSameParticipantsAtOnceAllSucceed() throws Exception {
        Member first = directory.freshMember("invitee");
        Member second = directory.freshMember("invitee");
        var room = directory.freshResource("Race room " + System.nanoTime());
        List<Member> owners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            owners.add(directory.freshMember("owner"));
        }
        Race race = new Race();
        for (Member owner : owners) {
            race.add(() -> owner.port().createInvitation(series("Weekly " + owner.id(), MONDAY_NINE_OSLO, weekly(10),
                    associate(first.id()), associate(second.id()), resource(room.getResourceId()))));
        }

        race.run(Duration.ofSeconds(60));

        assertEquals(Map.of("OK", 4L), race.outcomes());
        assertEquals(4, first.port().getInvitations(pending()).getInvitation().size());
        assertEquals(4, second.port().getInvitations(pending()).getInvitation().size());
        for (Member owner : owners) {
            assertEquals(10, owner.port().getDiary(diary(null, MONDAY_NINE_OSLO.minusDays(1),
                    MONDAY_NINE_OSLO.plusDays(90))).getEntry().size());
        }
    }
}
