package org.invitations.invitation;

import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;
import org.invitations.security.Caller;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.NotAllowed;
import org.invitations.shared.NotFound;

/** Loading an appointment for its owner, shared by the meeting and task services. */
public final class Appointments {

    private Appointments() {
    }

    /**
     * The appointment, if the caller owns it; anyone else is refused and nothing changes. With an
     * expected type, a meeting operation on a task (or the reverse) is refused with a pointer.
     */
    public static Appointment owned(Session session, Caller caller, long appointmentId, String action,
                                    AppointmentType expected) {
        Appointment appointment = session.find(Appointment.class, appointmentId);
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
        ParticipantRecord record = session.createSelectionQuery("""
                        from ParticipantRecord r join fetch r.appointment a
                        where r.id = :id""", ParticipantRecord.class)
                .setParameter("id", recordId)
                .getSingleResultOrNull();
        if (record == null) {
            throw new NotFound("record", recordId, "recordId");
        }
        if (!record.isFor(caller.associateId())) {
            throw new NotAllowed(refusal + "; record " + recordId + " is not addressed to " + caller.username(),
                    recordId);
        }
        return record;
    }

    /** Every record of the appointment, the owner's included, in creation order. */
    public static List<ParticipantRecord> records(Session session, long appointmentId) {
        return new ArrayList<>(session.createSelectionQuery(
                        "from ParticipantRecord r where r.appointment.id = :id order by r.id", ParticipantRecord.class)
                .setParameter("id", appointmentId)
                .getResultList());
    }
}
