package org.invitations.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.invitations.directory.Associate;
import org.invitations.security.Role;
import org.invitations.shared.InvalidTransition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The record's own state machine, without a database: each status reached the way the service reaches it. */
class ParticipantRecordTest {

    private static final Instant NOW = Instant.parse("2030-01-01T08:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(60);

    /** How an invitation reaches each status through the record's own operations. */
    enum Reached {
        INVITED(r -> { }),
        SEEN(r -> r.markSeen(NOW)),
        MOVED(r -> {
            r.markSeen(NOW);
            r.moveTo(NOW, NOW.plusSeconds(3600), false, NOW);
        }),
        MOVED_SEEN(r -> {
            r.markSeen(NOW);
            r.moveTo(NOW, NOW.plusSeconds(3600), false, NOW);
            r.markSeen(NOW);
        }),
        BOOKED(r -> r.accept(NOW)),
        TENTATIVE(r -> r.acceptTentatively(NOW)),
        DECLINED(r -> r.decline("no", NOW)),
        CANCELLED(r -> r.cancel(NOW));

        final Consumer<ParticipantRecord> path;

        Reached(Consumer<ParticipantRecord> path) {
            this.path = path;
        }

        ParticipantRecord record() {
            ParticipantRecord record = invitation();
            path.accept(record);
            assertEquals(name(), record.getStatus().name());
            return record;
        }
    }

    @Test
    void invitationStartsAsInvitedNewAndSent() {
        ParticipantRecord record = invitation();

        assertEquals(Status.INVITED, record.getStatus());
        assertTrue(record.isInvitationSent());
        assertTrue(record.isNew());
        assertFalse(record.isMaster());
        assertFalse(record.isSeen());
    }

    @Test
    void ownersMasterRecordIsBookedAndNeverNew() {
        ParticipantRecord master = ParticipantRecord.master(meeting(), NOW);

        assertEquals(Status.BOOKED, master.getStatus());
        assertTrue(master.isMaster());
        assertFalse(master.isInvitationSent());
        assertFalse(master.isNew());
    }

    @ParameterizedTest
    @EnumSource(value = Reached.class, names = {"INVITED", "SEEN", "MOVED", "MOVED_SEEN", "DECLINED", "TENTATIVE"})
    void acceptFromPendingDeclinedOrTentativeBooks(Reached from) {
        ParticipantRecord record = from.record();

        record.accept(LATER);

        assertEquals(Status.BOOKED, record.getStatus());
        assertEquals(LATER, record.getAnsweredAt());
        assertFalse(record.isNew());
        assertNull(record.getDeclineReason());
    }

    @ParameterizedTest
    @EnumSource(value = Reached.class, names = {"INVITED", "SEEN", "MOVED", "MOVED_SEEN", "BOOKED", "TENTATIVE"})
    void declineFromPendingOrAnAnswerKeepsTheReason(Reached from) {
        ParticipantRecord record = from.record();

        record.decline("On holiday", LATER);

        assertEquals(Status.DECLINED, record.getStatus());
        assertEquals("On holiday", record.getDeclineReason());
        assertTrue(record.isSeen());
    }

    @ParameterizedTest
    @EnumSource(value = Reached.class, names = {"INVITED", "SEEN", "MOVED", "MOVED_SEEN", "BOOKED", "DECLINED"})
    void tentativeFromPendingOrAnAnswer(Reached from) {
        ParticipantRecord record = from.record();

        record.acceptTentatively(LATER);

        assertEquals(Status.TENTATIVE, record.getStatus());
        assertEquals(14, record.getStatus().code());
    }

    @Test
    void seenMovesFiveToSevenAndSixToEight() {
        ParticipantRecord invited = Reached.INVITED.record();
        ParticipantRecord moved = Reached.MOVED.record();

        invited.markSeen(LATER);
        moved.markSeen(LATER);

        assertEquals(Status.SEEN, invited.getStatus());
        assertEquals(Status.MOVED_SEEN, moved.getStatus());
        assertTrue(invited.isNew(), "seen is not an answer");
    }

    @ParameterizedTest
    @EnumSource(value = Reached.class, names = {"BOOKED", "TENTATIVE", "DECLINED", "CANCELLED"})
    void onlyPendingInvitationsCanBeSeenOrPostponed(Reached from) {
        ParticipantRecord record = from.record();

        InvalidTransition seen = assertThrows(InvalidTransition.class, () -> record.markSeen(LATER));
        assertThrows(InvalidTransition.class, () -> record.postpone(LATER));

        assertEquals(record.getStatus().code(), seen.currentStatus());
        assertEquals(7, seen.requestedStatus());
    }

    @ParameterizedTest
    @EnumSource(value = Reached.class, names = {"INVITED", "SEEN", "MOVED", "MOVED_SEEN"})
    void postponeKeepsTheStatusButEndsNew(Reached from) {
        ParticipantRecord record = from.record();
        Status before = record.getStatus();

        record.postpone(LATER);

        assertEquals(before, record.getStatus());
        assertFalse(record.isNew());
    }

    @Test
    void cancelledRecordAcceptsNoAnswer() {
        ParticipantRecord record = Reached.CANCELLED.record();

        InvalidTransition accept = assertThrows(InvalidTransition.class, () -> record.accept(LATER));
        assertThrows(InvalidTransition.class, () -> record.decline(null, LATER));
        assertThrows(InvalidTransition.class, () -> record.acceptTentatively(LATER));

        assertEquals(10, accept.currentStatus());
        assertEquals(1, accept.requestedStatus());
        assertTrue(accept.getMessage().contains("cancelled"), accept.getMessage());
        assertEquals(Status.CANCELLED, record.getStatus());
    }

    @ParameterizedTest
    @EnumSource(value = Reached.class, names = {"SEEN", "MOVED_SEEN", "BOOKED", "DECLINED", "TENTATIVE"})
    void moveTurnsSeenOrAnsweredIntoSix(Reached from) {
        ParticipantRecord record = from.record();
        Instant newStart = NOW.plusSeconds(86_400);

        record.moveTo(newStart, newStart.plusSeconds(3600), true, LATER);

        assertEquals(Status.MOVED, record.getStatus());
        assertTrue(record.isNew());
        assertTrue(record.isConflict());
        assertNull(record.getDeclineReason());
        assertEquals(newStart, record.getStartsAt());
    }

    @Test
    void moveLeavesUnseenInvitationsWaiting() {
        ParticipantRecord invited = Reached.INVITED.record();
        ParticipantRecord moved = Reached.MOVED.record();

        invited.moveTo(LATER, LATER.plusSeconds(60), false, LATER);
        moved.moveTo(LATER, LATER.plusSeconds(60), false, LATER);

        assertEquals(Status.INVITED, invited.getStatus());
        assertEquals(Status.MOVED, moved.getStatus());
    }

    @Test
    void moveLeavesCancelledAndDirectBookingsAlone() {
        ParticipantRecord cancelled = Reached.CANCELLED.record();
        ParticipantRecord booked = ParticipantRecord.forAssociate(meeting(), bob(), false, false, NOW);

        cancelled.moveTo(LATER, LATER.plusSeconds(60), false, LATER);
        booked.moveTo(LATER, LATER.plusSeconds(60), false, LATER);

        assertEquals(Status.CANCELLED, cancelled.getStatus());
        assertEquals(Status.BOOKED, booked.getStatus());
        assertEquals(LATER, booked.getStartsAt());
    }

    @Test
    void removedParticipantCanBeReinstated() {
        ParticipantRecord record = Reached.CANCELLED.record();

        record.reinstate(true, false, LATER);

        assertEquals(Status.INVITED, record.getStatus());
        assertTrue(record.isNew());
    }

    @Test
    void onlyARefusalCanBeAcknowledged() {
        ParticipantRecord declined = Reached.DECLINED.record();
        ParticipantRecord booked = Reached.BOOKED.record();

        assertFalse(declined.isDeclineAcknowledged());
        declined.acknowledgeDecline(LATER);

        assertTrue(declined.isDeclineAcknowledged());
        declined.decline("still no", LATER);
        assertFalse(declined.isDeclineAcknowledged(), "a new refusal is acknowledged afresh");
        assertEquals(9, assertThrows(InvalidTransition.class, () -> booked.acknowledgeDecline(LATER))
                .requestedStatus());
    }

    @Test
    void answeringTheSameWayTwiceChangesNothing() {
        ParticipantRecord booked = Reached.BOOKED.record();
        ParticipantRecord tentative = Reached.TENTATIVE.record();

        assertFalse(booked.accept(LATER));
        assertFalse(tentative.acceptTentatively(LATER));

        assertEquals(NOW, booked.getUpdatedAt());
        assertEquals(NOW, tentative.getUpdatedAt());
    }

    @Test
    void recordCopiesTheMeetingsTextAndTime() {
        ParticipantRecord record = invitation();

        assertEquals("Budget", record.getTitle());
        assertEquals(new RecordText("Budget", null, null), record.getText());
        assertEquals(meeting().getStartsAt(), record.getStartsAt());
        assertEquals(meeting().getEndsAt(), record.getEndsAt());
    }

    @Test
    void outsideItsPackageARecordIsOnlyRead() {
        List<String> reachable = Arrays.stream(ParticipantRecord.class.getDeclaredMethods())
                .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers()))
                .filter(m -> java.lang.reflect.Modifier.isStatic(m.getModifiers())
                        || !m.getName().startsWith("get") && !m.getName().startsWith("is"))
                .map(java.lang.reflect.Method::getName)
                .toList();

