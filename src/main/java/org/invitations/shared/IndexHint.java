package org.invitations.shared;

import org.hibernate.Session;
import org.hibernate.community.dialect.DerbyDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.jpa.HibernateHints;
import org.hibernate.query.SelectionQuery;

/**
 * Tells embedded Derby how to read a query: by which index, and, for a join, in the order written and
 * by key. Derby compiles a statement once and keeps its plan; compiled while a table was small, or with
 * index statistics older than the data, it chose a foreign key's one-column index and sorted everything
 * the key matched (an owner's every task, a person's every booking), or hashed a whole joined table: a
 * cost that grew with the data instead of the page. The hints become Derby's own optimizer overrides
 * ({@code --DERBY-PROPERTIES}, written by the app's {@code DerbyDialect}); PostgreSQL plans from fresh
 * statistics and gets none.
 */
public final class IndexHint {

    /** The table name that stands for the FROM clause itself, in a hint. */
    public static final String FROM_CLAUSE = "*";

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

    /**
     * Joins the tables in the order the query names them, each joined table row by row through the
     * index of the given constraint (its primary key): a page of records, then each one's rows by key.
     */
    public static <Q extends SelectionQuery<?>> Q byKeyInOrder(Session session, Q query, String... tableThenConstraint) {
        hint(session, query, FROM_CLAUSE, "joinOrder=FIXED");
        for (int i = 0; i < tableThenConstraint.length; i += 2) {
            hint(session, query, tableThenConstraint[i], "joinStrategy=NESTEDLOOP, constraint=" + tableThenConstraint[i + 1]);
        }
        return query;
    }

    private static <Q extends SelectionQuery<?>> Q hint(Session session, Q query, String table, String properties) {
        if (session.getSessionFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                .getDialect() instanceof DerbyDialect) {
            query.setHint(HibernateHints.HINT_QUERY_DATABASE, table + " " + properties);
        }
        return query;
    }
}
