package org.invitations.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.invitations.app.Database;
import org.slf4j.LoggerFactory;

/**
 * The plan a database chose for the last statement a piece of code ran: Derby's runtime statistics
 * (which also count the rows each scan visited) and PostgreSQL's EXPLAIN of the SQL Hibernate sent.
 */
public final class QueryPlans {

    private QueryPlans() {
    }

    /** Runs the query with Derby's runtime statistics on, on the session's own connection. */
    public static String derby(Database database, Function<Session, List<?>> query) {
        return database.sessionFactory().fromTransaction(session -> {
            session.doWork(c -> {
                try (Statement statement = c.createStatement()) {
                    statement.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)");
                }
            });
            query.apply(session);
            return session.doReturningWork(c -> {
                try (Statement statement = c.createStatement();
                     ResultSet rs = statement.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
        });
    }

    /**
     * EXPLAIN of the very SQL Hibernate sent, with the values it bound: both are read from Hibernate's
     * own SQL and binding loggers while the query runs.
     */
    public static String postgres(Database database, Function<Session, List<?>> query) {
        Logger sql = (Logger) LoggerFactory.getLogger("org.hibernate.SQL");
        Logger bind = (Logger) LoggerFactory.getLogger("org.hibernate.orm.jdbc.bind");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        Level sqlLevel = sql.getLevel();
        Level bindLevel = bind.getLevel();
        sql.setLevel(Level.DEBUG);
        bind.setLevel(Level.TRACE);
        sql.addAppender(seen);
        bind.addAppender(seen);
        try {
            database.sessionFactory().inTransaction(query::apply);
        } finally {
            sql.detachAppender(seen);
            bind.detachAppender(seen);
            sql.setLevel(sqlLevel);
            bind.setLevel(bindLevel);
        }
        String statement = null;
        List<String> values = new ArrayList<>();
        Pattern binding = Pattern.compile("binding parameter \\((\\d+):(\\w+)\\) <- \\[(.*)]");
        for (ILoggingEvent event : seen.list) {
            String message = event.getFormattedMessage();
            Matcher m = binding.matcher(message);
            if (m.find()) {
                values.add(literal(m.group(2), m.group(3)));
            } else {
                statement = message;
                values.clear();
            }
        }
        String explained = inline(statement, values);
        return database.sessionFactory().fromTransaction(session -> session.doReturningWork(c -> {
            StringBuilder plan = new StringBuilder();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN " + explained)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }));
    }

    private static String literal(String type, String value) {
        return Set.of("BIGINT", "INTEGER", "SMALLINT", "BOOLEAN").contains(type) ? value
                : "'" + value.replace("'", "''") + "'";
    }

    /** The statement with each {@code ?} replaced by its bound value, in order. */
    private static String inline(String statement, List<String> values) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (char ch : statement.toCharArray()) {
            if (ch == '?' && next < values.size()) {
                out.append(values.get(next++));
            } else {
                out.append(ch);
            }
        }
        assertEquals(values.size(), next, "every bound value has its place in: " + statement);
        return out.toString();
    }
}
