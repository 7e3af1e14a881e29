package org.invitations.invitation;

import static org.invitations.invitation.AppointmentFixtures.withId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.invitations.directory.Associate;
import org.invitations.directory.Contact;
import org.invitations.directory.Person;
import org.invitations.directory.Resource;
import org.invitations.invitation.NewMeeting.ParticipantRef;
import org.invitations.security.Role;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.InvalidTransition;
import org.junit.jupiter.api.Test;

/**
 * The appointment aggregate without a database: who takes part, moving, updating, cancelling, the
 * answers given through it, and tasks; the rules of docs/domain.md on appointments.
 */
class AppointmentTest {

    private static final Instant NOW = Instant.parse("2030-01-01T08:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(60);
    private static final Instant NINE = Instant.parse("2030-01-02T09:00:00Z");
    private static final Instant TEN = NINE.plusSeconds(3600);
    private static final String FIELD = "participants/participant[1]/associateId";

    private final Associate alice = withId(new Associate("alice", "Alice Andersen", null, "hash", Role.USER), 1L);
    private final Associate bob = withId(new Associate("bob", "Bob Berg", null, "hash", Role.USER), 2L);
    private final Associate carol = withId(new Associate("carol", "Carol Carlsen", null, "hash", Role.USER), 3L);
    private final Person petra = withId(new Contact("Customer AS").addPerson("Petra Persson", null, null), 10L);
    private final Resource meetingRoom = withId(new Resource("Meeting room", null), 20L);
    private final Participants found = new Participants(Map.of(2L, bob, 3L, carol), Map.of(10L, petra),
            Map.of(20L, meetingRoom));

    // ------------------------------------------------------------------ who takes part

    @Test
    void ownersMasterRecordIsBookedAndNotAParticipant() {
        Appointment meeting = meeting();

        ParticipantRecord master = meeting.includeOwner(NOW);

        assertTrue(master.isMaster());
        assertEquals(Status.BOOKED, master.getStatus());
        assertSame(alice, master.getAssociate());
        assertEquals(List.of(master), meeting.getRecords());
        assertEquals(List.of(), meeting.getParticipantRecords());
    }

    @Test
    void associateIsInvitedWhenInvitationsAreSentAndBookedWhenNot() {
        Appointment meeting = meeting();

        ParticipantRecord invited = meeting.addParticipant(associate(2), found, true, false, NOW, FIELD);
        ParticipantRecord booked = meeting.addParticipant(associate(3), found, false, false, NOW, FIELD);

        assertEquals(Status.INVITED, invited.getStatus());
        assertTrue(invited.isInvitationSent());
        assertEquals(Status.BOOKED, booked.getStatus());
        assertFalse(booked.isInvitationSent());
        assertEquals(List.of(invited, booked), meeting.getParticipantRecords());
    }

    @Test
    void personsAndResourcesAreBookedNeverAsked() {
        Appointment meeting = meeting();

        ParticipantRecord person = meeting.addParticipant(person(10), found, true, false, NOW, FIELD);
        ParticipantRecord room = meeting.addParticipant(resource(20), found, true, false, NOW, FIELD);

        assertEquals(Status.BOOKED, person.getStatus());
        assertFalse(person.isInvitationSent());
        assertSame(petra, person.getPerson());
        assertEquals(Status.BOOKED, room.getStatus());
        assertFalse(room.isInvitationSent());
        assertSame(meetingRoom, room.getResource());
    }

    @Test
    void bookingSomeoneBusyIsFlaggedAsAConflictNeverRefused() {
        Appointment meeting = meeting();

        ParticipantRecord busyBob = meeting.addParticipant(associate(2), found, true, true, NOW, FIELD);
        ParticipantRecord takenRoom = meeting.addParticipant(resource(20), found, true, true, NOW, FIELD);
        ParticipantRecord freeCarol = meeting.addParticipant(associate(3), found, true, false, NOW, FIELD);

        assertTrue(busyBob.isConflict());
        assertTrue(takenRoom.isConflict());
        assertFalse(freeCarol.isConflict());
    }

    @Test
    void participantWhoTakesPartAlreadyIsRefused() {
        Appointment meeting = meeting();
        meeting.addParticipant(associate(2), found, true, false, NOW, FIELD);

        InvalidRequest refused = assertThrows(InvalidRequest.class,
                () -> meeting.addParticipant(associate(2), found, true, false, NOW, FIELD));

        assertEquals(FIELD, refused.field());
        assertTrue(refused.getMessage().contains("associate 2 already takes part"), refused.getMessage());
        assertEquals(1, meeting.getParticipantRecords().size());
    }

    @Test
    void theOwnersRecordDoesNotCountAsTheOwnerTakingPart() {
        Appointment meeting = meeting();
        meeting.includeOwner(NOW);
        Participants withAlice = new Participants(Map.of(1L, alice), Map.of(), Map.of());

        ParticipantRecord record = meeting.addParticipant(associate(1), withAlice, true, false, NOW, FIELD);

        assertFalse(record.isMaster());
        assertEquals(2, meeting.getRecords().size());
    }

    @Test
    void removedParticipantEndsCancelledAndMayBeAskedAgainAsIfNew() {
        Appointment meeting = meeting();
        ParticipantRecord bobs = meeting.addParticipant(associate(2), found, true, false, NOW, FIELD);
        meeting.decline(bobs, "busy", NOW);

        assertSame(bobs, meeting.removeParticipant(associate(2), NOW, FIELD));
        assertEquals(Status.CANCELLED, bobs.getStatus());

        assertSame(bobs, meeting.addParticipant(associate(2), found, true, true, LATER, FIELD));
        assertEquals(Status.INVITED, bobs.getStatus());
        assertTrue(bobs.isNew());
        assertTrue(bobs.isConflict());
        assertNull(bobs.getDeclineReason());
        assertEquals(1, meeting.getParticipantRecords().size());
    }

    @Test
    void removingSomeoneWhoDoesNotTakePartIsRefused() {
        Appointment meeting = meeting();
        meeting.includeOwner(NOW);
        meeting.addParticipant(associate(2), found, true, false, NOW, FIELD);
        meeting.removeParticipant(associate(2), NOW, FIELD);

        for (ParticipantRef ref : List.of(associate(2), associate(3), associate(1), person(10))) {
            InvalidRequest refused = assertThrows(InvalidRequest.class,
                    () -> meeting.removeParticipant(ref, NOW, FIELD));
            assertEquals(FIELD, refused.field());
            assertTrue(refused.getMessage().contains("is not a participant"), refused.getMessage());
        }
        assertEquals(Status.BOOKED, meeting.getRecords().get(0).getStatus());
    }

    @Test
    void whoTakesPartLeavesOutTheOwnerAndThoseRemoved() {
        Appointment meeting = meeting();
        meeting.includeOwner(NOW);
        meeting.addParticipant(associate(2), found, true, false, NOW, FIELD);
        meeting.addParticipant(associate(3), found, true, false, NOW, FIELD);
        meeting.addParticipant(person(10), found, true, false, NOW, FIELD);
        meeting.addParticipant(resource(20), found, true, false, NOW, FIELD);
        meeting.removeParticipant(associate(3), NOW, FIELD);

        assertEquals(Set.of(2L), meeting.takingPart(ParticipantKind.ASSOCIATE));
        assertEquals(Set.of(10L), meeting.takingPart(ParticipantKind.PERSON));
        assertEquals(Set.of(20L), meeting.takingPart(ParticipantKind.RESOURCE));

        meeting.removeParticipant(resource(20), NOW, FIELD);
        assertEquals(Set.of(), meeting.takingPart(ParticipantKind.RESOURCE));
    }

    @Test
    void recordsAreChangedOnlyThroughTheAppointment() {
        Appointment meeting = meeting();
        meeting.includeOwner(NOW);

        assertThrows(UnsupportedOperationException.class, () -> meeting.getRecords().clear());
        assertThrows(UnsupportedOperationException.class, () -> meeting.getParticipantRecords().clear());
    }

    // ------------------------------------------------------------------ moving

    @Test
    void movingAsksAgainEveryAssociateWhoSawOrAnsweredAndRaisesTheSequence() {
        Appointment meeting = meeting();
        ParticipantRecord master = meeting.includeOwner(NOW);
        ParticipantRecord bobs = meeting.addParticipant(associate(2), found, true, false, NOW, FIELD);
        ParticipantRecord carols = meeting.addParticipant(associate(3), found, true, false, NOW, FIELD);
        ParticipantRecord room = meeting.addParticipant(resource(20), found, true, false, NOW, FIELD);
        meeting.accept(bobs, NOW);

        meeting.moveTo(NINE.plusSeconds(7200), TEN.plusSeconds(7200), a -> Conflicts.none(), LATER);

        assertEquals(1, meeting.getSequence());
        assertEquals(NINE.plusSeconds(7200), meeting.getStartsAt());
        assertEquals(TEN.plusSeconds(7200), meeting.getEndsAt());
        assertEquals(Status.MOVED, bobs.getStatus());
        assertTrue(bobs.isNew());
        assertEquals(Status.INVITED, carols.getStatus());
        assertEquals(Status.BOOKED, master.getStatus());
        assertEquals(Status.BOOKED, room.getStatus());
        for (ParticipantRecord record : meeting.getRecords()) {
            assertEquals(NINE.plusSeconds(7200), record.getStartsAt());
            assertEquals(TEN.plusSeconds(7200), record.getEndsAt());
        }
    }

    @Test
    void movingChecksConflictsInTheNewSlotForEachParticipant() {
        Appointment meeting = meeting();
        ParticipantRecord bobs = meeting.addParticipant(associate(2), found, true, true, NOW, FIELD);
        ParticipantRecord carols = meeting.addParticipant(associate(3), found, true, false, NOW, FIELD);
        ParticipantRecord room = meeting.addParticipant(resource(20), found, true, false, NOW, FIELD);

        meeting.moveTo(TEN, TEN.plusSeconds(3600), moved -> {
            assertEquals(TEN, moved.getStartsAt());
            return new Conflicts(Set.of(3L), Set.of(20L));
        }, LATER);

        assertFalse(bobs.isConflict());
        assertTrue(carols.isConflict());
        assertTrue(room.isConflict());
    }

    @Test
    void aMeetingEndsAfterItStartsAndLastsAtMostMaxLength() {
        Appointment meeting = meeting();

        assertEquals("end", assertThrows(InvalidRequest.class,
                () -> meeting.moveTo(TEN, NINE, a -> Conflicts.none(), LATER)).field());
        assertThrows(InvalidRequest.class, () -> meeting.moveTo(NINE, NINE, a -> Conflicts.none(), LATER));
        InvalidRequest tooLong = assertThrows(InvalidRequest.class, () -> meeting.moveTo(NINE,
                NINE.plus(Appointment.MAX_LENGTH).plusSeconds(1), a -> Conflicts.none(), LATER));
        assertEquals("a meeting lasts at most 31 days; book longer absences as several appointments",
                tooLong.getMessage());
        assertEquals(0, meeting.getSequence());
        assertEquals(NINE, meeting.getStartsAt());

        meeting.moveTo(NINE, NINE.plus(Appointment.MAX_LENGTH), a -> Conflicts.none(), LATER);
        assertEquals(NINE.plus(Appointment.MAX_LENGTH), meeting.getEndsAt());
    }

    @Test
    void aMeetingIsNotMadeWithABadSlot() {
        assertThrows(InvalidRequest.class, () -> new Appointment(alice, AppointmentType.MEETING,
                new RecordText("Budget", null, null), TEN, NINE, NOW));
        assertThrows(InvalidRequest.class, () -> new Appointment(alice, AppointmentType.MEETING,
                new RecordText("Budget", null, null), NINE, NINE.plus(Duration.ofDays(32)), NOW));
        assertEquals("end", assertThrows(InvalidRequest.class, () -> Appointment.requireSlot(NINE, NINE)).field());
        Appointment.requireSlot(NINE, NINE.plus(Appointment.MAX_LENGTH));
    }

    // ------------------------------------------------------------------ updating

    @Test
    void newTextReachesParticipantsOnlyWhenTheOwnerUpdatesAllRecords() {
        Appointment meeting = meeting();
        ParticipantRecord master = meeting.includeOwner(NOW);
        ParticipantRecord bobs = meeting.addParticipant(associate(2), found, true, false, NOW, FIELD);

        meeting.changeText(new RecordText("Budget 2031", null, null), false);

        assertEquals("Budget 2031", meeting.getTitle());
        assertEquals("Budget 2031", master.getTitle());
        assertEquals("Budget", bobs.getTitle());

        meeting.changeText(new RecordText("Budget 2032", "numbers", "Room 1"), true);

        assertEquals("Budget 2032", bobs.getTitle());
        assertEquals("numbers", bobs.getDescription());
        assertEquals("Room 1", bobs.getLocation());
        assertEquals("numbers", meeting.getDescription());
        assertEquals("Room 1", meeting.getLocation());
    }

    @Test
    void aRemovedParticipantKeepsTheTextItHad() {
        Appointment meeting = meeting();
        ParticipantRecord bobs = meeting.addParticipant(associate(2), found, true, false, NOW, FIELD);
        meeting.removeParticipant(associate(2), NOW, FIELD);

        meeting.changeText(new RecordText("Budget 2031", null, null), true);

        assertEquals("Budget", bobs.getTitle());
    }

    // ------------------------------------------------------------------ cancelling

    @Test
    void cancellingSetsEveryRecordToCancelledOnce() {
        Appointment meeting = meeting();
        ParticipantRecord master = meeting.includeOwner(NOW);
        ParticipantRecord bobs = meeting.addParticipant(associate(2), found, true, false, NOW, FIELD);

        assertTrue(meeting.cancel(NOW));
        assertTrue(meeting.isCancelled());
        assertEquals(Status.CANCELLED, master.getStatus());
        assertEquals(Status.CANCELLED, bobs.getStatus());
        assertFalse(bobs.isNew());

        assertFalse(meeting.cancel(LATER), "a retried cancel changes nothing");
        assertEquals(NOW, bobs.getUpdatedAt());
    }

    @Test
    void nothingButCancellingAgainHappensToACancelledMeeting() {
        Appointment meeting = meeting();
        meeting.addParticipant(associate(2), found, true, false, NOW, FIELD);
        meeting.cancel(NOW);

        assertRefused(10, 6, () -> meeting.moveTo(TEN, TEN.plusSeconds(60), a -> Conflicts.none(), LATER));
        assertRefused(10, 1, () -> meeting.changeText(new RecordText("Budget 2031", null, null), true));
        assertRefused(10, 1, () -> meeting.addParticipant(associate(3), found, true, false, LATER, FIELD));
        assertRefused(10, 10, () -> meeting.removeParticipant(associate(2), LATER, FIELD));
        assertEquals("Budget", meeting.getTitle());
        assertEquals(NINE, meeting.getStartsAt());
        assertEquals(1, meeting.getParticipantRecords().size());
    }

    @Test
    void aNewMeetingIsNotCancelledAndKnowsWhenItWasMade() {
        Appointment meeting = meeting();

        assertFalse(meeting.isCancelled());
        assertEquals(NOW, meeting.getCreatedAt());
        assertSame(alice, meeting.getOwner());
        assertEquals(AppointmentType.MEETING, meeting.getType());
    }

    // ------------------------------------------------------------------ answers, through the appointment

    @Test
    void anAnswerSaysWhetherItChangedAnything() {
        Appointment meeting = meeting();
        ParticipantRecord bobs = meeting.addParticipant(associate(2), found, true, false, NOW, FIELD);

        assertTrue(meeting.markSeen(bobs, NOW));
        assertFalse(meeting.markSeen(bobs, NOW));
        assertTrue(meeting.postpone(bobs, NOW));
        assertFalse(meeting.postpone(bobs, NOW));
        assertTrue(meeting.acceptTentatively(bobs, NOW));
        assertFalse(meeting.acceptTentatively(bobs, NOW));
        assertTrue(meeting.accept(bobs, NOW));
        assertFalse(meeting.accept(bobs, NOW));
        assertTrue(meeting.decline(bobs, "busy", NOW));
        assertTrue(meeting.decline(bobs, "still busy", LATER), "declining again is a new answer");
        assertEquals("still busy", bobs.getDeclineReason());
        assertEquals(LATER, bobs.getAnsweredAt());
    }

    @Test
    void theOwnerAcknowledgesADeclineThroughTheAppointment() {
        Appointment meeting = meeting();
        ParticipantRecord bobs = meeting.addParticipant(associate(2), found, true, false, NOW, FIELD);
        meeting.decline(bobs, "busy", NOW);

        meeting.acknowledgeDecline(bobs, LATER);

        assertTrue(bobs.isDeclineAcknowledged());
    }

    @Test
    void aRecordOfAnotherAppointmentIsNotAnsweredThroughThisOne() {
        Appointment meeting = meeting();
        Appointment other = meeting();
        ParticipantRecord bobs = other.addParticipant(associate(2), found, true, false, NOW, FIELD);

        assertThrows(IllegalArgumentException.class, () -> meeting.accept(bobs, NOW));
        assertThrows(IllegalArgumentException.class, () -> meeting.decline(bobs, null, NOW));
        assertThrows(IllegalArgumentException.class, () -> meeting.markSeen(bobs, NOW));
        assertThrows(IllegalArgumentException.class, () -> meeting.postpone(bobs, NOW));
        assertThrows(IllegalArgumentException.class, () -> meeting.acceptTentatively(bobs, NOW));
        assertThrows(IllegalArgumentException.class, () -> meeting.acknowledgeDecline(bobs, NOW));
        assertThrows(IllegalArgumentException.class,
                () -> meeting.reportProgress(bobs, 50, null, null, NOW));
        assertEquals(Status.INVITED, bobs.getStatus());
    }

    @Test
    void aStoredRecordIsKnownByItsAppointmentsId() {
        Appointment stored = withId(meeting(), 7L);
        Appointment sameRow = withId(meeting(), 7L);
        Appointment otherRow = withId(meeting(), 8L);
        ParticipantRecord bobs = stored.addParticipant(associate(2), found, true, false, NOW, FIELD);

        assertTrue(sameRow.accept(bobs, NOW));
        assertThrows(IllegalArgumentException.class, () -> otherRow.decline(bobs, null, NOW));
    }

    // ------------------------------------------------------------------ tasks

    @Test
    void aTaskIsDistributedToAssociatesOnly() {
        Appointment task = task();

        ParticipantRecord bobs = task.addParticipant(associate(2), found, true, false, NOW, FIELD);
        InvalidRequest person = assertThrows(InvalidRequest.class,
                () -> task.addParticipant(person(10), found, true, false, NOW, "p"));
        InvalidRequest room = assertThrows(InvalidRequest.class,
                () -> task.addParticipant(resource(20), found, true, false, NOW, "r"));

        assertEquals(Status.INVITED, bobs.getStatus());
        assertEquals("p", person.field());
        assertEquals("a task is distributed to associates only; person 10 cannot take a task", person.getMessage());
        assertEquals("r", room.field());
        assertEquals(1, task.getRecords().size());
    }

    @Test
    void aTaskHasADueDateNotASlot() {
        Appointment task = task();

        assertEquals(NINE, task.getStartsAt());
        assertEquals(NINE, task.getEndsAt());
    }

    @Test
    void movingTheDueDateAsksAgainThoseWhoAnsweredWithoutConflicts() {
        Appointment task = task();
        ParticipantRecord bobs = task.addParticipant(associate(2), found, true, true, NOW, FIELD);
        task.accept(bobs, NOW);

        task.moveDue(TEN, LATER);

        assertEquals(TEN, task.getStartsAt());
        assertEquals(TEN, task.getEndsAt());
        assertEquals(1, task.getSequence());
        assertEquals(Status.MOVED, bobs.getStatus());
        assertFalse(bobs.isConflict());
        assertEquals(TEN, bobs.getEndsAt());
    }

    @Test
    void progressOnAnAcceptedTaskDecidesItsStatus() {
        Appointment task = task();
        ParticipantRecord bobs = task.addParticipant(associate(2), found, true, false, NOW, FIELD);
        task.accept(bobs, NOW);

        task.reportProgress(bobs, 40, new BigDecimal("1.50"), "half way", LATER);
        assertEquals(Status.STARTED, bobs.getStatus());
        assertEquals(RecordList.OPEN_TASKS, bobs.getListedIn());

        task.reportProgress(bobs, 100, null, null, LATER);
        assertEquals(Status.COMPLETED, bobs.getStatus());
        assertEquals(RecordList.DONE_TASKS, bobs.getListedIn());
        assertEquals(new BigDecimal("1.50"), bobs.getProgress().hoursSpent());
        assertEquals("half way", bobs.getProgress().note());
    }

    // ------------------------------------------------------------------ fixtures

    private static void assertRefused(int current, int requested, org.junit.jupiter.api.function.Executable change) {
        InvalidTransition refused = assertThrows(InvalidTransition.class, change);
        assertEquals(current, refused.currentStatus());
        assertEquals(requested, refused.requestedStatus());
        assertEquals("appointmentId", refused.field());
    }

    private Appointment meeting() {
        return new Appointment(alice, AppointmentType.MEETING, new RecordText("Budget", null, null), NINE, TEN, NOW);
    }

    private Appointment task() {
        return new Appointment(alice, AppointmentType.TASK, new RecordText("Report", null, null), NINE, NINE, NOW);
    }

    private static ParticipantRef associate(long id) {
        return new ParticipantRef(ParticipantKind.ASSOCIATE, id);
    }

    private static ParticipantRef person(long id) {
        return new ParticipantRef(ParticipantKind.PERSON, id);
    }

    private static ParticipantRef resource(long id) {
        return new ParticipantRef(ParticipantKind.RESOURCE, id);
    }
}
