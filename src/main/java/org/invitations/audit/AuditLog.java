package org.invitations.audit;

import org.invitations.shared.Transactions;
import java.time.Clock;
import java.time.Instant;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.invitations.security.Caller;
import java.util.List;
import org.invitations.shared.Hql;
import org.invitations.shared.NotAllowed;
import org.invitations.shared.Page;
import org.invitations.shared.PageToken;

/**
 * Records every change inside the transaction that makes it, so a change and its audit entry are
 * written together or not at all; and lets an admin read them back.
 */
public final class AuditLog {

    private final SessionFactory sessionFactory;
    private final Clock clock;

    public AuditLog(SessionFactory sessionFactory, Clock clock) {
        this.sessionFactory = sessionFactory;
        this.clock = clock;
    }

    /** Adds an entry to the current transaction; a null caller is the service itself (start-up). */
    public void record(Session session, Caller caller, String operation, String targetType, Long targetId,
                       String detail) {
        session.persist(new AuditEvent(clock.instant(), caller == null ? null : caller.associateId(),
                caller == null ? "system" : caller.username(), caller == null ? null : caller.integration(),
                operation, targetType, targetId, detail));
    }

    /** Newest first; only an admin reads the log. */
    public Page<AuditEvent> entries(Caller caller, Long associateId, Instant from, Instant to, int pageSize,
                                    PageToken after) {
        if (!caller.isAdmin()) {
            throw new NotAllowed("Only an ADMIN may read the audit log", null);
        }
        return Transactions.run(sessionFactory, session -> {
            List<AuditEvent> rows = Hql.select(AuditEvent.class, "from AuditEvent e where 1 = 1")
                    .and("e.associateId = :associate", "associate", associateId)
                    .and("e.at >= :from", "from", from)
                    .and("e.at < :to", "to", to)
                    .and("e.id < :after", "after", after == null ? null : after.id())
                    .orderBy(session, "e.id desc")
                    .setMaxResults(pageSize + 1)
                    .getResultList();
            return Page.of(rows, pageSize, e -> PageToken.afterId(e.getId()));
        });
    }
}