        assertEquals(List.of(), reachable, "made and changed only through its Appointment");
    }

    @Test
    void aRecordIsForTheAssociateItInvitesOnly() {
        ParticipantRecord record = ParticipantRecord.forAssociate(meeting(),
                AppointmentFixtures.withId(bob(), 2L), true, false, NOW);
        ParticipantRecord room = ParticipantRecord.forResource(meeting(),
                AppointmentFixtures.withId(new org.invitations.directory.Resource("Room", null), 2L), false, NOW);

        assertTrue(record.isFor(2));
        assertFalse(record.isFor(3));
        assertFalse(room.isFor(2));
    }

    @Test
    void aRetriedSeenOrPostponeChangesNothing() {
        ParticipantRecord seen = Reached.SEEN.record();

        assertFalse(seen.markSeen(LATER));
        assertTrue(seen.postpone(LATER));
        assertFalse(seen.postpone(LATER.plusSeconds(1)));

        assertEquals(LATER, seen.getUpdatedAt());
        assertEquals(Status.SEEN, seen.getStatus());
    }

        @Test
    void statusCodesAreTheCrmNumbersPlusTentative() {
        assertEquals(List.of(1, 2, 3, 5, 6, 7, 8, 9, 10, 14),
                Arrays.stream(Status.values()).map(Status::code).toList());
    }

    private static ParticipantRecord invitation() {
        return ParticipantRecord.forAssociate(meeting(), bob(), true, false, NOW);
    }

    private static Associate bob() {
        return new Associate("bob", "Bob Berg", null, "hash", Role.USER);
    }

    private static Appointment meeting() {
        return new Appointment(new Associate("alice", "Alice Andersen", null, "hash", Role.USER),
                AppointmentType.MEETING, new RecordText("Budget", null, null), Instant.parse("2030-01-02T09:00:00Z"),
                Instant.parse("2030-01-02T10:00:00Z"), NOW);
    }
}
