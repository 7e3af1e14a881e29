package org.invitations.app;

import jakarta.persistence.Timeout;

/**
 * Hibernate's community Derby dialect, with row locks that parse: its locking clause appends
 * {@code with rs} after a lock string that already ends in it ({@code for update with rs with rs}).
 * Here the lock string is the bare {@code for update}, and the clause adds {@code with rs} once, which
 * keeps the lock until the transaction ends.
 */
public class DerbyDialect extends org.hibernate.community.dialect.DerbyDialect {

    private static final String FOR_UPDATE = " for update";

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
}
