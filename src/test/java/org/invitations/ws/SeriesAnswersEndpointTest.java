package org.invitations.ws;

import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.acknowledge;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.cancel;
import static org.invitations.support.Requests.decline;
import static org.invitations.support.Requests.diary;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.participants;
import static org.invitations.support.Requests.pending;
import static org.invitations.support.Requests.postpone;
import static org.invitations.support.Requests.tentative;
import static org.invitations.support.Requests.seen;
import static org.invitations.support.Requests.withStatuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.invitations.support.Directory.Member;
import org.invitations.support.EndpointTest;
import org.invitations.support.Race;
import org.invitations.support.TestServer;
import org.invitations.ws.generated.AnswerKind;
import org.invitations.ws.generated.AnswerResult;
import org.invitations.ws.generated.CreateInvitation;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.DeclineInvitation;
import org.invitations.ws.generated.DiaryEntry;
import org.invitations.ws.generated.Frequency;
import org.invitations.ws.generated.GetAppointmentParticipantsResponse;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvalidTransitionFault;
import org.invitations.ws.generated.InvitationItem;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.Occurrence;
import org.invitations.ws.generated.OccurrenceAnswer;
import org.invitations.ws.generated.ParticipantView;
import org.invitations.ws.generated.RecordRequest;
import org.invitations.ws.generated.Recurrence;
import org.invitations.ws.generated.Scope;
import org.invitations.ws.generated.TentativelyAcceptInvitation;
import org.junit.jupiter.api.Test;

/**
 * An invitee answers a series once for every occurrence, then single occurrences or "this and the following"
 * differently; the owner sees the series answer with the occurrences answered differently. Through the real
 * endpoint, a weekly 09:00 Europe/Oslo series of 10 across the change to summer time on 2027-03-28.
 */
class SeriesAnswersEndpointTest extends EndpointTest {

    /** Monday 15 March 2027, 09:00 in Oslo (winter time): the first two occurrences are 08:00Z, the rest 07:00Z. */
    private static final OffsetDateTime MONDAY_NINE_OSLO = OffsetDateTime.parse("2027-03-15T08:00:00Z");
    private static final OffsetDateTime BEFORE = MONDAY_NINE_OSLO.minusDays(1);
    private static final OffsetDateTime AFTER = MONDAY_NINE_OSLO.plusDays(90);

    /** A weekly team meeting and its invitees, each with the record of the series. */
    private record Weekly(Member owner, CreateInvitationResponse created, List<Member> invitees) {

        long seriesId() {
            return created.getAppointmentId();
        }

        long seriesRecord(int invitee) {
            return created.getParticipant().get(invitee).getRecordId();
        }

        /** The n-th occurrence, from 1. */
        Occurrence occurrence(int n) {
            return created.getOccurrence().get(n - 1);
        }

        OffsetDateTime recurrenceId(int n) {
            return occurrence(n).getRecurrenceId();
        }

        /** The invitee's own record on the n-th occurrence, as the owner's view of that occurrence shows it. */
        long occurrenceRecord(int n, int invitee) throws Exception {
            long who = invitees.get(invitee).id();
            return owner.port().getAppointmentParticipants(participants(occurrence(n).getAppointmentId()))
                    .getParticipant().stream().filter(p -> p.getParticipant().getAssociateId() == who).findFirst()
                    .orElseThrow().getRecordId();
        }

        ParticipantView ownersLine(int invitee) throws Exception {
            return ownersView().getParticipant().get(invitee);
        }

        GetAppointmentParticipantsResponse ownersView() throws Exception {
            return owner.port().getAppointmentParticipants(participants(seriesId()));
        }
    }

    private static Weekly weekly(int invitees) throws Exception {
        Member owner = directory.freshMember("owner");
        List<Member> members = new ArrayList<>();
        List<org.invitations.ws.generated.ParticipantRef> refs = new ArrayList<>();
        for (int i = 0; i < invitees; i++) {
            Member invitee = directory.freshMember("invitee");
            members.add(invitee);
            refs.add(associate(invitee.id()));
        }
        Recurrence recurrence = new Recurrence();
        recurrence.setFrequency(Frequency.WEEKLY);
        recurrence.setCount(10);
        CreateInvitation request = meeting("Team meeting", MONDAY_NINE_OSLO,
                refs.toArray(new org.invitations.ws.generated.ParticipantRef[0]));
        request.setTimeZone("Europe/Oslo");
        request.setRecurrence(recurrence);
        return new Weekly(owner, owner.port().createInvitation(request), members);
    }

