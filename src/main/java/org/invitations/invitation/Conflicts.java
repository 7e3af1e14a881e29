package org.invitations.invitation;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.Session;
import org.invitations.shared.IndexHint;

/**
 * Who is already busy: an associate or resource with a booked (or tentative) record of another
 * meeting that overlaps [start, end). Tasks take no time slot and never count. A warning for the owner, never a refusal.
 */
final class Conflicts {

    private final Set<Long> busyAssociates;
    private final Set<Long> busyResources;

    Conflicts(Set<Long> busyAssociates, Set<Long> busyResources) {
        this.busyAssociates = busyAssociates;
        this.busyResources = busyResources;
    }

    /** A task has a due date, not a slot: it never clashes with anything. */
    static Conflicts none() {
        return new Conflicts(Set.of(), Set.of());
    }

    /** One query per kind, whatever the number of participants. */
    static Conflicts check(Session session, Collection<Long> associateIds, Collection<Long> resourceIds,
                           Instant start, Instant end, Long exceptAppointment) {
        return new Conflicts(busy(session, "associate", associateIds, start, end, exceptAppointment),
                busy(session, "resource", resourceIds, start, end, exceptAppointment));
    }

    /** Participants about to join an appointment, in its slot. */
    static Conflicts check(Session session, Appointment appointment, Participants joining) {
        if (appointment.getType() == AppointmentType.TASK) {
            return none();
        }
        return check(session, joining.associates.keySet(), joining.resources.keySet(), appointment.getStartsAt(),
                appointment.getEndsAt(), appointment.getId());
    }

    /** For the records of one appointment: each active associate and resource checked against the others. */
    static Conflicts of(Session session, Appointment appointment) {
        if (appointment.getType() == AppointmentType.TASK) {
            return none();
        }
        return check(session, appointment.takingPart(ParticipantKind.ASSOCIATE),
                appointment.takingPart(ParticipantKind.RESOURCE), appointment.getStartsAt(), appointment.getEndsAt(),
                appointment.getId());
    }

    boolean isBusy(ParticipantKind kind, long id) {
        return switch (kind) {
            case ASSOCIATE -> busyAssociates.contains(id);
            case RESOURCE -> busyResources.contains(id);
            case PERSON -> false;
        };
    }

    boolean isBusy(ParticipantRecord record) {
        return !record.isMaster() && record.getStatus() != Status.CANCELLED
                && isBusy(record.getKind(), record.getParticipantId());
    }

    private static Set<Long> busy(Session session, String role, Collection<Long> ids, Instant start, Instant end,
                                  Long exceptAppointment) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        // An overlapping booking starts after start - MAX_LENGTH: that bound turns the check into an
        // index range scan on (participant, start). Tasks are zero-length (start = end = due) and never overlap.
        return new HashSet<>(IndexHint.index(session, session.createSelectionQuery(
                        "select distinct r." + role + ".id from ParticipantRecord r where r." + role + ".id in :ids"
                                + " and r.startsAt < :end and r.startsAt > :earliest and r.endsAt > :start"
                                + " and r.endsAt > r.startsAt and r.status in :busy and r.appointment.id <> :except",
                        Long.class), "participant_record", role.equals("associate") ? "IX_RECORD_BUSY" : "IX_RECORD_RESOURCE")
                .setParameterList("ids", ids)
                .setParameterList("busy", Status.BUSY)
                .setParameter("start", start)
                .setParameter("end", end)
                .setParameter("earliest", start.minus(Appointment.MAX_LENGTH))
                .setParameter("except", exceptAppointment == null ? 0L : exceptAppointment)
                .getResultList());
    }
}
