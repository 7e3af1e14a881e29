package org.invitations.ws;

import static org.invitations.support.Requests.accept;
import static org.invitations.support.Requests.acknowledge;
import static org.invitations.support.Requests.associate;
import static org.invitations.support.Requests.cancel;
import static org.invitations.support.Requests.decline;
import static org.invitations.support.Requests.freeSlot;
import static org.invitations.support.Requests.list;
import static org.invitations.support.Requests.meeting;
import static org.invitations.support.Requests.move;
import static org.invitations.support.Requests.participants;
import static org.invitations.support.Requests.pending;
import static org.invitations.support.Requests.person;
import static org.invitations.support.Requests.resource;
import static org.invitations.support.Requests.seen;
import static org.invitations.support.Requests.tentative;
import static org.invitations.support.Requests.update;
import static org.invitations.support.Requests.withOptions;
import static org.invitations.support.Requests.withStatuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.invitations.support.Directory.Member;
import org.invitations.support.EndpointTest;
import org.invitations.support.Requests;
import org.invitations.ws.generated.AnswerKind;
import org.invitations.ws.generated.CleanUpCancelled;
import org.invitations.ws.generated.CreateInvitationResponse;
import org.invitations.ws.generated.InvalidRequestFault;
import org.invitations.ws.generated.InvalidTransitionFault;
import org.invitations.ws.generated.ParticipantsResult;
import org.invitations.ws.generated.NotAllowedFault;
import org.invitations.ws.generated.NotFoundFault;
import org.invitations.ws.generated.ParticipantResult;
import org.invitations.ws.generated.ParticipantView;
import org.invitations.ws.generated.Resource;
import org.invitations.ws.generated.UpdateAppointment;
import org.junit.jupiter.api.Test;

/** The owner's operations: move, cancel, update, the Invitations view, acknowledging declines. */
class OwnerEndpointTest extends EndpointTest {

    private static Member fresh(String prefix) throws Exception {
        return directory.freshMember(prefix);
    }

    private static long recordOf(CreateInvitationResponse created, long associateId) {
        return created.getParticipant().stream()
                .filter(p -> p.getParticipant().getAssociateId() != null
                        && p.getParticipant().getAssociateId() == associateId)
                .findFirst().orElseThrow().getRecordId();
    }

    private static Map<Long, Integer> statusByRecord(List<ParticipantResult> participants) {
        return participants.stream().collect(Collectors.toMap(ParticipantResult::getRecordId, ParticipantResult::getStatus));
    }

    @Test
    void movingAsksEveryAssociateInviteeAgainAndRaisesTheSequence() throws Exception {
        Member accepted = fresh("acc");
        Member seenOnly = fresh("seen");
        Member unseen = fresh("unseen");
        Member declined = fresh("decl");
        Member tentativeOne = fresh("tent");
        Resource room = directory.freshResource("Room Move");
        CreateInvitationResponse created = alice.createInvitation(meeting("To be moved", freeSlot(),
                associate(accepted.id()), associate(seenOnly.id()), associate(unseen.id()), associate(declined.id()),
                associate(tentativeOne.id()), person(1), resource(room.getResourceId())));
        accepted.port().acceptInvitation(accept(recordOf(created, accepted.id())));
        seenOnly.port().markInvitationSeen(seen(recordOf(created, seenOnly.id())));
        declined.port().declineInvitation(decline(recordOf(created, declined.id()), "no"));
        tentativeOne.port().tentativelyAcceptInvitation(tentative(recordOf(created, tentativeOne.id())));
        OffsetDateTime newStart = freeSlot();

        ParticipantsResult moved = alice.moveAppointment(move(created.getAppointmentId(), newStart));

        Map<Long, Integer> status = statusByRecord(moved.getParticipant());
        assertEquals(6, status.get(recordOf(created, accepted.id())), "1 -> 6");
        assertEquals(6, status.get(recordOf(created, seenOnly.id())), "7 -> 6");
        assertEquals(5, status.get(recordOf(created, unseen.id())), "5 stays 5");
        assertEquals(6, status.get(recordOf(created, declined.id())), "9 -> 6");
        assertEquals(6, status.get(recordOf(created, tentativeOne.id())), "14 -> 6");
        assertEquals(1, moved.getParticipant().get(5).getStatus(), "the person stays booked");
        assertEquals(1, moved.getParticipant().get(6).getStatus(), "the resource stays booked");
        assertEquals(1, moved.getAppointment().getSequence());
        assertEquals(newStart.toInstant(), moved.getAppointment().getStart().toInstant());
        assertEquals(newStart.toInstant(),
                find(accepted.port().getInvitations(pending()), recordOf(created, accepted.id())).getStart().toInstant(),
                "the invitee's record moved too");
    }

