package org.invitations.invitation;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import org.hibernate.Session;
import org.invitations.security.Caller;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.NotAllowed;
import org.invitations.shared.NotFound;

/**
 * Loading an appointment for its owner or a record for its participant, shared by the meeting and
 * task services. Every change to an appointment or to any of its records locks the appointment row
 * first ({@link #locked}), so changes to one meeting queue up in one place, in one order, and can
 * neither deadlock on its records nor overwrite each other.
 */
public final class Appointments {

    private Appointments() {
    }

    /**
     * The appointment, if the caller owns it; anyone else is refused and nothing changes. With an
     * expected type, a meeting operation on a task (or the reverse) is refused with a pointer.
     */
    public static Appointment owned(Session session, Caller caller, long appointmentId, String action,
                                    AppointmentType expected) {
        return owned(session, caller, session.find(Appointment.class, appointmentId), appointmentId, action, expected);
    }

    /** As {@link #owned}, with the appointment locked for a change until the transaction ends. */
    public static Appointment ownedForChange(Session session, Caller caller, long appointmentId, String action,
                                             AppointmentType expected) {
        return owned(session, caller, locked(session, appointmentId), appointmentId, action, expected);
    }

    /** The id of the series' occurrence named by its recurrenceId (its original start), or null. */
    public static Long occurrenceOf(Session session, long seriesId, Instant recurrenceId) {
        return Series.occurrenceId(session, seriesId, recurrenceId);
    }

    /**
     * The appointment, its row locked until the transaction ends (SELECT ... FOR UPDATE); null if it
     * does not exist. Taken before any of its records is read for a change.
     */
    public static Appointment locked(Session session, long appointmentId) {
        return session.find(Appointment.class, appointmentId, LockModeType.PESSIMISTIC_WRITE);
    }

    private static Appointment owned(Session session, Caller caller, Appointment appointment, long appointmentId,
                                     String action, AppointmentType expected) {
        if (appointment == null) {
            throw new NotFound("appointment", appointmentId, "appointmentId");
        }
        if (appointment.getOwner().getId() != caller.associateId()) {
            throw new NotAllowed("Only the owner (" + appointment.getOwner().getUsername() + ") may " + action
                    + " appointment " + appointmentId, appointmentId);
        }
        if (expected != null && appointment.getType() != expected) {
            throw new InvalidRequest("appointmentId", "appointment " + appointmentId + " is a "
                    + appointment.getType() + (appointment.getType() == AppointmentType.TASK
                    ? "; use the task operations (MoveTaskDueDate, GetTaskDistribution)"
                    : "; use the meeting operations (MoveAppointment, GetAppointmentParticipants)"));
        }
        return appointment;
    }

    /**
     * A record the caller is the participant of, with its appointment; anyone else's is refused. The
     * owner is loaded by its key when needed: a join here let Derby hash the whole associate table.
     */
    public static ParticipantRecord participantsOwn(Session session, Caller caller, long recordId, String refusal) {
        ParticipantRecord record = forChange(session, recordId);
        if (record == null) {
            throw new NotFound("record", recordId, "recordId");
        }
        if (!record.isFor(caller.associateId())) {
            throw new NotAllowed(refusal + "; record " + recordId + " is not addressed to " + caller.username(),
                    recordId);
        }
        return record;
    }

    /**
     * A record to change, with its appointment locked first (the lock order of every change), or null.
     * The record is read after the lock, so it is the latest committed version; by its key alone, since
     * its appointment is the one just locked and already in the session.
     */
    public static ParticipantRecord forChange(Session session, long recordId) {
        Long appointmentId = session.createSelectionQuery(
                        "select r.appointment.id from ParticipantRecord r where r.id = :id", Long.class)
                .setParameter("id", recordId)
                .getSingleResultOrNull();
        if (appointmentId == null || locked(session, appointmentId) == null) {
            return null;
        }
        return session.find(ParticipantRecord.class, recordId);
    }
}
