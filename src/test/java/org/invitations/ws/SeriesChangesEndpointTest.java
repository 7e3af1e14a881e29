package org.invitations.ws;

import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.cancel;
import static org.invitations.support.Requests.decline;
import static org.invitations.support.Requests.diary;
import static org.invitations.support.Requests.list;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.move;
import static org.invitations.support.Requests.participants;
import static org.invitations.support.Requests.pending;
import static org.invitations.support.Requests.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invitations.support.Directory.Member;
import org.invitations.support.EndpointTest;
import org.invitations.support.Race;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.CancelAppointment;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.DiaryEntry;
import org.invitations.ws.generated.Frequency;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvitationItem;
import org.invitations.ws.generated.MoveAppointment;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.Occurrence;
import org.invitations.ws.generated.ParticipantsResult;
import org.invitations.ws.generated.Recurrence;
import org.invitations.ws.generated.Scope;
import org.invitations.ws.generated.UpdateAppointment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The owner's changes of a series with a scope, through the real endpoint: a weekly 09:00 Europe/Oslo
 * series of ten from Monday 15 March 2027, across the change to summer time on 28 March (08:00Z before,
 * 07:00Z after), with two invitees.
 */
class SeriesChangesEndpointTest extends EndpointTest {

    private static final OffsetDateTime MONDAY_NINE_OSLO = OffsetDateTime.parse("2027-03-15T08:00:00Z");
    private static final String OSLO = "Europe/Oslo";
    private static final String SAME_DAY = "a series moves to another time of the same day; cancel the following"
            + " occurrences and create a new series to change days";

    private Member owner;
    private Member first;
    private Member second;
    private CreateInvitationResponse series;

    @BeforeEach
    void aWeeklySeriesOfTenWithTwoInvitees() throws Exception {
        owner = directory.freshMember("owner");
        first = directory.freshMember("first");
        second = directory.freshMember("second");
        Recurrence weekly = new Recurrence();
        weekly.setFrequency(Frequency.WEEKLY);
        weekly.setCount(10);
        CreateInvitation request = meeting("Team meeting", MONDAY_NINE_OSLO, associate(first.id()),
                associate(second.id()));
        request.setTimeZone(OSLO);
        request.setRecurrence(weekly);
        series = owner.port().createInvitation(request);
    }

    private Occurrence occurrence(int n) {
        return series.getOccurrence().get(n - 1);
    }

    private long seriesId() {
        return series.getAppointmentId();
    }

    private static OffsetDateTime utc(String instant) {
        return OffsetDateTime.parse(instant).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time.toInstant();
    }

    private MoveAppointment moveOf(long appointmentId, Occurrence named, Scope scope, String start) {
        MoveAppointment request = move(appointmentId, utc(start));
        request.setRecurrenceId(named == null ? null : named.getRecurrenceId());
        request.setScope(scope);
        return request;
    }

    private CancelAppointment cancelOf(Occurrence named, Scope scope) {
        CancelAppointment request = cancel(seriesId());
        request.setRecurrenceId(named == null ? null : named.getRecurrenceId());
        request.setScope(scope);
        return request;
    }

    /** One participant record as the database holds it. */
    record Row(long appointmentId, Long associateId, int status, boolean followsSeries, String listedIn) {
    }

