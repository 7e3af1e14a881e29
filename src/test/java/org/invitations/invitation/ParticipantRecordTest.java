package org.invitations.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import org.invitations.directory.Associate;
import org.invitations.directory.Role;
import org.invitations.shared.InvalidTransition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The record's own state machine, without a database. */
class ParticipantRecordTest {

    private static final Instant NOW = Instant.parse("2030-01-01T08:00:00Z");

    @Test
    void invitationStartsAsInvitedAndSent() {
        ParticipantRecord record = invitation();

        assertEquals(Status.INVITED, record.getStatus());
        assertTrue(record.isInvitationSent());
        assertFalse(record.isMaster());
    }

    @Test
    void ownersMasterRecordIsBooked() {
        ParticipantRecord master = ParticipantRecord.master(meeting(), NOW);

        assertEquals(Status.BOOKED, master.getStatus());
        assertTrue(master.isMaster());
        assertFalse(master.isInvitationSent());
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"INVITED", "MOVED", "SEEN", "MOVED_SEEN", "DECLINED"})
    void pendingOrDeclinedInvitationCanBeAccepted(Status from) throws Exception {
        ParticipantRecord record = invitation();
        force(record, from);

        record.accept(NOW.plusSeconds(60));

        assertEquals(Status.BOOKED, record.getStatus());
        assertEquals(NOW.plusSeconds(60), record.getUpdatedAt());
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"CANCELLED", "STARTED", "COMPLETED"})
    void cancelledOrStartedRecordCannotBeAccepted(Status from) throws Exception {
        ParticipantRecord record = invitation();
        force(record, from);

        InvalidTransition e = assertThrows(InvalidTransition.class, () -> record.accept(NOW));

        assertEquals(from.code(), e.currentStatus());
        assertEquals(1, e.requestedStatus());
        assertEquals(from, record.getStatus(), "unchanged");
    }

    @Test
    void acceptingABookedRecordChangesNothing() {
        ParticipantRecord record = ParticipantRecord.forAssociate(meeting(), bob(), false, false, NOW);

        record.accept(NOW.plusSeconds(5));

        assertEquals(Status.BOOKED, record.getStatus());
        assertEquals(NOW, record.getUpdatedAt());
    }

    @Test
    void recordCopiesTheMeetingsTime() {
        ParticipantRecord record = invitation();

        assertEquals(meeting().getStartsAt(), record.getStartsAt());
        assertEquals(meeting().getEndsAt(), record.getEndsAt());
    }

    @Test
    void statusCodesAreTheCrmNumbers() {
        assertEquals(java.util.List.of(1, 2, 3, 5, 6, 7, 8, 9, 10),
                java.util.Arrays.stream(Status.values()).map(Status::code).toList());
    }

    private static ParticipantRecord invitation() {
        return ParticipantRecord.forAssociate(meeting(), bob(), true, false, NOW);
    }

    private static Associate bob() {
        return new Associate("bob", "Bob Berg", null, "hash", Role.USER);
    }

    private static Appointment meeting() {
        return new Appointment(new Associate("alice", "Alice Andersen", null, "hash", Role.USER),
                AppointmentType.MEETING, "Budget", null, null, Instant.parse("2030-01-02T09:00:00Z"),
                Instant.parse("2030-01-02T10:00:00Z"), NOW);
    }

    /** Puts a record into a status that only later operations (decline, move, cancel) reach. */
    private static void force(ParticipantRecord record, Status status) throws Exception {
        Field field = ParticipantRecord.class.getDeclaredField("status");
        field.setAccessible(true);
        field.set(record, status);
    }
}
