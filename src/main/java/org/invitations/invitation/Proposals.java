package org.invitations.invitation;

import java.time.Instant;
import java.util.List;
import org.hibernate.Session;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.InvalidTransition;

/**
 * Proposals of another time, as they come in: from an invitee answering (decline or tentative) and from an
 * external person's iCalendar COUNTER (RFC 5546 §3.2.7), both by {@link #propose}. The owner decides on
 * them through {@link ProposalService}.
 */
public final class Proposals {

    private Proposals() {
    }

    /**
     * Stores a PENDING proposal of {@code start}-{@code end} by the participant of {@code record}, about that
     * record's appointment: a single meeting or one occurrence of a series, never a whole series or a task. A
     * pending proposal of the same participant on the same appointment is replaced (it becomes DECLINED; nobody
     * is told). The participant's answer is not changed here: an invitee answers as usual, and a person's
     * record stays booked.
     *
     * <p>The caller holds the lock of the record's appointment (read the record with
     * {@link Appointments#forChange}), audits, and publishes {@link ChangeEvent#ofProposal} with
     * {@link EventType#PROPOSAL_MADE} when it wants integrations to hear of it.
     *
     * @throws InvalidRequest    (field proposedStart or proposedEnd) for a slot a meeting cannot take, the
     *                           meeting's own slot, a task, a whole series, or the owner's own record
     * @throws InvalidTransition (field recordId) when the meeting was cancelled or the participant removed
     */
    public static TimeProposal propose(Session session, ParticipantRecord record, Instant start, Instant end,
                                       String comment, Instant now) {
        if (start == null) {
            throw new InvalidRequest("proposedStart", "a proposal needs proposedStart and proposedEnd");
        }
        if (end == null) {
            throw new InvalidRequest("proposedEnd", "a proposal needs proposedStart and proposedEnd");
        }
        ProposedTime.requireSlot(start, end);
        Appointment appointment = record.getAppointment();
        if (record.isMaster()) {
            throw new InvalidRequest("recordId", "record " + record.getId() + " is the owner's own record: the owner"
                    + " moves the meeting instead of proposing");
        }
        if (appointment.getType() == AppointmentType.TASK) {
            throw new InvalidRequest("proposedStart", "appointment " + appointment.getId() + " is a task, which has"
                    + " a due date, not a meeting time: leave proposedStart and proposedEnd out");
        }
        if (appointment.isSeries()) {
            throw new InvalidRequest("proposedStart", "propose a new time for one occurrence: give its recurrenceId"
                    + " (or answer on the occurrence's own record) with scope OCCURRENCE");
        }
        if (appointment.isCancelled()) {
            throw new InvalidTransition("recordId", record.getId(), "appointment " + appointment.getId()
                    + " was cancelled: there is no time left to propose another for");
        }
        if (record.getStatus() == Status.CANCELLED) {
            throw new InvalidTransition("recordId", record.getId(), "record " + record.getId()
                    + " was removed from appointment " + appointment.getId() + ": only a participant proposes");
        }
        if (start.equals(appointment.getStartsAt()) && end.equals(appointment.getEndsAt())) {
            throw new InvalidRequest("proposedStart", "appointment " + appointment.getId() + " is at "
                    + start + " - " + end + " already: propose another time");
        }
        List<TimeProposal> pending = session.createSelectionQuery("""
                        from TimeProposal p where p.record.id = :record and p.state = :pending""", TimeProposal.class)
                .setParameter("record", record.getId())
                .setParameter("pending", TimeProposal.State.PENDING)
                .getResultList();
        pending.forEach(p -> p.replace(now));
        TimeProposal proposal = new TimeProposal(record, start, end, comment, now);
        session.persist(proposal);
        return proposal;
    }

    /**
     * The proposals the owner's view shows, newest first, in one query: about the appointment itself (a single
     * meeting or an occurrence), or for a series about any of its occurrences.
     */
    static List<TimeProposal> forView(Session session, Appointment appointment) {
        String where = appointment.isSeries() ? "p.seriesId = :id" : "p.appointment.id = :id";
        return session.createSelectionQuery("from TimeProposal p join fetch p.appointment join fetch p.record where "
                        + where + " order by p.proposedAt desc, p.id desc", TimeProposal.class)
                .setParameter("id", appointment.getId())
                .getResultList();
    }
}
