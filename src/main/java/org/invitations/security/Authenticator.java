package org.invitations.security;

import org.invitations.shared.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
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
 * the cache. Wrong passwords never lock an account: they are throttled per account and source by
 * {@link LoginThrottle}, which is asked before the cache (a paused source cannot test guesses against
 * a cached login either). Checks of one username run one at a time on this node, so that parallel
 * guesses from one source are checked at most {@value LoginThrottle#FREE_FAILURES} in a row.
 * Disabling an account and changing its password evict its cached login at once.
 */
public final class Authenticator {

    public static final int MAX_FAILURES = LoginThrottle.FREE_FAILURES;
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    private record Verified(byte[] passwordDigest, Caller caller, Instant expires) {
    }

    private final SessionFactory sessionFactory;
    private final PasswordHasher hasher;
    private final Duration ttl;
    private final LoginThrottle throttle;
    private final ClientSource sources;
    private final Clock clock;
    private final String dummyHash;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    /** One password check at a time per username on this node (the row lock does it across nodes). */
    private final ReentrantLock[] stripes = new ReentrantLock[64];
    private final Refusals refusals;

    /** Reasons given to {@link Refusals} besides "wrong password..." and "disabled". */
    public static final String UNKNOWN = "unknown user";
    public static final String THROTTLED = "throttled";

    /**
     * Where refused logins are recorded, inside the transaction that read the account: {@code who} is
     * null for an unknown user; a try refused unchecked while its source is paused ({@link #THROTTLED})
     * read nothing, and has neither {@code session} nor {@code who}.
     */
    @FunctionalInterface
    public interface Refusals {
        void record(Session session, Caller who, String reason);
    }

    public Authenticator(SessionFactory sessionFactory, PasswordHasher hasher, Duration ttl, Clock clock,
                         ClientSource sources, Refusals refusals) {
        this.sources = sources;
        this.refusals = refusals;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
        this.sessionFactory = sessionFactory;
        this.hasher = hasher;
        this.ttl = ttl;
        this.throttle = new LoginThrottle(clock);
        this.clock = clock;
        this.dummyHash = hasher.hash("timing-equaliser");
    }

    /**
     * The caller, or {@link AuthenticationFailed} with one text for every reason (unknown user, wrong
     * password, paused source, disabled): the server log and the audit log tell them apart, the caller
     * cannot. {@code source} is the client's address as {@link LoginThrottle#source} counts it.
     */
    public Caller authenticate(String username, String password, String source) {
        return authenticateFrom(username, password, source);
    }

    /**
     * As {@link #authenticate(String, String, String)}, for a request from {@code peer} (the connection's
     * remote address) with this {@code X-Forwarded-For} header (or null), see {@link ClientSource}.
     */
    public Caller authenticate(String username, String password, String peer, String forwardedFor) {
        return authenticateFrom(username, password, sources.of(peer, forwardedFor));
    }

    private Caller authenticateFrom(String username, String password, String source) {
        if (username == null || password == null) {
            throw new AuthenticationFailed(AuthenticationFailed.GENERIC);
        }
        refuseIfPaused(username, source);
        byte[] digest = sha256(username + '\0' + password);
        Caller cached = cached(username, digest);
        if (cached != null) {
            throttle.succeeded(username, source);
            return cached;
        }
        ReentrantLock turn = stripes[Math.floorMod(username.hashCode(), stripes.length)];
        turn.lock();
        try {
            // Single flight: the calls that queued behind a check find its pause, or its login in the cache.
            refuseIfPaused(username, source);
            cached = cached(username, digest);
            if (cached != null) {
                throttle.succeeded(username, source);
                return cached;
            }
            Check check = check(session -> session.createSelectionQuery("from Account where username = :u",
                    Account.class).setParameter("u", username), password, username, source);
            if (check.refusal() != null) {
                LOG.info("Login of '{}' from {} refused: {}", username, source, check.refusal());
                throw new AuthenticationFailed(AuthenticationFailed.GENERIC);
            }
            verified.put(username, new Verified(digest, check.caller(), clock.instant().plus(ttl)));
            return check.caller();
        } finally {
            turn.unlock();
        }
    }

    private void refuseIfPaused(String username, String source) {
        Instant paused = throttle.pausedUntil(username, source);
        if (paused != null) {
            refusals.record(null, null, THROTTLED);
            LOG.info("Login of '{}' from {} refused unchecked: paused until {}", username, source, paused);
            throw new AuthenticationFailed(AuthenticationFailed.GENERIC);
        }
    }

    /**
     * Whether {@code password} is the associate's current one (ChangePassword). Its caller is signed in
     * already, so it can only slow itself down: wrong ones are throttled as logins are, with the
     * ChangePassword operation as their source, and never touch logins from anywhere.
     */
    public boolean isCurrentPassword(long associateId, String password) {
        if (password == null) {
            return false;
        }
        String key = "#" + associateId;
        if (throttle.pausedUntil(key, CHANGE_PASSWORD) != null) {
            LOG.info("Current password of associate {} refused unchecked: too many wrong ones", associateId);
            return false;
        }
        Check check = check(session -> session.createSelectionQuery("from Account where id = :id",
                Account.class).setParameter("id", associateId), password, key, CHANGE_PASSWORD);
        if (check.refusal() != null) {
            LOG.info("Current password of associate {} refused: {}", associateId, check.refusal());
        }
        return check.refusal() == null;
    }

    /** The source that wrong current passwords in ChangePassword count under. */
    private static final String CHANGE_PASSWORD = "ChangePassword";

    /** The caller, or why not; the row stays locked from reading it to recording the result. */
    private record Check(Caller caller, String refusal) {
    }

    /**
     * One password check. A wrong password (or an unknown user, checked against a dummy hash so that it
     * takes as long) counts toward the throttle of {@code throttleKey} from {@code source}; a right one
     * ends that run.
     */
    private Check check(Function<Session, SelectionQuery<Account>> query, String password, String throttleKey,
                        String source) {
        return Transactions.run(sessionFactory, session -> {
            Account associate = query.apply(session).getSingleResultOrNull();
            if (associate == null) {
                hasher.verify(password, dummyHash);
                Instant paused = throttle.failed(throttleKey, source);
                refusals.record(session, null, UNKNOWN);
                return new Check(null, UNKNOWN + paused(paused, source));
            }
            Caller who = associate.caller();
            if (!hasher.verify(password, associate.getPasswordHash())) {
                String refusal = "wrong password" + paused(throttle.failed(throttleKey, source), source);
                refusals.record(session, who, refusal);
                return new Check(null, refusal);
            }
            throttle.succeeded(throttleKey, source);
            associate.recordSuccessfulLogin();
            if (!associate.isEnabled()) {
                refusals.record(session, who, "disabled");
                return new Check(null, "disabled");
            }
            return new Check(who, null);
        });
    }

    private static String paused(Instant until, String source) {
        return until == null ? "" : "; tries from " + source + " paused until " + until;
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
