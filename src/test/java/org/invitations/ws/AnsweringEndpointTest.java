package org.invitations.ws;

import org.invitations.ws.generated.InvalidRequestFault;
import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.cancel;
import static org.invitations.support.Requests.decline;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.move;
import static org.invitations.support.Requests.participants;
import static org.invitations.support.Requests.pending;
import static org.invitations.support.Requests.postpone;
import static org.invitations.support.Requests.seen;
import static org.invitations.support.Requests.tentative;
import static org.invitations.support.Requests.withStatuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.invitations.support.EndpointTest;
import org.invitations.ws.generated.AnswerKind;
import org.invitations.ws.generated.Associate;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.GetInvitations;
import org.invitations.ws.generated.InvalidTransitionFault;
import org.invitations.ws.generated.InvitationsPortType;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.ParticipantView;
import org.junit.jupiter.api.Test;

/** The invitee's answers: seen, postpone, decline, tentative, accept, and what the owner sees of them. */
class AnsweringEndpointTest extends EndpointTest {

    /** A meeting from alice to a fresh associate; returns the invitee's record id. */
    private Invitee invite() throws Exception {
        Associate invitee = directory.freshAssociate("inv");
        CreateInvitationResponse created = alice.createInvitation(
                meeting("Asked", freeSlot(), associate(invitee.getAssociateId())));
        return new Invitee(directory.as(invitee), created.getAppointmentId(),
                created.getParticipant().get(0).getRecordId());
    }

    private record Invitee(InvitationsPortType port, long appointmentId, long recordId) {
    }

    private static ParticipantView ownersLine(Invitee invitee) throws Exception {
        return alice.getAppointmentParticipants(participants(invitee.appointmentId())).getParticipant().get(0);
    }

    private static GetInvitations onlyNew() {
        GetInvitations request = pending();
        request.setOnlyNew(true);
        return request;
    }

    @Test
    void openingAndClosingWithoutAnswerMarksItSeen() throws Exception {
        Invitee invitee = invite();

        var answer = invitee.port().markInvitationSeen(seen(invitee.recordId()));

        assertEquals(7, answer.getStatus());
        assertTrue(ownersLine(invitee).isSeen());
        assertEquals(AnswerKind.PENDING, ownersLine(invitee).getAnswer());
        assertTrue(answer.isIsNew(), "seen is not an answer: it keeps coming back as new");
        assertTrue(contains(invitee.port().getInvitations(onlyNew()), invitee.recordId()));
    }

    @Test
    void movedInvitationSeenBecomesEight() throws Exception {
        Invitee invitee = invite();
        invitee.port().markInvitationSeen(seen(invitee.recordId()));
        alice.moveAppointment(move(invitee.appointmentId(), freeSlot()));

        assertEquals(6, find(invitee.port().getInvitations(pending()), invitee.recordId()).getStatus());
        assertEquals(8, invitee.port().markInvitationSeen(seen(invitee.recordId())).getStatus());
    }

    @Test
    void postponedInvitationStaysPendingButIsNoLongerNew() throws Exception {
        Invitee invitee = invite();
        assertTrue(contains(invitee.port().getInvitations(onlyNew()), invitee.recordId()));

        var answer = invitee.port().postponeInvitation(postpone(invitee.recordId()));

        assertEquals(5, answer.getStatus());
        assertFalse(answer.isIsNew());
        assertTrue(contains(invitee.port().getInvitations(pending()), invitee.recordId()));
        assertFalse(find(invitee.port().getInvitations(pending()), invitee.recordId()).isIsNew());
        assertFalse(contains(invitee.port().getInvitations(onlyNew()), invitee.recordId()));
        assertFalse(ownersLine(invitee).isSeen(), "the owner keeps seeing 'has not seen'");
    }

    @Test
    void postponingASeenInvitationKeepsItSeen() throws Exception {
        Invitee invitee = invite();
        invitee.port().markInvitationSeen(seen(invitee.recordId()));

        assertEquals(7, invitee.port().postponeInvitation(postpone(invitee.recordId())).getStatus());
        assertTrue(ownersLine(invitee).isSeen());
    }