    private List<Row> records(long appointmentId) throws Exception {
        try (Connection connection = TestServer.connectionFor(getClass());
             PreparedStatement query = connection.prepareStatement("select appointment_id, associate_id, status,"
                     + " follows_series, listed_in from participant_record where appointment_id = ? order by id")) {
            query.setLong(1, appointmentId);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    long associate = result.getLong(2);
                    rows.add(new Row(result.getLong(1), result.wasNull() ? null : associate, result.getInt(3),
                            result.getBoolean(4), result.getString(5)));
                }
            }
            return rows;
        }
    }

    private Row recordOf(long appointmentId, Member member) throws Exception {
        return records(appointmentId).stream().filter(r -> r.associateId() != null && r.associateId() == member.id())
                .findFirst().orElseThrow(() -> new AssertionError("no record of " + member.id() + " on "
                        + appointmentId));
    }

    private long recordIdOf(long appointmentId, Member member) throws Exception {
        return owner.port().getAppointmentParticipants(participants(appointmentId)).getParticipant().stream()
                .filter(p -> p.getParticipant().getAssociateId() != null
                        && p.getParticipant().getAssociateId() == member.id())
                .findFirst().orElseThrow().getRecordId();
    }

    /** Every appointment and record of the whole database, as text: what "nothing changed" compares. */
    private List<String> everything() throws Exception {
        try (Connection connection = TestServer.connectionFor(getClass());
             Statement statement = connection.createStatement()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet a = statement.executeQuery("select id, starts_at, ends_at, sequence_no, cancelled_at,"
                    + " series_id, recurrence_rule, title from appointment order by id")) {
                while (a.next()) {
                    rows.add("appointment " + a.getLong(1) + " " + a.getTimestamp(2) + " " + a.getTimestamp(3) + " "
                            + a.getInt(4) + " " + a.getTimestamp(5) + " " + a.getObject(6) + " " + a.getString(7)
                            + " " + a.getString(8));
                }
            }
            try (ResultSet r = statement.executeQuery("select id, appointment_id, status, follows_series, listed_in,"
                    + " starts_at, version from participant_record order by id")) {
                while (r.next()) {
                    rows.add("record " + r.getLong(1) + " " + r.getLong(2) + " " + r.getInt(3) + " "
                            + r.getBoolean(4) + " " + r.getString(5) + " " + r.getTimestamp(6) + " " + r.getInt(7));
                }
            }
            return rows;
        }
    }

    private long auditEntries() throws Exception {
        try (Connection connection = TestServer.connectionFor(getClass());
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from audit_event")) {
            count.next();
            return count.getLong(1);
        }
    }

    @Test
    void movingOneOccurrenceAsksOnlyItsInviteesAgainAndRaisesOnlyItsSequence() throws Exception {
        long fifth = occurrence(5).getAppointmentId();
        long sixth = occurrence(6).getAppointmentId();
        first.port().acceptInvitation(accept(recordIdOf(fifth, first)));
        first.port().acceptInvitation(accept(recordIdOf(sixth, first)));
        List<Row> othersBefore = new ArrayList<>();
        for (int n : List.of(1, 2, 3, 4, 6, 7, 8, 9, 10)) {
            othersBefore.addAll(records(occurrence(n).getAppointmentId()));
        }

        // 2027-04-12 in summer time: 11:00 local is 09:00Z
        ParticipantsResult moved = owner.port().moveAppointment(moveOf(seriesId(), occurrence(5), null,
                "2027-04-12T09:00:00Z"));

        assertEquals(fifth, moved.getAppointment().getAppointmentId());
        assertEquals(seriesId(), moved.getAppointment().getSeriesId());
        assertEquals(instant(occurrence(5).getRecurrenceId()), instant(moved.getAppointment().getRecurrenceId()));
        assertEquals(1, moved.getAppointment().getSequence());
        assertEquals(Instant.parse("2027-04-12T09:00:00Z"), instant(moved.getAppointment().getStart()));
        assertEquals(List.of(fifth), moved.getOccurrence().stream().map(Occurrence::getAppointmentId).toList());
        assertEquals(new Row(fifth, first.id(), 6, false, "WAITING"), recordOf(fifth, first), "asked again");
        assertEquals(new Row(fifth, second.id(), 5, false, "WAITING"), recordOf(fifth, second),
                "still unseen, now its own invitation");
        List<Row> othersAfter = new ArrayList<>();
        for (int n : List.of(1, 2, 3, 4, 6, 7, 8, 9, 10)) {
            othersAfter.addAll(records(occurrence(n).getAppointmentId()));
        }
        assertEquals(othersBefore, othersAfter);
        var seriesView = owner.port().getAppointmentParticipants(participants(seriesId())).getAppointment();
        assertEquals(0, seriesView.getSequence());
        assertEquals(0, owner.port().getAppointmentParticipants(participants(occurrence(4).getAppointmentId()))
                .getAppointment().getSequence());

        List<InvitationItem> items = second.port().getInvitations(pending()).getInvitation();
        assertEquals(2, items.size(), "the series' invitation and the moved occurrence on its own");
        InvitationItem own = items.stream().filter(i -> i.getAppointmentId() == fifth).findFirst().orElseThrow();
        assertEquals(seriesId(), own.getSeriesId());
        assertEquals(instant(occurrence(5).getRecurrenceId()), instant(own.getRecurrenceId()));
        assertEquals(Instant.parse("2027-04-12T09:00:00Z"), instant(own.getStart()));
        assertNull(own.getSeries());
    }

    @Test
    void movingTheSeventhAndFollowingSplitsTheSeriesWithNothingDuplicatedOrLost() throws Exception {
        int appointmentsBefore = everything().stream().filter(r -> r.startsWith("appointment")).toList().size();
        long audited = auditEntries();

        // 2027-04-26 is in summer time: 10:00 local is 08:00Z
        ParticipantsResult split = owner.port().moveAppointment(moveOf(seriesId(), occurrence(7), Scope.FOLLOWING,
                "2027-04-26T08:00:00Z"));

        long newSeries = split.getAppointment().getAppointmentId();
        assertNotEquals(seriesId(), newSeries);
        assertEquals("FREQ=WEEKLY;BYDAY=MO;COUNT=4", split.getAppointment().getSeries().getRrule());
        assertEquals(OSLO, split.getAppointment().getTimeZone());
        assertEquals(Instant.parse("2027-04-26T08:00:00Z"), instant(split.getAppointment().getStart()));
        assertEquals(4, split.getAppointment().getSeries().getOccurrences());
        assertEquals(List.of(occurrence(7), occurrence(8), occurrence(9), occurrence(10)).stream()
                .map(Occurrence::getAppointmentId).toList(),
                split.getOccurrence().stream().map(Occurrence::getAppointmentId).toList());
        assertEquals(List.of(Instant.parse("2027-04-26T08:00:00Z"), Instant.parse("2027-05-03T08:00:00Z"),
                        Instant.parse("2027-05-10T08:00:00Z"), Instant.parse("2027-05-17T08:00:00Z")),
                split.getOccurrence().stream().map(o -> instant(o.getStart())).toList());
        for (Occurrence moved : split.getOccurrence()) {
            assertEquals(Duration.ofHours(1), Duration.between(moved.getStart(), moved.getEnd()));
            assertEquals(1, moved.getSequence());
        }
        var old = owner.port().getAppointmentParticipants(participants(seriesId())).getAppointment();
        assertEquals("FREQ=WEEKLY;BYDAY=MO;UNTIL=20270426T065959Z", old.getSeries().getRrule());
        assertEquals(6, old.getSeries().getOccurrences());
        assertEquals(appointmentsBefore + 1, everything().stream().filter(r -> r.startsWith("appointment")).count(),
                "one new series, no new occurrence");
        assertEquals(audited + 1, auditEntries(), "one change, one audit entry");

        List<DiaryEntry> diary = owner.port().getDiary(diary(null, MONDAY_NINE_OSLO.minusDays(1),
                MONDAY_NINE_OSLO.plusDays(90))).getEntry();
        assertEquals(10, diary.size());
        assertEquals(10, diary.stream().map(e -> e.getStart().toLocalDate()).distinct().count(), "one a day");
        for (int i = 0; i < 10; i++) {
            assertEquals(occurrence(i + 1).getAppointmentId(), diary.get(i).getAppointmentId());
            assertEquals(i < 6 ? seriesId() : newSeries, diary.get(i).getSeriesId());
        }
        assertEquals(Instant.parse("2027-04-19T07:00:00Z"), instant(diary.get(5).getStart()), "the sixth stays");

        List<InvitationItem> items = first.port().getInvitations(pending()).getInvitation();
        assertEquals(List.of(seriesId(), newSeries), items.stream().map(InvitationItem::getAppointmentId).toList(),
                "the old series and the new one, one invitation each");
        assertEquals(5, recordOf(newSeries, first).status());
    }

    @Test
    void movingTheWholeSeriesAnHourLaterStaysLocalAcrossTheSpringChange() throws Exception {
        long seriesRecord = series.getParticipant().get(0).getRecordId();
        first.port().acceptInvitation(accept(seriesRecord));

        ParticipantsResult moved = owner.port().moveAppointment(moveOf(seriesId(), null, null,
                "2027-03-15T09:00:00Z"));

        assertEquals(seriesId(), moved.getAppointment().getAppointmentId());
        assertEquals(1, moved.getAppointment().getSequence());
        assertEquals(Instant.parse("2027-03-15T09:00:00Z"), instant(moved.getAppointment().getStart()));
        assertEquals(10, moved.getOccurrence().size());
        for (int i = 0; i < 10; i++) {
            Occurrence after = moved.getOccurrence().get(i);
            Instant before = instant(occurrence(i + 1).getStart());
            assertEquals(before.plus(Duration.ofHours(1)), instant(after.getStart()), "10:00 local, " + i);
            assertEquals(instant(occurrence(i + 1).getRecurrenceId()), instant(after.getRecurrenceId()));
            assertEquals(1, after.getSequence());
        }
        assertEquals(Instant.parse("2027-03-22T09:00:00Z"), instant(moved.getOccurrence().get(1).getStart()));
        assertEquals(Instant.parse("2027-03-29T08:00:00Z"), instant(moved.getOccurrence().get(2).getStart()));
        List<InvitationItem> items = first.port().getInvitations(pending()).getInvitation();
        assertEquals(1, items.size(), "asked again through the one series invitation");
        assertEquals(6, items.get(0).getStatus());
        assertEquals(seriesId(), items.get(0).getAppointmentId());
        Row third = recordOf(occurrence(3).getAppointmentId(), first);
        assertTrue(third.followsSeries());
        assertEquals("SERIES", third.listedIn());
    }

    @Test
    void cancellingTheSecondOccurrenceCancelsOnlyItsRecordsAndARetryChangesNothing() throws Exception {
        long secondOccurrence = occurrence(2).getAppointmentId();
        List<Row> othersBefore = new ArrayList<>();
        for (int n : List.of(1, 3, 4, 5, 6, 7, 8, 9, 10)) {
            othersBefore.addAll(records(occurrence(n).getAppointmentId()));
        }
        othersBefore.addAll(records(seriesId()));

        ParticipantsResult cancelled = owner.port().cancelAppointment(cancelOf(occurrence(2), Scope.OCCURRENCE));
        List<String> afterFirst = everything();
        long audited = auditEntries();
        ParticipantsResult retried = owner.port().cancelAppointment(cancelOf(occurrence(2), null));

        assertTrue(cancelled.getAppointment().isCancelled());
        assertEquals(List.of(secondOccurrence), cancelled.getOccurrence().stream()
                .map(Occurrence::getAppointmentId).toList());
        assertTrue(records(secondOccurrence).stream().allMatch(r -> r.status() == 10 && !r.followsSeries()));
        assertEquals(3, records(secondOccurrence).size(), "the owner's and the two invitees'");
        List<Row> othersAfter = new ArrayList<>();
        for (int n : List.of(1, 3, 4, 5, 6, 7, 8, 9, 10)) {
            othersAfter.addAll(records(occurrence(n).getAppointmentId()));
        }
        othersAfter.addAll(records(seriesId()));
        assertEquals(othersBefore, othersAfter);
        assertEquals(9, owner.port().getAppointmentParticipants(participants(seriesId())).getAppointment().getSeries()
                .getOccurrences());
        assertTrue(retried.getOccurrence().isEmpty());
        assertEquals(afterFirst, everything());
        assertEquals(audited, auditEntries(), "a retried cancel is not a change");
    }

    @Test
    void cancellingTheNinthAndFollowingEndsTheRuleBeforeTheNinth() throws Exception {
        ParticipantsResult cancelled = owner.port().cancelAppointment(cancelOf(occurrence(9), Scope.FOLLOWING));
        List<String> afterFirst = everything();
        owner.port().cancelAppointment(cancelOf(occurrence(9), Scope.FOLLOWING));

        assertEquals(seriesId(), cancelled.getAppointment().getAppointmentId());
        assertFalse(cancelled.getAppointment().isCancelled());
        assertEquals("FREQ=WEEKLY;BYDAY=MO;UNTIL=20270510T065959Z", cancelled.getAppointment().getSeries().getRrule());
        assertEquals(8, cancelled.getAppointment().getSeries().getOccurrences());
        assertEquals(List.of(occurrence(9).getAppointmentId(), occurrence(10).getAppointmentId()),
                cancelled.getOccurrence().stream().map(Occurrence::getAppointmentId).toList());
        for (int n = 1; n <= 10; n++) {
            int expected = n >= 9 ? 10 : 5;
            assertEquals(expected, recordOf(occurrence(n).getAppointmentId(), first).status(), "occurrence " + n);
        }
        assertEquals(5, recordOf(seriesId(), first).status());
        assertEquals(afterFirst, everything(), "a retried cancel changes nothing");
    }

    @Test
    void cancellingTheSeriesSetsEveryRecordToTen() throws Exception {
        ParticipantsResult cancelled = owner.port().cancelAppointment(cancel(seriesId()));

        assertTrue(cancelled.getAppointment().isCancelled());
        assertEquals(10, cancelled.getOccurrence().size());
        assertTrue(records(seriesId()).stream().allMatch(r -> r.status() == 10));
        for (Occurrence each : series.getOccurrence()) {
            List<Row> rows = records(each.getAppointmentId());
            assertEquals(3, rows.size());
            assertTrue(rows.stream().allMatch(r -> r.status() == 10), rows.toString());
        }
        assertTrue(first.port().getInvitations(pending()).getInvitation().isEmpty());
        assertTrue(owner.port().getDiary(diary(null, MONDAY_NINE_OSLO.minusDays(1), MONDAY_NINE_OSLO.plusDays(90)))
                .getEntry().isEmpty());
    }

    @Test
    void updatingTheSeriesGivesAnAddedParticipantARecordOnEveryRemainingOccurrence() throws Exception {
        Member third = directory.freshMember("third");
        owner.port().cancelAppointment(cancelOf(occurrence(3), null));
        UpdateAppointment request = update(seriesId());
        request.setTitle("Team meeting (new agenda)");
        request.setAddParticipants(list(associate(third.id())));
        request.setUpdateAllRecords(true);

        ParticipantsResult updated = owner.port().updateAppointment(request);

        assertEquals(9, updated.getOccurrence().size());
        assertEquals("Team meeting (new agenda)", updated.getAppointment().getTitle());
        for (int n = 1; n <= 10; n++) {
            long id = occurrence(n).getAppointmentId();
            boolean hasRecord = records(id).stream().anyMatch(r -> r.associateId() != null
                    && r.associateId() == third.id());
            assertEquals(n != 3, hasRecord, "occurrence " + n);
            if (n != 3) {
                assertEquals(new Row(id, third.id(), 5, true, "SERIES"), recordOf(id, third));
                assertEquals("Team meeting (new agenda)", owner.port().getAppointmentParticipants(participants(id))
                        .getAppointment().getTitle());
            }
        }
        List<InvitationItem> items = third.port().getInvitations(pending()).getInvitation();
        assertEquals(1, items.size(), "one invitation for the series");
        assertEquals(seriesId(), items.get(0).getAppointmentId());
        assertEquals("Team meeting (new agenda)", items.get(0).getTitle());
    }

    @Test
    void movingTheSeriesToAnotherDayIsRefusedAndNothingChanges() throws Exception {
        List<String> before = everything();

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> owner.port().moveAppointment(
                moveOf(seriesId(), null, Scope.SERIES, "2027-03-16T08:00:00Z")));

        assertEquals("start", fault.getFaultInfo().getField());
        assertTrue(fault.getMessage().startsWith(SAME_DAY), fault.getMessage());
        assertEquals(before, everything());
    }

    @Test
    void anUnknownRecurrenceIdIsNotFoundAndAScopeWithoutOneIsRefused() throws Exception {
        List<String> before = everything();
        MoveAppointment unknown = moveOf(seriesId(), null, Scope.OCCURRENCE, "2027-03-22T09:00:00Z");
        unknown.setRecurrenceId(utc("2027-03-23T08:00:00Z"));

        NotFoundFault notFound = assertThrows(NotFoundFault.class, () -> owner.port().moveAppointment(unknown));
        InvalidRequestFault unnamed = assertThrows(InvalidRequestFault.class, () -> owner.port().cancelAppointment(
                cancelOf(null, Scope.FOLLOWING)));

        assertEquals("recurrenceId", notFound.getFaultInfo().getField());
        assertTrue(notFound.getMessage().contains("2027-03-23T08:00:00Z"), notFound.getMessage());
        assertEquals("recurrenceId", unnamed.getFaultInfo().getField());
        assertEquals(before, everything());
    }

    @Test
    void theOwnerMovingAnOccurrenceWhileInviteesAnswerEndsInOneSerialOrder() throws Exception {
        long fourth = occurrence(4).getAppointmentId();
        long firstsFourth = recordIdOf(fourth, first);
        long secondsSeriesRecord = series.getParticipant().get(1).getRecordId();
        first.port().markInvitationSeen(org.invitations.support.Requests.seen(firstsFourth));

        Race race = new Race()
                .add(() -> owner.port().moveAppointment(moveOf(fourth, null, null, "2027-04-05T12:00:00Z")))
                .add(() -> first.port().declineInvitation(decline(firstsFourth, "Travelling")))
                .add(() -> second.port().acceptInvitation(accept(secondsSeriesRecord)));
        race.run(Duration.ofSeconds(60));

        assertEquals(Map.of("OK", 3L), race.outcomes(), race.toString());
        Row declined = recordOf(fourth, first);
        assertFalse(declined.followsSeries());
        assertTrue(declined.status() == 9 || declined.status() == 6,
                "declined after the move (9), or asked again by the move after the decline (6): " + declined);
        var after = owner.port().getAppointmentParticipants(participants(fourth));
        assertEquals(Instant.parse("2027-04-05T12:00:00Z"), instant(after.getAppointment().getStart()));
        assertEquals(1, after.getAppointment().getSequence());
        assertEquals(1, recordOf(seriesId(), second).status());
        // accepting the series' record answers for every occurrence (scope SERIES by default)
        Row seconds = recordOf(fourth, second);
        assertTrue(seconds.status() == 6 && !seconds.followsSeries() || seconds.status() == 1 && seconds.followsSeries(),
                "the series accepted before the move, then asked again (6), or after it (1): " + seconds);
    }
}
