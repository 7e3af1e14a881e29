package org.invitations.security;

import org.invitations.shared.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.persistence.LockModeType;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.query.SelectionQuery;
import org.invitations.shared.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.invitations.security.Role;
import org.invitations.shared.NotAllowed;

/**
 * Checks a username and password against the stored slow hash. A successful check is remembered for a
 * short time, keyed by the user and a SHA-256 of the presented password, so that a busy integration
 * pays the PBKDF2 cost once per {@code ttl} rather than on every call; a different password misses
 * the cache. {@value #MAX_FAILURES} wrong passwords in a row lock the account for {@code lock}; every
 * check counts, one at a time per account, and locking evicts the cached login at once, as do
 * disabling the account and changing its password.
 */
public final class Authenticator {

    public static final int MAX_FAILURES = 5;
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    private record Verified(byte[] passwordDigest, Caller caller, Instant expires) {
    }

    private final SessionFactory sessionFactory;
    private final PasswordHasher hasher;
    private final Duration ttl;
    private final Duration lock;
    private final Clock clock;
    private final String dummyHash;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    /** One password check at a time per username on this node (the row lock does it across nodes). */
    private final ReentrantLock[] stripes = new ReentrantLock[64];
    private final Refusals refusals;

    /** Reasons given to {@link Refusals} besides "wrong password..." and "disabled". */
    public static final String UNKNOWN = "unknown user";
    public static final String LOCKED = "locked";

    /**
     * Where refused logins are recorded, inside the transaction that counts them: {@code who} is null
     * for an unknown user; a refusal of a locked account ({@link #LOCKED}) checked no password.
     */
    @FunctionalInterface
    public interface Refusals {
        void record(Session session, Caller who, String reason);
    }

    public Authenticator(SessionFactory sessionFactory, PasswordHasher hasher, Duration ttl, Duration lock,
                         Clock clock, Refusals refusals) {
        this.refusals = refusals;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
        this.sessionFactory = sessionFactory;
        this.hasher = hasher;
        this.ttl = ttl;
        this.lock = lock;
        this.clock = clock;
        this.dummyHash = hasher.hash("timing-equaliser");
    }

    /**
     * The caller, or {@link AuthenticationFailed} with one text for every reason (unknown user, wrong
     * password, locked, disabled): the server log and the audit log tell them apart, the caller cannot.
     */
    public Caller authenticate(String username, String password) {
        if (username == null || password == null) {
            throw new AuthenticationFailed(AuthenticationFailed.GENERIC);
        }
        byte[] digest = sha256(username + '\0' + password);
        Caller cached = cached(username, digest);
        if (cached != null) {
            return cached;
        }
        ReentrantLock turn = stripes[Math.floorMod(username.hashCode(), stripes.length)];
        turn.lock();
        try {
            // Single flight: the calls that queued behind a successful check find it in the cache.
            cached = cached(username, digest);
            if (cached != null) {
                return cached;
            }
            Check check = check(session -> session.createSelectionQuery("from Account where username = :u",
                            Account.class).setParameter("u", username), password, true);
            if (check.refusal() != null) {
                LOG.info("Login of '{}' refused: {}", username, check.refusal());
                throw new AuthenticationFailed(AuthenticationFailed.GENERIC);
            }
            verified.put(username, new Verified(digest, check.caller(), clock.instant().plus(ttl)));
            return check.caller();
        } finally {
            turn.unlock();
        }
    }

    /**
     * Whether {@code password} is the associate's current one (ChangePassword). It counts toward the
     * lockout exactly as a login does; a locked account's answer is always false.
     */
    public boolean isCurrentPassword(long associateId, String password) {
        if (password == null) {
            return false;
        }
        Check check = check(session -> session.createSelectionQuery("from Account where id = :id",
                Account.class).setParameter("id", associateId), password, false);
        if (check.refusal() != null) {
            LOG.info("Current password of associate {} refused: {}", associateId, check.refusal());
        }
        return check.refusal() == null;
    }

    /** The caller, or why not; the row stays locked from reading it to recording the result. */
    private record Check(Caller caller, String refusal) {
    }

    /**
     * One password check, with the associate's row locked (SELECT ... FOR UPDATE) from reading its
     * failure count to writing the new one, so that concurrent guesses are checked one after another
     * and at most {@value #MAX_FAILURES} are ever checked before the lock. A locked account's password
     * is not checked (a dummy hash is, for the time). {@code login} is false for ChangePassword's current
     * password: its caller is signed in already, and its cached login stays until the account locks.
     */
    private Check check(Function<Session, SelectionQuery<Account>> query, String password, boolean login) {
        Instant now = clock.instant();
        return Transactions.run(sessionFactory, session -> {
            Account associate = query.apply(session).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getSingleResultOrNull();
            if (associate == null) {
                hasher.verify(password, dummyHash);
                refusals.record(session, null, UNKNOWN);
                return new Check(null, UNKNOWN);
            }
            Caller who = associate.caller();
            if (associate.isLockedAt(now)) {
                // As slow as a checked password, so that the answer's time does not tell a locked (and so
                // existing) account from an unknown user.
                hasher.verify(password, dummyHash);
                refusals.record(session, who, LOCKED);
                return new Check(null, LOCKED + " until " + associate.getLockedUntil());
            }
            if (!hasher.verify(password, associate.getPasswordHash())) {
                boolean lockedNow = associate.recordFailedLogin(now, MAX_FAILURES, lock);
                String refusal = lockedNow ? "wrong password; locked until " + associate.getLockedUntil()
                        : "wrong password";
                refusals.record(session, who, refusal);
                if (lockedNow || login) {
                    // Locked: the cached login stops at once. A wrong login: the next right one is
                    // checked in full, so that it ends the run of failures.
                    evict(associate.getUsername());
                }
                return new Check(null, refusal);
            }
            associate.recordSuccessfulLogin();
            if (!associate.isEnabled()) {
                refusals.record(session, who, "disabled");
                return new Check(null, "disabled");
            }
            return new Check(who, null);
        });
    }

    private Caller cached(String username, byte[] digest) {
        Verified hit = verified.get(username);
        if (hit != null && hit.expires().isAfter(clock.instant())
                && MessageDigest.isEqual(hit.passwordDigest(), digest)) {
            return hit.caller();
        }
        return null;
    }

    /**
     * The associate an INTEGRATION account acts for, named in the OnBehalfOf header. It must exist, be
     * enabled, and not be an integration itself; the result never has admin rights.
     */
    public Caller onBehalfOf(Caller integration, String username) {
        Account associate = Transactions.run(sessionFactory, session ->
                session.createSelectionQuery("from Account where username = :u", Account.class)
                        .setParameter("u", username)
                        .getSingleResultOrNull());
        if (associate == null || !associate.isEnabled() || associate.getRole() == Role.INTEGRATION) {
            throw new NotAllowed("OnBehalfOf names '" + username + "', which is not an enabled associate that "
                    + integration.username() + " may act for", null);
        }
        return new Caller(associate.getId(), associate.getUsername(), associate.getRole(), integration.username());
    }

    /** Forgets a verified password at once (disabled account, changed password). */
    public void evict(String username) {
        verified.remove(username);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