    private static RecordRequest accepting(long recordId, OffsetDateTime recurrenceId, Scope scope) {
        RecordRequest request = accept(recordId);
        request.setRecurrenceId(recurrenceId);
        request.setScope(scope);
        return request;
    }

    private static DeclineInvitation declining(long recordId, String reason, OffsetDateTime recurrenceId, Scope scope) {
        DeclineInvitation request = decline(recordId, reason);
        request.setRecurrenceId(recurrenceId);
        request.setScope(scope);
        return request;
    }

    private static List<DiaryEntry> diaryOf(Member member) throws Exception {
        return member.port().getDiary(diary(null, BEFORE, AFTER)).getEntry();
    }

    private static Instant instant(OffsetDateTime time) {
        return time.toInstant();
    }

    /** Every record's state and the audit log's length: what a refused answer must leave as it was. */
    private String database() throws Exception {
        StringBuilder state = new StringBuilder();
        try (Connection connection = TestServer.connectionFor(getClass());
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select id, status, follows_series, listed_in, is_new,"
                    + " decline_reason, version from participant_record order by id")) {
                while (rows.next()) {
                    for (int column = 1; column <= 7; column++) {
                        state.append(rows.getString(column)).append(column == 7 ? "\n" : " ");
                    }
                }
            }
            try (ResultSet count = statement.executeQuery("select count(*) from audit_event")) {
                count.next();
                state.append("audit ").append(count.getLong(1));
            }
        }
        return state.toString();
    }

    private long auditEntries(String operation) throws Exception {
        try (Connection connection = TestServer.connectionFor(getClass());
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery(
                     "select count(*) from audit_event where operation = '" + operation + "'")) {
            count.next();
            return count.getLong(1);
        }
    }

    @Test
    void acceptingTheSeriesEmptiesTheInvitationsAndPutsEveryOccurrenceInTheDiaryAtNineOsloTime() throws Exception {
        Weekly weekly = weekly(1);
        Member invitee = weekly.invitees().get(0);
        long audited = auditEntries("AcceptInvitation");

        AnswerResult answer = invitee.port().acceptInvitation(accept(weekly.seriesRecord(0)));

        assertEquals(weekly.seriesRecord(0), answer.getRecordId(), "the series' record answers for the series");
        assertEquals(1, answer.getStatus());
        assertEquals(10, answer.getOccurrencesChanged());
        assertEquals(weekly.seriesId(), answer.getAppointment().getSeries().getSeriesId());
        assertEquals(audited + 1, auditEntries("AcceptInvitation"), "one audit entry, not one per occurrence");
        assertTrue(invitee.port().getInvitations(pending()).getInvitation().isEmpty());
        List<DiaryEntry> diary = diaryOf(invitee);
        assertEquals(10, diary.size());
        for (int i = 0; i < 10; i++) {
            DiaryEntry entry = diary.get(i);
            assertEquals(weekly.occurrence(i + 1).getAppointmentId(), entry.getAppointmentId());
            assertEquals(weekly.seriesId(), entry.getSeriesId());
            Instant expected = instant(MONDAY_NINE_OSLO.plusWeeks(i)).minus(Duration.ofHours(i < 2 ? 0 : 1));
            assertEquals(expected, instant(entry.getStart()), "occurrence " + (i + 1) + " at 09:00 in Oslo");
            assertEquals(expected.plus(Duration.ofHours(1)), instant(entry.getEnd()));
        }
        assertEquals(Instant.parse("2027-03-22T08:00:00Z"), instant(diary.get(1).getStart()));
        assertEquals(Instant.parse("2027-03-29T07:00:00Z"), instant(diary.get(2).getStart()));
        ParticipantView line = weekly.ownersLine(0);
        assertEquals(AnswerKind.ACCEPTED, line.getAnswer());
        assertTrue(line.getException().isEmpty());
        assertTrue(invitee.port().getInvitations(withStatuses(9)).getInvitation().isEmpty());
    }

    @Test
    void decliningTheThirdOccurrenceOnlyShowsTheOwnerTheSeriesAcceptedWithOneDeclinedException() throws Exception {
        Weekly weekly = weekly(1);
        Member invitee = weekly.invitees().get(0);
        invitee.port().acceptInvitation(accept(weekly.seriesRecord(0)));

        AnswerResult answer = invitee.port().declineInvitation(declining(weekly.seriesRecord(0), "Dentist that morning",
                weekly.recurrenceId(3), null));

        long third = weekly.occurrenceRecord(3, 0);
        assertEquals(third, answer.getRecordId(), "with a recurrenceId the answer is the occurrence's");
        assertEquals(9, answer.getStatus());
        assertEquals(1, answer.getOccurrencesChanged());
        assertEquals(weekly.seriesId(), answer.getAppointment().getSeriesId());
        assertEquals(Instant.parse("2027-03-29T07:00:00Z"), instant(answer.getAppointment().getRecurrenceId()));
        List<DiaryEntry> diary = diaryOf(invitee);
        assertEquals(9, diary.size());
        assertTrue(diary.stream().noneMatch(e -> e.getAppointmentId() == weekly.occurrence(3).getAppointmentId()));
        List<InvitationItem> declined = invitee.port().getInvitations(withStatuses(9)).getInvitation();
        assertEquals(1, declined.size());
        assertEquals(third, declined.get(0).getRecordId());
        assertEquals(weekly.seriesId(), declined.get(0).getSeriesId());
        assertEquals(instant(weekly.recurrenceId(3)), instant(declined.get(0).getRecurrenceId()));
        assertTrue(invitee.port().getInvitations(pending()).getInvitation().isEmpty());

        GetAppointmentParticipantsResponse view = weekly.ownersView();
        ParticipantView line = view.getParticipant().get(0);
        assertEquals(weekly.seriesRecord(0), line.getRecordId());
        assertEquals(1, line.getStatus());
        assertEquals(AnswerKind.ACCEPTED, line.getAnswer());
        assertEquals(1, line.getException().size());
        OccurrenceAnswer exception = line.getException().get(0);
        assertEquals(weekly.occurrence(3).getAppointmentId(), exception.getAppointmentId());
        assertEquals(instant(weekly.recurrenceId(3)), instant(exception.getRecurrenceId()));
        assertEquals(third, exception.getRecordId());
        assertEquals(9, exception.getStatus());
        assertEquals(AnswerKind.DECLINED, exception.getAnswer());
        assertEquals("Dentist that morning", exception.getDeclineReason());
        assertEquals(1, view.getDeclines());
        assertEquals(1, view.getUnacknowledgedDeclines());

        RecordRequest acknowledging = acknowledge(weekly.seriesRecord(0));
        acknowledging.setRecurrenceId(weekly.recurrenceId(3));
        var acknowledged = weekly.owner().port().acknowledgeDecline(acknowledging);

        assertEquals(third, acknowledged.getRecordId(), "the occurrence's refusal is the one acknowledged");
        assertTrue(acknowledged.isDeclineAcknowledged());
        assertEquals(0, weekly.ownersView().getUnacknowledgedDeclines());
        ParticipantView occurrenceLine = weekly.owner().port().getAppointmentParticipants(
                participants(weekly.occurrence(3).getAppointmentId())).getParticipant().get(0);
        assertEquals(third, occurrenceLine.getRecordId(), "an occurrence is viewed as a single meeting");
        assertEquals(AnswerKind.DECLINED, occurrenceLine.getAnswer());
        assertTrue(occurrenceLine.getException().isEmpty());
    }

    @Test
    void decliningThisAndTheFollowingFromTheEighthThenAcceptingTheSeriesAgainLeavesNoExceptions() throws Exception {
        Weekly weekly = weekly(1);
        Member invitee = weekly.invitees().get(0);
        invitee.port().acceptInvitation(accept(weekly.seriesRecord(0)));

        AnswerResult following = invitee.port().declineInvitation(declining(weekly.seriesRecord(0), "New job",
                weekly.recurrenceId(8), Scope.FOLLOWING));

        assertEquals(weekly.occurrenceRecord(8, 0), following.getRecordId());
        assertEquals(3, following.getOccurrencesChanged());
        assertEquals(7, diaryOf(invitee).size());
        ParticipantView line = weekly.ownersLine(0);
        assertEquals(AnswerKind.ACCEPTED, line.getAnswer(), "the series' own answer stays");
        assertEquals(List.of(instant(weekly.recurrenceId(8)), instant(weekly.recurrenceId(9)),
                        instant(weekly.recurrenceId(10))),
                line.getException().stream().map(e -> instant(e.getRecurrenceId())).toList());
        assertTrue(line.getException().stream().allMatch(e -> e.getAnswer() == AnswerKind.DECLINED
                && e.getDeclineReason().equals("New job")));
        assertEquals(3, invitee.port().getInvitations(withStatuses(9)).getInvitation().size());

        AnswerResult again = invitee.port().acceptInvitation(accepting(weekly.seriesRecord(0), null, Scope.SERIES));

        assertEquals(weekly.seriesRecord(0), again.getRecordId());
        assertEquals(3, again.getOccurrencesChanged(), "only the three declined ones changed");
        assertEquals(10, diaryOf(invitee).size());
        assertTrue(weekly.ownersLine(0).getException().isEmpty(), "the exceptions are gone");
        assertTrue(invitee.port().getInvitations(withStatuses(9)).getInvitation().isEmpty());
    }

    @Test
    void anAnswerForTheFollowingOrTheSeriesMayBeGivenOnAnOccurrencesOwnRecord() throws Exception {
        Weekly weekly = weekly(1);
        Member invitee = weekly.invitees().get(0);

        TentativelyAcceptInvitation maybe = tentative(weekly.occurrenceRecord(6, 0));
        maybe.setScope(Scope.FOLLOWING);
        AnswerResult tentative = invitee.port().tentativelyAcceptInvitation(maybe);
        AnswerResult whole = invitee.port().declineInvitation(declining(weekly.occurrenceRecord(2, 0), "Not my team",
                null, Scope.SERIES));

        assertEquals(weekly.occurrenceRecord(6, 0), tentative.getRecordId());
        assertEquals(14, tentative.getStatus());
        assertEquals(5, tentative.getOccurrencesChanged());
        assertEquals(weekly.seriesRecord(0), whole.getRecordId(), "an answer for the series names the series' record");
        assertEquals(9, whole.getStatus());
        assertEquals(10, whole.getOccurrencesChanged());
        assertTrue(diaryOf(invitee).isEmpty());
        ParticipantView line = weekly.ownersLine(0);
        assertEquals(AnswerKind.DECLINED, line.getAnswer());
        assertEquals("Not my team", line.getDeclineReason());
        assertTrue(line.getException().isEmpty());
        List<InvitationItem> declined = invitee.port().getInvitations(withStatuses(9)).getInvitation();
        assertEquals(1, declined.size(), "one item: the series");
        assertEquals(weekly.seriesId(), declined.get(0).getSeries().getSeriesId());
    }

    @Test
    void aMovedOccurrenceShowsAsItsOwnInvitationUntilTheSeriesIsAcceptedAgain() throws Exception {
        Weekly weekly = weekly(1);
        Member invitee = weekly.invitees().get(0);
        invitee.port().acceptInvitation(accept(weekly.seriesRecord(0)));
        long sixth = weekly.occurrenceRecord(6, 0);

        weekly.owner().port().moveAppointment(org.invitations.support.Requests.move(
                weekly.occurrence(6).getAppointmentId(), weekly.occurrence(6).getStart().plusHours(2)));

        List<InvitationItem> items = invitee.port().getInvitations(pending()).getInvitation();
        assertEquals(1, items.size());
        assertEquals(sixth, items.get(0).getRecordId());
        assertEquals(6, items.get(0).getStatus());
        assertEquals(weekly.seriesId(), items.get(0).getSeriesId());
        assertEquals(instant(weekly.recurrenceId(6)), instant(items.get(0).getRecurrenceId()));
        assertEquals(9, diaryOf(invitee).size());
        List<OccurrenceAnswer> exceptions = weekly.ownersLine(0).getException();
        assertEquals(List.of(sixth), exceptions.stream().map(OccurrenceAnswer::getRecordId).toList());
        assertEquals(AnswerKind.PENDING, exceptions.get(0).getAnswer());

        AnswerResult again = invitee.port().acceptInvitation(accept(weekly.seriesRecord(0)));

        assertEquals(1, again.getOccurrencesChanged());
        assertTrue(invitee.port().getInvitations(pending()).getInvitation().isEmpty());
        assertEquals(10, diaryOf(invitee).size());
        assertTrue(weekly.ownersLine(0).getException().isEmpty());
    }

    @Test
    void anAnswerForTheSeriesSkipsACancelledOccurrence() throws Exception {
        Weekly weekly = weekly(1);
        Member invitee = weekly.invitees().get(0);
        long fourth = weekly.occurrenceRecord(4, 0);
        weekly.owner().port().cancelAppointment(cancel(weekly.occurrence(4).getAppointmentId()));

        AnswerResult answer = invitee.port().acceptInvitation(accept(weekly.seriesRecord(0)));

        assertEquals(9, answer.getOccurrencesChanged());
        List<DiaryEntry> diary = diaryOf(invitee);
        assertEquals(9, diary.size());
        assertTrue(diary.stream().noneMatch(e -> e.getAppointmentId() == weekly.occurrence(4).getAppointmentId()));
        assertEquals(10, weekly.owner().port().getAppointmentParticipants(participants(
                weekly.occurrence(4).getAppointmentId())).getParticipant().get(0).getStatus());
        String before = database();
        InvalidTransitionFault named = assertThrows(InvalidTransitionFault.class,
                () -> invitee.port().acceptInvitation(accepting(weekly.seriesRecord(0), weekly.recurrenceId(4), null)));
        InvalidTransitionFault following = assertThrows(InvalidTransitionFault.class,
                () -> invitee.port().acceptInvitation(accepting(fourth, null, Scope.FOLLOWING)));
        assertEquals(10, named.getFaultInfo().getCurrentStatus());
        assertEquals("recordId", following.getFaultInfo().getField());
        assertEquals(before, database());
    }

    @Test
    void seenAndPostponedOnTheSeriesKeepOneInvitationItem() throws Exception {
        Weekly weekly = weekly(1);
        Member invitee = weekly.invitees().get(0);

        AnswerResult seenOnce = invitee.port().markInvitationSeen(seen(weekly.seriesRecord(0)));
        AnswerResult postponed = invitee.port().postponeInvitation(postpone(weekly.seriesRecord(0)));

        assertEquals(7, seenOnce.getStatus());
        assertEquals(10, seenOnce.getOccurrencesChanged());
        assertFalse(postponed.isIsNew());
        List<InvitationItem> items = invitee.port().getInvitations(pending()).getInvitation();
        assertEquals(1, items.size());
        assertEquals(weekly.seriesRecord(0), items.get(0).getRecordId());
        assertEquals(7, items.get(0).getStatus());
        assertFalse(items.get(0).isIsNew());
        assertTrue(weekly.ownersLine(0).isSeen());
        assertTrue(weekly.ownersLine(0).getException().isEmpty());
    }

    @Test
    void unknownOccurrencesScopesOnSingleMeetingsAndOtherPeoplesRecordsAreRefusedWithNothingWritten() throws Exception {
        Weekly weekly = weekly(2);
        Member invitee = weekly.invitees().get(0);
        Member other = weekly.invitees().get(1);
        long single = weekly.owner().port().createInvitation(meeting("One-off", MONDAY_NINE_OSLO.plusDays(1),
                associate(invitee.id()))).getParticipant().get(0).getRecordId();
        String before = database();

        NotFoundFault unknown = assertThrows(NotFoundFault.class, () -> invitee.port().acceptInvitation(
                accepting(weekly.seriesRecord(0), MONDAY_NINE_OSLO.plusDays(1), null)));
        NotFoundFault unknownForSeries = assertThrows(NotFoundFault.class, () -> invitee.port().declineInvitation(
                declining(weekly.seriesRecord(0), null, MONDAY_NINE_OSLO.plusMinutes(30), Scope.SERIES)));
        InvalidRequestFault scoped = assertThrows(InvalidRequestFault.class, () -> invitee.port().acceptInvitation(
                accepting(single, null, Scope.SERIES)));
        InvalidRequestFault following = assertThrows(InvalidRequestFault.class, () -> invitee.port().declineInvitation(
                declining(single, "No", null, Scope.FOLLOWING)));
        InvalidRequestFault named = assertThrows(InvalidRequestFault.class, () -> invitee.port().acceptInvitation(
                accepting(single, MONDAY_NINE_OSLO, null)));
        InvalidRequestFault unnamed = assertThrows(InvalidRequestFault.class, () -> invitee.port().acceptInvitation(
                accepting(weekly.seriesRecord(0), null, Scope.FOLLOWING)));
        NotAllowedFault othersSeries = assertThrows(NotAllowedFault.class, () -> other.port().acceptInvitation(
                accepting(weekly.seriesRecord(0), null, Scope.SERIES)));
        NotAllowedFault othersOccurrence = assertThrows(NotAllowedFault.class, () -> other.port().declineInvitation(
                declining(weekly.occurrenceRecord(5, 0), "Not mine", null, Scope.FOLLOWING)));

        assertEquals("recurrenceId", unknown.getFaultInfo().getField());
        assertTrue(unknown.getMessage().contains("2027-03-16T08:00:00Z"), unknown.getMessage());
        assertEquals("recurrenceId", unknownForSeries.getFaultInfo().getField());
        assertEquals("scope", scoped.getFaultInfo().getField());
        assertTrue(scoped.getMessage().contains("not a series"), scoped.getMessage());
        assertEquals("scope", following.getFaultInfo().getField());
        assertEquals("recurrenceId", named.getFaultInfo().getField());
        assertEquals("recurrenceId", unnamed.getFaultInfo().getField());
        assertEquals(weekly.seriesRecord(0), othersSeries.getFaultInfo().getId());
        assertEquals(weekly.occurrenceRecord(5, 0), othersOccurrence.getFaultInfo().getId());
        assertEquals(before, database());
        assertEquals(2, invitee.port().getInvitations(pending()).getInvitation().size(), "the series and the one-off");

        AnswerResult occurrenceScope = invitee.port().acceptInvitation(accepting(single, null, Scope.OCCURRENCE));
        assertEquals(1, occurrenceScope.getStatus(), "OCCURRENCE on a single meeting's record is that record");
        assertNull(occurrenceScope.getOccurrencesChanged());
    }

    @Test
    void twoInviteesAnsweringTheWholeSeriesAtOnceBothGetTheirAnswerOnEveryOccurrence() throws Exception {
        for (int round = 0; round < 3; round++) {
            Weekly weekly = weekly(2);
            Race race = new Race()
                    .add(() -> weekly.invitees().get(0).port().acceptInvitation(accept(weekly.seriesRecord(0))))
                    .add(() -> weekly.invitees().get(1).port().declineInvitation(
                            declining(weekly.seriesRecord(1), "Busy", null, Scope.SERIES)));

            race.run(Duration.ofSeconds(60));

            assertEquals(Map.of("OK", 2L), race.outcomes(), race.toString());
            assertEquals(10, diaryOf(weekly.invitees().get(0)).size());
            assertTrue(diaryOf(weekly.invitees().get(1)).isEmpty());
            GetAppointmentParticipantsResponse view = weekly.ownersView();
            assertEquals(AnswerKind.ACCEPTED, view.getParticipant().get(0).getAnswer());
            assertEquals(AnswerKind.DECLINED, view.getParticipant().get(1).getAnswer());
            assertTrue(view.getParticipant().stream().allMatch(p -> p.getException().isEmpty()));
            for (int n = 1; n <= 10; n++) {
                List<ParticipantView> occurrence = weekly.owner().port().getAppointmentParticipants(
                        participants(weekly.occurrence(n).getAppointmentId())).getParticipant();
                assertEquals(List.of(1, 9), occurrence.stream().map(ParticipantView::getStatus).toList(),
                        "occurrence " + n);
            }
        }
    }

    @Test
    void theSameInviteeAnsweringTheSeriesAndOneOccurrenceAtOnceEndsInOneOfTheSerialOrders() throws Exception {
        for (int round = 0; round < 4; round++) {
            Weekly weekly = weekly(1);
            Member invitee = weekly.invitees().get(0);
            long third = weekly.occurrenceRecord(3, 0);
            Race race = new Race()
                    .add(() -> invitee.port().acceptInvitation(accepting(weekly.seriesRecord(0), null, Scope.SERIES)))
                    .add(() -> invitee.port().declineInvitation(declining(third, "Away", null, Scope.OCCURRENCE)));

            race.run(Duration.ofSeconds(60));

            assertEquals(Map.of("OK", 2L), race.outcomes(), race.toString());
            ParticipantView line = weekly.ownersLine(0);
            assertEquals(AnswerKind.ACCEPTED, line.getAnswer());
            List<DiaryEntry> diary = diaryOf(invitee);
            if (line.getException().isEmpty()) {
                // the occurrence's decline first, then the series' accept over it
                assertEquals(10, diary.size());
            } else {
                // the series' accept first, then the occurrence's decline
                assertEquals(List.of(third), line.getException().stream().map(OccurrenceAnswer::getRecordId).toList());
                assertEquals(AnswerKind.DECLINED, line.getException().get(0).getAnswer());
                assertEquals(9, diary.size());
                assertEquals(1, invitee.port().getInvitations(withStatuses(9)).getInvitation().size());
            }
            assertTrue(invitee.port().getInvitations(pending()).getInvitation().isEmpty());
        }
    }
}