    @Test
    void movedUnseenStaysSixAndSeenMoveBecomesSixAgainOnTheNextMove() throws Exception {
        Member invitee = fresh("mv");
        CreateInvitationResponse created = alice.createInvitation(meeting("Twice moved", freeSlot(), associate(invitee.id())));
        long recordId = created.getParticipant().get(0).getRecordId();
        invitee.port().acceptInvitation(accept(recordId));

        alice.moveAppointment(move(created.getAppointmentId(), freeSlot()));
        ParticipantsResult second = alice.moveAppointment(move(created.getAppointmentId(), freeSlot()));
        assertEquals(6, second.getParticipant().get(0).getStatus(), "6 stays 6 until seen");
        assertEquals(2, second.getAppointment().getSequence());

        assertEquals(8, invitee.port().markInvitationSeen(seen(recordId)).getStatus());
        assertEquals(6, alice.moveAppointment(move(created.getAppointmentId(), freeSlot())).getParticipant().get(0).getStatus());
    }

    @Test
    void directlyBookedAssociateIsMovedWithoutBeingAsked() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(
                withOptions(meeting("Booked", freeSlot(), associate(bobId)), false, null));

        assertEquals(1, alice.moveAppointment(move(created.getAppointmentId(), freeSlot())).getParticipant().get(0).getStatus());
    }

    @Test
    void aColleagueBookedWithoutAnInvitationIsBookedNotAccepted() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(
                withOptions(meeting("Booked for bob", freeSlot(), associate(bobId)), false, null));

        ParticipantView line = alice.getAppointmentParticipants(participants(created.getAppointmentId()))
                .getParticipant().get(0);

        assertEquals(1, line.getStatus());
        assertEquals(AnswerKind.BOOKED, line.getAnswer(), "nobody was asked, so nobody accepted");
    }

    @Test
    void movingRechecksConflicts() throws Exception {
        Resource room = directory.freshResource("Room Conflict");
        OffsetDateTime busySlot = freeSlot();
        carol.createInvitation(meeting("Holds the room", busySlot, resource(room.getResourceId())));
        CreateInvitationResponse created = alice.createInvitation(
                meeting("Will clash", freeSlot(), resource(room.getResourceId())));
        assertFalse(created.getParticipant().get(0).isConflict());

        ParticipantsResult moved = alice.moveAppointment(move(created.getAppointmentId(), busySlot));

        assertTrue(moved.getParticipant().get(0).isConflict());
        assertTrue(alice.getAppointmentParticipants(participants(created.getAppointmentId()))
                .getParticipant().get(0).isConflict(), "and the owner's view shows it");
    }

    @Test
    void onlyTheOwnerMovesAndNothingChangesForAnyoneElse() throws Exception {
        OffsetDateTime start = freeSlot();
        CreateInvitationResponse created = alice.createInvitation(meeting("Alice's", start, associate(bobId)));

        NotAllowedFault fault = assertThrows(NotAllowedFault.class,
                () -> bob.moveAppointment(move(created.getAppointmentId(), freeSlot())));
        assertThrows(NotAllowedFault.class, () -> directory.admin().moveAppointment(move(created.getAppointmentId(), freeSlot())));
        assertThrows(NotAllowedFault.class, () -> bob.cancelAppointment(cancel(created.getAppointmentId())));
        assertThrows(NotAllowedFault.class, () -> carol.getAppointmentParticipants(participants(created.getAppointmentId())));
        UpdateAppointment rename = update(created.getAppointmentId());
        rename.setTitle("Bob's now");
        assertThrows(NotAllowedFault.class, () -> bob.updateAppointment(rename));

        assertTrue(fault.getMessage().contains("alice"), fault.getMessage());
        var appointment = alice.getAppointmentParticipants(participants(created.getAppointmentId())).getAppointment();
        assertEquals(start.toInstant(), appointment.getStart().toInstant());
        assertEquals("Alice's", appointment.getTitle());
        assertFalse(appointment.isCancelled());
        assertEquals(0, appointment.getSequence());
    }

    @Test
    void unknownAppointmentIsNotFound() {
        NotFoundFault fault = assertThrows(NotFoundFault.class, () -> alice.moveAppointment(move(888_888, freeSlot())));

        assertEquals("appointmentId", fault.getFaultInfo().getField());
    }

    @Test
    void moveWithEndBeforeStartIsRefused() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(meeting("Fixed", freeSlot(), associate(bobId)));
        var request = move(created.getAppointmentId(), freeSlot());
        request.setEnd(request.getStart().minusHours(2));

        assertEquals("end", assertThrows(InvalidRequestFault.class, () -> alice.moveAppointment(request))
                .getFaultInfo().getField());
    }

    @Test
    void cancellingSetsEveryRecordToTenAndInviteesSeeItUntilTheyCleanUp() throws Exception {
        Member invitee = fresh("canc");
        CreateInvitationResponse created = alice.createInvitation(
                meeting("Called off", freeSlot(), associate(invitee.id()), person(1)));
        long recordId = created.getParticipant().get(0).getRecordId();

        var cancelled = alice.cancelAppointment(cancel(created.getAppointmentId()));

        assertTrue(cancelled.getAppointment().isCancelled());
        cancelled.getParticipant().forEach(p -> assertEquals(10, p.getStatus()));
        assertFalse(contains(invitee.port().getInvitations(pending()), recordId));
        assertEquals(10, find(invitee.port().getInvitations(withStatuses(10)), recordId).getStatus());

        assertEquals(1, invitee.port().cleanUpCancelled(new CleanUpCancelled()).getRemoved());
        assertFalse(contains(invitee.port().getInvitations(withStatuses(10)), recordId));
        assertEquals(0, invitee.port().cleanUpCancelled(new CleanUpCancelled()).getRemoved());
    }

    @Test
    void cancellingTwiceChangesNothingButMovingACancelledMeetingIsRefused() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(meeting("Gone", freeSlot(), associate(bobId)));
        alice.cancelAppointment(cancel(created.getAppointmentId()));

        assertTrue(alice.cancelAppointment(cancel(created.getAppointmentId())).getAppointment().isCancelled());
        InvalidTransitionFault fault = assertThrows(InvalidTransitionFault.class,
                () -> alice.moveAppointment(move(created.getAppointmentId(), freeSlot())));
        assertEquals(10, fault.getFaultInfo().getCurrentStatus());
        assertEquals(6, fault.getFaultInfo().getRequestedStatus());
        UpdateAppointment rename = update(created.getAppointmentId());
        rename.setTitle("Back again?");
        assertThrows(InvalidTransitionFault.class, () -> alice.updateAppointment(rename));
    }

    @Test
    void cleaningUpAnotherRecordOrOneNotCancelledIsRefused() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(meeting("Live", freeSlot(), associate(bobId)));
        CleanUpCancelled request = new CleanUpCancelled();
        request.setRecordId(created.getParticipant().get(0).getRecordId());

        assertThrows(NotAllowedFault.class, () -> carol.cleanUpCancelled(request));
        assertEquals("recordId", assertThrows(InvalidRequestFault.class, () -> bob.cleanUpCancelled(request))
                .getFaultInfo().getField());
        assertTrue(contains(bob.getInvitations(pending()), request.getRecordId()));
    }

    @Test
    void textChangeReachesParticipantsOnlyWithUpdateAllRecords() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(meeting("Old title", freeSlot(), associate(bobId)));
        long bobsRecord = created.getParticipant().get(0).getRecordId();

        UpdateAppointment ownOnly = update(created.getAppointmentId());
        ownOnly.setTitle("Owner's new title");
        ownOnly.setLocation("Room Bergen");
        var afterOwnOnly = alice.updateAppointment(ownOnly);
        assertEquals("Owner's new title", afterOwnOnly.getAppointment().getTitle());
        assertEquals("Room Bergen", afterOwnOnly.getAppointment().getLocation());
        assertEquals("Old title", find(bob.getInvitations(pending()), bobsRecord).getTitle());

        UpdateAppointment all = update(created.getAppointmentId());
        all.setTitle("Everyone's new title");
        all.setUpdateAllRecords(true);
        alice.updateAppointment(all);
        var bobsView = find(bob.getInvitations(pending()), bobsRecord);
        assertEquals("Everyone's new title", bobsView.getTitle());
        assertEquals("Room Bergen", bobsView.getLocation(), "the whole owner's text is carried over");
    }

    @Test
    void addingAndRemovingParticipants() throws Exception {
        Member added = fresh("add");
        CreateInvitationResponse created = alice.createInvitation(meeting("Changing crew", freeSlot(), associate(bobId)));
        long bobsRecord = created.getParticipant().get(0).getRecordId();
        UpdateAppointment change = update(created.getAppointmentId());
        change.setAddParticipants(list(associate(added.id())));
        change.setRemoveParticipants(list(associate(bobId)));

        var after = alice.updateAppointment(change);

        assertEquals(10, statusByRecord(after.getParticipant()).get(bobsRecord), "a removed associate's record -> 10");
        ParticipantResult addedRecord = after.getParticipant().stream()
                .filter(p -> p.getParticipant().getAssociateId() == added.id()).findFirst().orElseThrow();
        assertEquals(5, addedRecord.getStatus());
        assertTrue(contains(added.port().getInvitations(pending()), addedRecord.getRecordId()));
        assertEquals(10, find(bob.getInvitations(withStatuses(10)), bobsRecord).getStatus());

        UpdateAppointment again = update(created.getAppointmentId());
        again.setAddParticipants(list(associate(bobId)));
        assertEquals(5, statusByRecord(alice.updateAppointment(again).getParticipant()).get(bobsRecord),
                "added again: asked again on the same record");
    }

    @Test
    void removingANonParticipantOrAddingOneTwiceIsRefused() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(meeting("Crew", freeSlot(), associate(bobId)));
        UpdateAppointment removeCarol = update(created.getAppointmentId());
        removeCarol.setRemoveParticipants(list(associate(carolId)));
        UpdateAppointment addBob = update(created.getAppointmentId());
        addBob.setAddParticipants(list(associate(bobId)));
        UpdateAppointment addGhost = update(created.getAppointmentId());
        addGhost.setAddParticipants(list(resource(555_555)));

        assertEquals("removeParticipants/participant[1]/associateId",
                assertThrows(InvalidRequestFault.class, () -> alice.updateAppointment(removeCarol)).getFaultInfo().getField());
        assertEquals("addParticipants/participant[1]/associateId",
                assertThrows(InvalidRequestFault.class, () -> alice.updateAppointment(addBob)).getFaultInfo().getField());
        assertEquals("addParticipants/participant[1]/resourceId",
                assertThrows(NotFoundFault.class, () -> alice.updateAppointment(addGhost)).getFaultInfo().getField());
        assertEquals(1, alice.getAppointmentParticipants(participants(created.getAppointmentId())).getParticipant().size());
    }

    @Test
    void ownerWithoutMasterRecordKeepsEveryOwnerRight() throws Exception {
        OffsetDateTime start = freeSlot();
        CreateInvitationResponse created = carol.createInvitation(
                withOptions(meeting("Carol organises", start, associate(bobId)), null, false));
        long appointmentId = created.getAppointmentId();

        assertEquals(1, carol.getAppointmentParticipants(participants(appointmentId)).getParticipant().size());
        UpdateAppointment rename = update(appointmentId);
        rename.setTitle("Renamed by carol");
        assertEquals("Renamed by carol", carol.updateAppointment(rename).getAppointment().getTitle());
        assertEquals(1, carol.moveAppointment(move(appointmentId, freeSlot())).getAppointment().getSequence());
        assertTrue(carol.getDiary(Requests.diary(null, start.minusDays(300), start.plusDays(1))).getEntry().stream()
                .noneMatch(e -> e.getAppointmentId() == appointmentId), "no master record in carol's diary");
        assertTrue(carol.cancelAppointment(cancel(appointmentId)).getAppointment().isCancelled());
    }

    @Test
    void invitationsViewShowsEveryParticipantsAnswer() throws Exception {
        Member yes = fresh("yes");
        Member no = fresh("no");
        Member maybe = fresh("maybe");
        Member silent = fresh("silent");
        Resource room = directory.freshResource("Room View");
        CreateInvitationResponse created = alice.createInvitation(meeting("Who comes", freeSlot(),
                associate(yes.id()), associate(no.id()), associate(maybe.id()), associate(silent.id()),
                person(2), resource(room.getResourceId())));
        yes.port().acceptInvitation(accept(recordOf(created, yes.id())));
        no.port().declineInvitation(decline(recordOf(created, no.id()), "Travelling"));
        maybe.port().tentativelyAcceptInvitation(tentative(recordOf(created, maybe.id())));

        var view = alice.getAppointmentParticipants(participants(created.getAppointmentId()));

        Map<Long, ParticipantView> byRecord = view.getParticipant().stream()
                .collect(Collectors.toMap(ParticipantView::getRecordId, Function.identity()));
        assertEquals(6, view.getParticipant().size(), "the owner's own record is not a participant line");
        assertEquals(AnswerKind.ACCEPTED, byRecord.get(recordOf(created, yes.id())).getAnswer());
        ParticipantView refusal = byRecord.get(recordOf(created, no.id()));
        assertEquals(AnswerKind.DECLINED, refusal.getAnswer());
        assertEquals("Travelling", refusal.getDeclineReason());
        assertFalse(refusal.isDeclineAcknowledged());
        assertEquals(AnswerKind.TENTATIVE, byRecord.get(recordOf(created, maybe.id())).getAnswer());
        ParticipantView waiting = byRecord.get(recordOf(created, silent.id()));
        assertEquals(AnswerKind.PENDING, waiting.getAnswer());
        assertFalse(waiting.isSeen());
        assertNull(waiting.getAnsweredAt());
        assertEquals(silent.associate().getFullName(), waiting.getName());
        assertEquals("Kari Nordmann", view.getParticipant().get(4).getName());
        assertEquals(AnswerKind.BOOKED, view.getParticipant().get(4).getAnswer());
        assertEquals("Room View", view.getParticipant().get(5).getName());
        assertEquals(1, view.getDeclines());
        assertEquals(1, view.getUnacknowledgedDeclines());
    }

    @Test
    void ownerAcknowledgesARefusal() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(meeting("Refused", freeSlot(), associate(bobId)));
        long recordId = created.getParticipant().get(0).getRecordId();
        bob.declineInvitation(decline(recordId, "No thanks"));

        assertThrows(NotAllowedFault.class, () -> bob.acknowledgeDecline(acknowledge(recordId)));
        assertTrue(alice.acknowledgeDecline(acknowledge(recordId)).isDeclineAcknowledged());

        var view = alice.getAppointmentParticipants(participants(created.getAppointmentId()));
        assertEquals(1, view.getDeclines());
        assertEquals(0, view.getUnacknowledgedDeclines());
        assertTrue(view.getParticipant().get(0).isDeclineAcknowledged());
    }

    @Test
    void acknowledgingAnAnswerThatIsNotARefusalIsAnInvalidTransition() throws Exception {
        CreateInvitationResponse created = alice.createInvitation(meeting("Accepted", freeSlot(), associate(bobId)));
        long recordId = created.getParticipant().get(0).getRecordId();
        bob.acceptInvitation(accept(recordId));

        InvalidTransitionFault fault = assertThrows(InvalidTransitionFault.class,
                () -> alice.acknowledgeDecline(acknowledge(recordId)));

        assertEquals(1, fault.getFaultInfo().getCurrentStatus());
        assertEquals(9, fault.getFaultInfo().getRequestedStatus());
    }
}
