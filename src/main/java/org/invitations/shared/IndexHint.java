package org.invitations.shared;

import org.hibernate.Session;
import org.hibernate.community.dialect.DerbyDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.jpa.HibernateHints;
import org.hibernate.query.SelectionQuery;

/**
 * Names, on embedded Derby, the index a query reads a table by. Derby compiles a statement once and
 * keeps its plan; compiled while a table was small, or with index statistics older than the data, it
 * chose a foreign key's one-column index and sorted everything the key matched (an owner's every task,
 * a person's every booking), a cost that grew with the list instead of the page. The hint becomes
 * Derby's own optimizer override ({@code --DERBY-PROPERTIES index=...}, see {@code DerbyDialect}
 * in the app package); PostgreSQL plans from fresh statistics and gets no hint.
 */
public final class IndexHint {

    private IndexHint() {
    }

    /** Reads {@code table} through the index {@code index}. */
    public static <Q extends SelectionQuery<?>> Q index(Session session, Q query, String table, String index) {
        return hint(session, query, table, "index=" + index);
    }

    /** Reads {@code table} through the index that backs the constraint {@code constraint}. */
    public static <Q extends SelectionQuery<?>> Q constraint(Session session, Q query, String table, String constraint) {
        return hint(session, query, table, "constraint=" + constraint);
    }

    private static <Q extends SelectionQuery<?>> Q hint(Session session, Q query, String table, String property) {
        if (session.getSessionFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                .getDialect() instanceof DerbyDialect) {
            query.setHint(HibernateHints.HINT_QUERY_DATABASE, table + " " + property);
        }
        return query;
    }
}
