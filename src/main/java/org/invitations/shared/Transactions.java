package org.invitations.shared;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StaleStateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One operation, one transaction, replayed from the start when it lost a race: a stale version, a
 * lock wait that timed out, a deadlock the database broke, or a unique key taken by a concurrent
 * insert. Each attempt runs in a fresh session, so a replay sees the other change and either applies
 * on top of it or fails with the domain error it now deserves (a cancelled meeting cannot be
 * accepted). When every attempt lost, the caller gets {@link ConcurrentModification}, never the
 * database's text. Domain errors are never replayed.
 */
public final class Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
    /** Attempts in all; the waits between them grow from about 2 to 40 ms. */
    public static final int ATTEMPTS = 6;

    private Transactions() {
    }

    public static <R> R run(SessionFactory sessionFactory, Function<Session, R> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return sessionFactory.fromTransaction(work);
            } catch (DomainException e) {
                throw e;
            } catch (RuntimeException e) {
                Kind kind = classify(e);
                if (kind == Kind.OTHER) {
                    throw e;
                }
                if (kind == Kind.BUSY || attempt == ATTEMPTS) {
                    LOG.info("Gave up after {} attempt(s): {}", attempt, describe(e));
                    throw new ConcurrentModification(kind == Kind.BUSY
                            ? "The service is too busy to start this call now; nothing was written: send the"
                            + " same request again"
                            : "Someone else changed the same record at the same moment, " + attempt
                            + " times in a row; nothing was written: send the same request again");
                }
                LOG.debug("Attempt {} lost a race, replaying: {}", attempt, describe(e));
                backOff(attempt);
            }
        }
    }

    enum Kind { RACE, BUSY, OTHER }

    /** What kind of failure this is, from the exception types and SQL states of its causes. */
    static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return Kind.BUSY;
            }
            if (t instanceof StaleStateException || t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof org.hibernate.PessimisticLockException
                    || t instanceof org.hibernate.exception.LockAcquisitionException) {
                return Kind.RACE;
            }
            if (t instanceof SQLException sql && isRace(sql.getSQLState())) {
                return Kind.RACE;
            }
        }
        return Kind.OTHER;
    }

    /**
     * 40001 deadlock (Derby) or serialization failure (PostgreSQL), 40XL1/40XL2 Derby lock timeouts,
     * 40P01 PostgreSQL deadlock, 55P03 PostgreSQL lock_timeout, 23505 a unique key taken meanwhile
     * (the replay then sees the row and reports the domain error).
     */
    static boolean isRace(String state) {
        return state != null && (state.equals("40001") || state.startsWith("40XL") || state.equals("40P01")
                || state.equals("55P03") || state.equals("23505"));
    }

    private static void backOff(int attempt) {
        long maxMicros = 2_000L << Math.min(attempt - 1, 4);
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextLong(maxMicros / 2,
                maxMicros)));
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e.getClass().getSimpleName() + " / " + root;
    }
}