    @Test
    void moveMakesAPostponedInvitationNewAgain() throws Exception {
        Invitee invitee = invite();
        invitee.port().postponeInvitation(postpone(invitee.recordId()));

        alice.moveAppointment(move(invitee.appointmentId(), freeSlot()));

        assertTrue(contains(invitee.port().getInvitations(onlyNew()), invitee.recordId()));
    }

    @Test
    void declineWithReasonShowsRedCrossAndReasonToOwner() throws Exception {
        Invitee invitee = invite();

        var answer = invitee.port().declineInvitation(decline(invitee.recordId(), "On holiday that week"));

        assertEquals(9, answer.getStatus());
        ParticipantView line = ownersLine(invitee);
        assertEquals(AnswerKind.DECLINED, line.getAnswer());
        assertEquals("On holiday that week", line.getDeclineReason());
        assertNotNull(line.getAnsweredAt());
        assertTrue(line.isSeen());
        assertEquals(1, alice.getAppointmentParticipants(participants(invitee.appointmentId())).getDeclines());
        assertFalse(contains(invitee.port().getInvitations(pending()), invitee.recordId()), "answered");
    }

    @Test
    void declineReasonLongerThan254CharactersBreaksTheSchema() throws Exception {
        Invitee invitee = invite();

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class,
                () -> invitee.port().declineInvitation(decline(invitee.recordId(), "x".repeat(255))));

