package org.invitations.audit;

import org.invitations.shared.Transactions;
import java.time.Clock;
import java.time.Instant;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.query.SelectionQuery;
import org.invitations.security.Caller;
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
            StringBuilder hql = new StringBuilder("from AuditEvent e where 1 = 1");
            if (associateId != null) {
                hql.append(" and e.associateId = :associate");
            }
            if (from != null) {
                hql.append(" and e.at >= :from");
            }
            if (to != null) {
                hql.append(" and e.at < :to");
            }
            if (after != null) {
                hql.append(" and e.id < :after");
            }
            SelectionQuery<AuditEvent> query = session.createSelectionQuery(hql.append(" order by e.id desc")
                    .toString(), AuditEvent.class).setMaxResults(pageSize + 1);
            if (associateId != null) {
                query.setParameter("associate", associateId);
            }
            if (from != null) {
                query.setParameter("from", from);
            }
            if (to != null) {
                query.setParameter("to", to);
            }
            if (after != null) {
                query.setParameter("after", after.id());
            }
            return Page.of(query.getResultList(), pageSize, e -> PageToken.afterId(e.getId()));
        });
    }
}
