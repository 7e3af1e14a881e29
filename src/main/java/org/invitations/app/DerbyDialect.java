package org.invitations.app;

import jakarta.persistence.Timeout;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invitations.shared.IndexHint;

/**
 * Hibernate's community Derby dialect, with two changes.
 * <ul>
 * <li>Row locks that parse: its locking clause appends {@code with rs} after a lock string that already
 * ends in it ({@code for update with rs with rs}). Here the lock string is the bare {@code for update},
 * and the clause adds {@code with rs} once, which keeps the lock until the transaction ends.</li>
 * <li>A query's hints ({@link IndexHint}: a table, or the FROM clause, and optimizer properties) are
 * written as Derby's optimizer overrides, right after the table (or the word FROM), then a new line:
 * {@code from appointment a1_0 --DERBY-PROPERTIES index=IX_APPOINTMENT_NEWEST}.</li>
 * </ul>
 */
public class DerbyDialect extends org.hibernate.community.dialect.DerbyDialect {

    private static final String FOR_UPDATE = " for update";
    /** Where a hint goes: after the word FROM, or after a table and its alias. */
    private static final Map<String, Pattern> PLACES = new ConcurrentHashMap<>();

    @Override
    public String getForUpdateString() {
        return FOR_UPDATE;
    }

    @Override
    public String getWriteLockString(Timeout timeout) {
        return FOR_UPDATE;
    }

    @Override
    public String getWriteLockString(int timeout) {
        return FOR_UPDATE;
    }

    @Override
    public String getQueryHintString(String sql, List<String> hints) {
        String hinted = sql;
        for (String hint : hints) {
            int space = hint.indexOf(' ');
            String table = hint.substring(0, space);
            Matcher at = PLACES.computeIfAbsent(table, t -> t.equals(IndexHint.FROM_CLAUSE)
                    ? Pattern.compile("\\bfrom\\b", Pattern.CASE_INSENSITIVE)
                    : Pattern.compile("\\b(?:from|join) " + Pattern.quote(t) + " \\w+", Pattern.CASE_INSENSITIVE))
                    .matcher(hinted);
            if (!at.find()) {
                throw new IllegalStateException("The hint " + hint + " names a table the query does not read: " + sql);
            }
            hinted = hinted.substring(0, at.end()) + " --DERBY-PROPERTIES " + hint.substring(space + 1) + "\n"
                    + hinted.substring(at.end());
        }
        return hinted;
    }
}
