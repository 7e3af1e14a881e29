package org.invitations.invitation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.invitations.audit.AuditLog;
import org.invitations.security.Caller;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.InvalidTransition;
import org.invitations.shared.NotFound;
import org.invitations.shared.Transactions;

/**
 * The owner's decisions on proposals of another time: accept one (the meeting, or the one occurrence it is
 * about, moves there exactly as a move does) or decline it (an external proposer is told by a DECLINECOUNTER
 * when the owner asks for confirmations). Only the meeting's owner decides; one transaction each, with the
 * appointment locked first, so a decision and any answer or change of the same meeting come one after the
 * other.
 */
public final class ProposalService {

    private final SessionFactory sessionFactory;
    private final Clock clock;
    private final AuditLog audit;
    private final ChangePublisher publisher;

    public ProposalService(SessionFactory sessionFactory, Clock clock, AuditLog audit, ChangePublisher publisher) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
        this.audit = audit;
        this.publisher = publisher;
    }

    /** A declined proposal, and what was sent about it. */
    public record Declined(ProposalView proposal, SendReport sent) {
    }

    /**
     * The meeting moves to the proposed slot: every associate invitee is asked again (6, or 8 once seen), the
     * sequence goes up, conflicts are checked for the new slot, and persons get a new REQUEST (and SMS) as
     * asked. An occurrence moves alone, as a move with scope OCCURRENCE. The proposal becomes ACCEPTED; other
     * participants' pending proposals stay pending but, made before this move, can only be declined.
     *
     * @throws InvalidTransition when the proposal is no longer PENDING, was made before a later move, or its
     *                           proposer no longer takes part
     */
    public MeetingState accept(Caller owner, long proposalId, SendOptions notify) {
        publisher.requireAvailable(notify, "notify/sendSms");
        return Transactions.run(sessionFactory, session -> {
            TimeProposal proposal = locked(session, owner, proposalId, "accept a proposal of");
            Appointment appointment = proposal.getAppointment();
            ParticipantRecord proposer = proposal.getRecord();
            if (proposer.getStatus() == Status.CANCELLED) {
                throw new InvalidTransition("proposalId", proposalId, "the proposer of proposal " + proposalId
                        + " no longer takes part in appointment " + appointment.getId() + "; decline it instead");
            }
            Instant now = clock.instant();
            proposal.accept(now);
            appointment.moveTo(proposal.getStartsAt(), proposal.getEndsAt(), moved -> Conflicts.of(session, moved),
                    now);
            audit.record(session, owner, "AcceptProposal", "proposal", proposalId, "appointment "
                    + appointment.getId() + " moved to " + proposal.getStartsAt() + " - " + proposal.getEndsAt());
            publisher.publish(session, ChangeEvent.ofProposal(EventType.PROPOSAL_ACCEPTED, proposal,
                    SendOptions.NONE, now));
            SendReport sent = publisher.publish(session, ChangeEvent.ofAppointment(EventType.APPOINTMENT_MOVED,
                    appointment, notify, now));
            return MeetingState.of(appointment, sent, appointment.isOccurrence() ? List.of(appointment) : List.of());
        });
    }

    /**
     * The proposal becomes DECLINED and the meeting stays as it is. With {@code notify.confirmation()}, an
     * external proposer with an e-mail address gets a DECLINECOUNTER (RFC 5546 §3.2.8) naming the meeting as
     * it stands; an associate proposer hears of it through the event. A pending proposal made before a later
     * move can still be declined, so that its proposer is told.
     *
     * @throws InvalidRequest    (notify/sendSms) for SMS: a declined proposal is told by e-mail only
     * @throws InvalidTransition when the proposal is no longer PENDING
     */
    public Declined decline(Caller owner, long proposalId, SendOptions notify) {
        if (notify.sms()) {
            throw new InvalidRequest("notify/sendSms", "a declined proposal is told by e-mail only (a DECLINECOUNTER"
                    + " to an external proposer): leave sendSms out");
        }
        return Transactions.run(sessionFactory, session -> {
            TimeProposal proposal = locked(session, owner, proposalId, "decline a proposal of");
            Instant now = clock.instant();
            proposal.decline(now);
            audit.record(session, owner, "DeclineProposal", "proposal", proposalId, "appointment "
                    + proposal.getAppointment().getId() + ", " + proposal.getStartsAt() + " - "
                    + proposal.getEndsAt());
            SendReport sent = publisher.publish(session, ChangeEvent.ofProposal(EventType.PROPOSAL_DECLINED, proposal,
                    notify, now));
            return new Declined(ProposalView.of(proposal), sent);
        });
    }

    /**
     * The proposal, read after its appointment was locked for the owner (NotFound for an unknown id, NotAllowed
     * for anyone but the owner).
     */
    private static TimeProposal locked(Session session, Caller owner, long proposalId, String action) {
        Long appointmentId = session.createSelectionQuery(
                        "select p.appointment.id from TimeProposal p where p.id = :id", Long.class)
                .setParameter("id", proposalId)
                .getSingleResultOrNull();
        if (appointmentId == null) {
            throw new NotFound("proposal", proposalId, "proposalId");
        }
        Appointments.ownedForChange(session, owner, appointmentId, action, null);
        TimeProposal proposal = session.find(TimeProposal.class, proposalId);
        if (proposal == null) {
            // its record was cleaned up between the read and the lock
            throw new NotFound("proposal", proposalId, "proposalId");
        }
        return proposal;
    }
}
