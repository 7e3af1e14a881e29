package org.invitations.invitation;

import org.invitations.shared.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.invitations.audit.AuditLog;
import org.invitations.directory.Associate;
import org.invitations.security.Caller;
import org.invitations.shared.InvalidRequest;
import org.invitations.shared.NotAllowed;
import org.invitations.shared.NotFound;
import org.invitations.shared.Page;
import org.invitations.shared.PageToken;

/**
 * The invitee's side: the invitations list and the answers. Only the invitee answers its own record,
 * and an answer changes nothing but that record. Each public method is one transaction.
 */
public final class InvitationService {

    private final SessionFactory sessionFactory;
    private final Clock clock;
    private final AuditLog audit;
    private final ChangePublisher publisher;

    public InvitationService(SessionFactory sessionFactory, Clock clock, AuditLog audit) {
        this(sessionFactory, clock, audit, ChangePublisher.NONE);
    }

    public InvitationService(SessionFactory sessionFactory, Clock clock, AuditLog audit, ChangePublisher publisher) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
        this.audit = audit;
        this.publisher = publisher;
    }

    /**
     * An associate's invitations, ordered by start and then record id, one page at a time. Declined
     * ones stay listable until the day after the meeting. Only an admin may list another associate's.
     */
    public Page<InvitationView> invitations(Caller caller, InvitationQuery query) {
        long who = query.associateId() == null ? caller.associateId() : query.associateId();
        if (who != caller.associateId() && !caller.isAdmin()) {
            throw new NotAllowed("Only an ADMIN may list another associate's invitations; leave associateId out"
                    + " to list your own", who);
        }
        if (query.from() != null && query.to() != null && !query.to().isAfter(query.from())) {
            throw new InvalidRequest("toTime", "toTime must be after fromTime");
        }
        Set<Status> statuses = query.statuses().isEmpty() ? Status.PENDING : query.statuses();
        Instant now = clock.instant();
        Instant startOfToday = now.truncatedTo(ChronoUnit.DAYS);
        return Transactions.run(sessionFactory, session -> {
            if (who != caller.associateId() && session.find(Associate.class, who) == null) {
                throw new NotFound("associate", who, "associateId");
            }
            List<InvitationView> rows = InvitationQueries.invitations(session, who, statuses, query, startOfToday, now);
            return Page.of(rows, query.pageSize(), v -> new PageToken(v.start(), v.recordId()));
        });
    }

    /** Yes: 5, 6, 7, 8, 9 or 14 become 1; a cancelled meeting cannot be accepted. */
    public Answer accept(Caller caller, long recordId) {
        return accept(caller, AnswerTarget.record(recordId));
    }

    /** As {@link #accept(Caller, long)}, on a series with a scope (see {@link AnswerTarget}). */
    public Answer accept(Caller caller, AnswerTarget target) {
        return answer(caller, target, "AcceptInvitation", EventType.INVITATION_ACCEPTED, true,
                (appointment, record, now) -> appointment.accept(record, now));
    }

    /** Maybe: becomes 14, which counts as answered and shows in the diary marked tentative. */
    public Answer acceptTentatively(Caller caller, long recordId) {
        return acceptTentatively(caller, AnswerTarget.record(recordId));
    }

    /** As {@link #acceptTentatively(Caller, long)}, on a series with a scope. */
    public Answer acceptTentatively(Caller caller, AnswerTarget target) {
        return acceptTentatively(caller, target, null);
    }

    /**
     * As {@link #acceptTentatively(Caller, AnswerTarget)}, proposing another time to the owner (null: none):
     * see {@link #decline(Caller, AnswerTarget, String, ProposedTime)}.
     */
    public Answer acceptTentatively(Caller caller, AnswerTarget target, ProposedTime proposal) {
        return answer(caller, target, "TentativelyAcceptInvitation", EventType.INVITATION_TENTATIVE, true,
                (appointment, record, now) -> appointment.acceptTentatively(record, now), proposal);
    }

    /** No, with an optional reason the owner sees: becomes 9, and may still be accepted later. */
    public Answer decline(Caller caller, long recordId, String reason) {
        return decline(caller, AnswerTarget.record(recordId), reason);
    }

    /** As {@link #decline(Caller, long, String)}, on a series with a scope: every record in scope gets the reason. */
    public Answer decline(Caller caller, AnswerTarget target, String reason) {
        return decline(caller, target, reason, null);
    }

    /**
     * As {@link #decline(Caller, AnswerTarget, String)}, proposing another time to the owner (null: none), as
     * Exchange's "propose new time": the answer is given as without it, and a PENDING proposal is stored for
     * the answered record (see {@link Proposals#propose}). On a series the proposal is about one occurrence:
     * a proposal with scope SERIES or FOLLOWING (or on the series' record without recurrenceId) is refused
     * (field proposedStart), as is one for a task.
     */
    public Answer decline(Caller caller, AnswerTarget target, String reason, ProposedTime proposal) {
        return answer(caller, target, "DeclineInvitation", EventType.INVITATION_DECLINED, true,
                (appointment, record, now) -> appointment.decline(record, reason, now), proposal);
    }

    /** Opened and closed without an answer: 5 → 7, 6 → 8. */
    public Answer markSeen(Caller caller, long recordId) {
        return markSeen(caller, AnswerTarget.record(recordId));
    }

    /**
     * As {@link #markSeen(Caller, long)}, on a series with a scope. Not an answer: for the whole series it
     * reaches the occurrence records that follow the series, not those the invitee answered on their own.
     */
    public Answer markSeen(Caller caller, AnswerTarget target) {
        return answer(caller, target, "MarkInvitationSeen", EventType.INVITATION_SEEN, false,
                (appointment, record, now) -> appointment.markSeen(record, now));
    }

    /** No answer now: stays pending, no longer new. */
    public Answer postpone(Caller caller, long recordId) {
        return postpone(caller, AnswerTarget.record(recordId));
    }

    /** As {@link #postpone(Caller, long)}, on a series with a scope; reaches what {@link #markSeen} reaches. */
    public Answer postpone(Caller caller, AnswerTarget target) {
        return answer(caller, target, "PostponeInvitation", EventType.INVITATION_POSTPONED, false,
                (appointment, record, now) -> appointment.postpone(record, now));
    }

    /**
     * Removes the caller's cancelled records (one, or all when {@code recordId} is null). A cancelled
     * invitation stays visible until its invitee cleans it up.
     */
    public int cleanUpCancelled(Caller caller, Long recordId) {
        return Transactions.run(sessionFactory, session -> {
            if (recordId != null) {
                ParticipantRecord record = Appointments.forChange(session, recordId);
                if (record == null) {
                    throw new NotFound("record", recordId, "recordId");
                }
                if (!record.isFor(caller.associateId())) {
                    throw new NotAllowed("Record " + recordId + " is not " + caller.username() + "'s", recordId);
                }
                if (record.getStatus() != Status.CANCELLED) {
                    throw new InvalidRequest("recordId", "record " + recordId + " has status "
                            + record.getStatus().code() + "; only cancelled records (10) can be cleaned up");
                }
            }
            int removed = InvitationQueries.deleteCancelled(session, caller.associateId(), recordId);
            audit.record(session, caller, "CleanUpCancelled", "record", recordId, removed + " removed");
            return removed;
        });
    }

    /**
     * One answer, audited once and published once however many occurrences it reached; integrations hear
     * of it when it changed something (a retried accept of an accepted record is a harmless no-op and tells
     * nobody). On a series, {@link SeriesAnswers} applies it in its scope.
     */
    private Answer answer(Caller caller, AnswerTarget target, String operation, EventType event, boolean reply,
                          SeriesAnswers.Change change) {
        return answer(caller, target, operation, event, reply, change, null);
    }

    private Answer answer(Caller caller, AnswerTarget target, String operation, EventType event, boolean reply,
                          SeriesAnswers.Change change, ProposedTime proposal) {
        return Transactions.run(sessionFactory, session -> {
            ParticipantRecord record = ownRecord(session, caller, target);
            Appointment appointment = record.getAppointment();
            Instant now = clock.instant();
            if (proposal != null) {
                requireOneMeeting(record, target);
            }
            if (!appointment.isSeries() && !appointment.isOccurrence()) {
                requireNoSeriesTarget(target, record);
                Status before = record.getStatus();
                boolean changed = change.apply(appointment, record, now);
                audit.record(session, caller, operation, "record", record.getId(),
                        before.code() + " -> " + record.getStatus().code());
                if (changed) {
                    publisher.publish(session, ChangeEvent.ofRecord(event, record, now));
                }
                propose(session, caller, record, proposal, now);
                return Answer.of(record);
            }
            SeriesAnswers.Outcome outcome = SeriesAnswers.answer(session, record, target, reply, change, now);
            ParticipantRecord answered = outcome.target();
            audit.record(session, caller, operation, "record", answered.getId(),
                    outcome.before().code() + " -> " + answered.getStatus().code() + " " + outcome.scope() + ", "
                            + outcome.occurrencesChanged() + " occurrence(s) changed");
            if (outcome.changed()) {
                publisher.publish(session, ChangeEvent.ofSeriesAnswer(event, answered, outcome.scope(), now));
            }
            propose(session, caller, answered, proposal, now);
            return Answer.ofSeries(answered, outcome.occurrencesChanged());
        });
    }

    /**
     * A proposal of another time is about one meeting: not a task, and on a series one occurrence (scope
     * OCCURRENCE, by default when the occurrence is named), as Exchange proposes per occurrence.
     */
    private static void requireOneMeeting(ParticipantRecord record, AnswerTarget target) {
        Appointment appointment = record.getAppointment();
        if (appointment.getType() == AppointmentType.TASK) {
            throw new InvalidRequest("proposedStart", "record " + record.getId() + " is of a task, which has a due"
                    + " date, not a meeting time: leave proposedStart and proposedEnd out");
        }
        boolean wholeSeries = target.scope() == Scope.SERIES || target.scope() == Scope.FOLLOWING
                || target.scope() == null && appointment.isSeries() && target.recurrenceId() == null;
        if (wholeSeries && (appointment.isSeries() || appointment.isOccurrence())) {
            throw new InvalidRequest("proposedStart", "propose a new time for one occurrence: give its"
                    + " recurrenceId (or answer on the occurrence's own record) with scope OCCURRENCE, not "
                    + (target.scope() == null ? Scope.SERIES : target.scope()));
        }
    }

    /** The proposal that came with an answer, about the answered record's meeting; none: nothing. */
    private void propose(Session session, Caller caller, ParticipantRecord record, ProposedTime proposal,
                         Instant now) {
        if (proposal == null) {
            return;
        }
        TimeProposal made = Proposals.propose(session, record, proposal.start(), proposal.end(), proposal.comment(),
                now);
        audit.record(session, caller, "ProposeTime", "proposal", made.getId(), proposal.start() + " - "
                + proposal.end() + " for record " + record.getId());
        publisher.publish(session, ChangeEvent.ofProposal(EventType.PROPOSAL_MADE, made, SendOptions.NONE, now));
    }

    /** A single appointment's record: no occurrence to name, and no scope wider than the record. */
    private static void requireNoSeriesTarget(AnswerTarget target, ParticipantRecord record) {
        if (target.recurrenceId() != null) {
            throw new InvalidRequest("recurrenceId", "record " + record.getId() + " belongs to appointment "
                    + record.getAppointment().getId() + ", which is not a series; leave recurrenceId out");
        }
        if (target.scope() != null && target.scope() != Scope.OCCURRENCE) {
            throw new InvalidRequest("scope", "record " + record.getId() + " belongs to appointment "
                    + record.getAppointment().getId() + ", which is not a series; scope " + target.scope()
                    + " applies to series only: leave scope out");
        }
    }

    /**
     * The caller's own invitation record, with its appointment locked. An answer for a series or for the
     * following occurrences given on an occurrence's record locks the series first, the order every
     * series-wide change takes.
     */
    private static ParticipantRecord ownRecord(Session session, Caller caller, AnswerTarget target) {
        Long series = target.scope() == Scope.SERIES || target.scope() == Scope.FOLLOWING
                ? SeriesAnswers.seriesOfOccurrenceRecord(session, target.recordId()) : null;
        if (series != null) {
            Appointments.locked(session, series);
        }
        ParticipantRecord record = ownRecord(session, caller, target.recordId());
        if (series != null && !series.equals(record.getAppointment().getSeriesId())) {
            // split off into a new series between the read and the lock: replayed, and then locks that one
            throw new org.hibernate.StaleStateException("occurrence " + record.getAppointment().getId()
                    + " left series " + series + " meanwhile");
        }
        return record;
    }

    /** The caller's own invitation record, with its appointment. */
    private static ParticipantRecord ownRecord(Session session, Caller caller, long recordId) {
        ParticipantRecord record = Appointments.participantsOwn(session, caller, recordId,
                "Only the invitee may answer an invitation");
        if (record.isMaster()) {
            throw new NotAllowed("Record " + recordId + " is the owner's own record, not an invitation;"
                    + " move, update or cancel the appointment instead", recordId);
        }
        return record;
    }
}