        assertEquals("reason", fault.getFaultInfo().getField());
        assertEquals(5, find(invitee.port().getInvitations(pending()), invitee.recordId()).getStatus());
    }

    @Test
    void declinedInvitationCanStillBeAccepted() throws Exception {
        Invitee invitee = invite();
        invitee.port().declineInvitation(decline(invitee.recordId(), null));

        assertEquals(1, invitee.port().acceptInvitation(accept(invitee.recordId())).getStatus());
        assertEquals(AnswerKind.ACCEPTED, ownersLine(invitee).getAnswer());
        assertNull(ownersLine(invitee).getDeclineReason());
    }

    @Test
    void acceptedInvitationCanStillBeDeclined() throws Exception {
        Invitee invitee = invite();
        invitee.port().acceptInvitation(accept(invitee.recordId()));

        assertEquals(9, invitee.port().declineInvitation(decline(invitee.recordId(), "Clash")).getStatus());
    }

    @Test
    void declinedInvitationStaysListableUntilTheDayAfterTheMeeting() throws Exception {
        Associate invitee = directory.freshAssociate("decl");
        InvitationsPortType port = directory.as(invitee);
        OffsetDateTime twoDaysAgo = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusDays(2);
        long past = alice.createInvitation(meeting("Last week", twoDaysAgo, associate(invitee.getAssociateId())))
                .getParticipant().get(0).getRecordId();
        long future = alice.createInvitation(meeting("Next year", freeSlot(), associate(invitee.getAssociateId())))
                .getParticipant().get(0).getRecordId();
        port.declineInvitation(decline(past, null));
        port.declineInvitation(decline(future, null));

        var declined = port.getInvitations(withStatuses(9));

        assertTrue(contains(declined, future));
        assertFalse(contains(declined, past), "gone the day after the meeting");
        assertEquals(1, port.acceptInvitation(accept(past)).getStatus(), "but still answerable by id");
    }

    @Test
    void tentativeAnswerCountsAsAnsweredAndIsMarkedInTheDiary() throws Exception {
        Associate invitee = directory.freshAssociate("tent");
        InvitationsPortType port = directory.as(invitee);
        OffsetDateTime start = freeSlot();
        CreateInvitationResponse created = alice.createInvitation(
                meeting("Maybe", start, associate(invitee.getAssociateId())));
        long recordId = created.getParticipant().get(0).getRecordId();

        var answer = port.tentativelyAcceptInvitation(tentative(recordId));

        assertEquals(14, answer.getStatus());
        assertFalse(answer.isIsNew());
        assertFalse(contains(port.getInvitations(pending()), recordId));
        ParticipantView line = alice.getAppointmentParticipants(participants(created.getAppointmentId()))
                .getParticipant().get(0);
        assertEquals(AnswerKind.TENTATIVE, line.getAnswer());
        assertTrue(line.isSeen());
        var diary = port.getDiary(org.invitations.support.Requests.diary(null, start.minusHours(1), start.plusHours(2)));
        assertEquals(1, diary.getEntry().size());
        assertTrue(diary.getEntry().get(0).isTentative());
        assertEquals(14, diary.getEntry().get(0).getStatus());
    }

    @Test
    void answeringACancelledMeetingIsAnInvalidTransitionNamingBothStates() throws Exception {
        Invitee invitee = invite();
        alice.cancelAppointment(cancel(invitee.appointmentId()));

        InvalidTransitionFault toAccepted = assertThrows(InvalidTransitionFault.class,
                () -> invitee.port().acceptInvitation(accept(invitee.recordId())));
        InvalidTransitionFault toDeclined = assertThrows(InvalidTransitionFault.class,
                () -> invitee.port().declineInvitation(decline(invitee.recordId(), null)));
        InvalidTransitionFault toTentative = assertThrows(InvalidTransitionFault.class,
                () -> invitee.port().tentativelyAcceptInvitation(tentative(invitee.recordId())));
        InvalidTransitionFault toSeen = assertThrows(InvalidTransitionFault.class,
                () -> invitee.port().markInvitationSeen(seen(invitee.recordId())));
        assertThrows(InvalidTransitionFault.class, () -> invitee.port().postponeInvitation(postpone(invitee.recordId())));

        assertEquals(10, toAccepted.getFaultInfo().getCurrentStatus());
        assertEquals(1, toAccepted.getFaultInfo().getRequestedStatus());
        assertTrue(toAccepted.getMessage().contains("cancelled"), toAccepted.getMessage());
        assertEquals(9, toDeclined.getFaultInfo().getRequestedStatus());
        assertEquals(14, toTentative.getFaultInfo().getRequestedStatus());
        assertEquals(7, toSeen.getFaultInfo().getRequestedStatus());
        assertEquals(10, find(invitee.port().getInvitations(withStatuses(10)), invitee.recordId()).getStatus());
    }

    @Test
    void markingAnAnsweredInvitationSeenIsAnInvalidTransition() throws Exception {
        Invitee invitee = invite();
        invitee.port().acceptInvitation(accept(invitee.recordId()));

        InvalidTransitionFault fault = assertThrows(InvalidTransitionFault.class,
                () -> invitee.port().markInvitationSeen(seen(invitee.recordId())));

        assertEquals(1, fault.getFaultInfo().getCurrentStatus());
    }

    @Test
    void onlyTheInviteeAnswersItsOwnRecord() throws Exception {
        Invitee invitee = invite();

        assertThrows(NotAllowedFault.class, () -> bob.declineInvitation(decline(invitee.recordId(), "not mine")));
        assertThrows(NotAllowedFault.class, () -> alice.tentativelyAcceptInvitation(tentative(invitee.recordId())));
        assertThrows(NotAllowedFault.class, () -> carol.markInvitationSeen(seen(invitee.recordId())));
        assertThrows(NotAllowedFault.class, () -> bob.postponeInvitation(postpone(invitee.recordId())));

        assertEquals(5, find(invitee.port().getInvitations(pending()), invitee.recordId()).getStatus());
        assertTrue(find(invitee.port().getInvitations(pending()), invitee.recordId()).isIsNew());
    }

    @Test
    void ownerCannotAnswerItsOwnMasterRecord() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(meeting("Mine", freeSlot(), associate(bobId)));

        NotAllowedFault fault = assertThrows(NotAllowedFault.class,
                () -> alice.declineInvitation(decline(created.getMasterRecordId(), "I won't come")));

        assertTrue(fault.getMessage().contains("owner's own record"), fault.getMessage());
    }

    @Test
    void answerChangesNothingElseOfTheMeeting() throws Exception {
        Invitee invitee = invite();
        var before = alice.getAppointmentParticipants(participants(invitee.appointmentId())).getAppointment();

        invitee.port().declineInvitation(decline(invitee.recordId(), "busy"));
        var after = alice.getAppointmentParticipants(participants(invitee.appointmentId())).getAppointment();

        assertEquals(before.getTitle(), after.getTitle());
        assertEquals(before.getStart(), after.getStart());
        assertEquals(before.getSequence(), after.getSequence());
        assertFalse(after.isCancelled());
    }
}
