package org.invitations.shared;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

/**
 * A typed selection whose optional filters are added with their parameters, so a condition and the
 * value it needs cannot drift apart. Used by the query classes of each feature; services call those.
 * Leaving a filter out (rather than writing {@code :x is null or ...}) keeps each query an index range.
 */
public final class Hql<T> {

    private final Class<T> resultType;
    private final String select;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private Hql(Class<T> resultType, String select) {
        this.resultType = resultType;
        this.select = select;
    }

    /** {@code select} is everything up to and including the first condition of the where clause. */
    public static <T> Hql<T> select(Class<T> resultType, String select) {
        return new Hql<>(resultType, select);
    }

    /** A value the select itself needs. */
    public Hql<T> with(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    /** A condition with no parameter of its own, when {@code when} holds. */
    public Hql<T> and(boolean when, String condition) {
        if (when) {
            conditions.add(condition);
        }
        return this;
    }

    /** A condition on one value, when the value is there. */
    public Hql<T> and(String condition, String name, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.put(name, value);
        }
        return this;
    }

    /** A condition on two values, when the first is there (a keyset cursor: its time and its id). */
    public Hql<T> and(String condition, String name, Object value, String secondName, Object secondValue) {
        if (value != null) {
            conditions.add(condition);
            parameters.put(name, value);
            parameters.put(secondName, secondValue);
        }
        return this;
    }

    public SelectionQuery<T> orderBy(Session session, String orderBy) {
        StringBuilder hql = new StringBuilder(select);
        conditions.forEach(c -> hql.append(" and ").append(c));
        hql.append(" order by ").append(orderBy);
        SelectionQuery<T> query = session.createSelectionQuery(hql.toString(), resultType);
        parameters.forEach((name, value) -> {
            if (value instanceof Collection<?> values) {
                query.setParameterList(name, values);
            } else {
                query.setParameter(name, value);
            }
        });
        return query;
    }
}
