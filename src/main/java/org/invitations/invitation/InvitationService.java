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
        return answer(caller, recordId, "AcceptInvitation", EventType.INVITATION_ACCEPTED,
                (appointment, record, now) -> appointment.accept(record, now));
    }

    /** Maybe: becomes 14, which counts as answered and shows in the diary marked tentative. */
    public Answer acceptTentatively(Caller caller, long recordId) {
        return answer(caller, recordId, "TentativelyAcceptInvitation", EventType.INVITATION_TENTATIVE,
                (appointment, record, now) -> appointment.acceptTentatively(record, now));
    }

    /** No, with an optional reason the owner sees: becomes 9, and may still be accepted later. */
    public Answer decline(Caller caller, long recordId, String reason) {
        return answer(caller, recordId, "DeclineInvitation", EventType.INVITATION_DECLINED,
                (appointment, record, now) -> appointment.decline(record, reason, now));
    }

    /** Opened and closed without an answer: 5 → 7, 6 → 8. */
    public Answer markSeen(Caller caller, long recordId) {
        return answer(caller, recordId, "MarkInvitationSeen", EventType.INVITATION_SEEN,
                (appointment, record, now) -> appointment.markSeen(record, now));
    }

    /** No answer now: stays pending, no longer new. */
    public Answer postpone(Caller caller, long recordId) {
        return answer(caller, recordId, "PostponeInvitation", EventType.INVITATION_POSTPONED,
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
     * One answer, audited; integrations hear of it when it changed something (a retried accept of an
     * accepted record is a harmless no-op and tells nobody).
     */
    private Answer answer(Caller caller, long recordId, String operation, EventType event,
                          AnswerChange change) {
        return Transactions.run(sessionFactory, session -> {
            ParticipantRecord record = ownRecord(session, caller, recordId);
            Status before = record.getStatus();
            Instant now = clock.instant();
            boolean changed = change.apply(record.getAppointment(), record, now);
            audit.record(session, caller, operation, "record", recordId, before.code() + " -> " + record.getStatus().code());
            if (changed) {
                publisher.publish(session, ChangeEvent.ofRecord(event, record, now));
            }
            return Answer.of(record);
        });
    }

    /** One answer, given through the record's appointment; true when it changed anything. */
    @FunctionalInterface
    private interface AnswerChange {
        boolean apply(Appointment appointment, ParticipantRecord record, Instant now);
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
