package org.invitations.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.SessionFactory;
import org.invitations.directory.Associate;
import org.invitations.directory.Role;
import org.invitations.shared.NotAllowed;

/**
 * Checks a username and password against the stored slow hash. A successful check is remembered for a
 * short time, keyed by the user and a SHA-256 of the presented password, so that a busy integration
 * pays the PBKDF2 cost once per {@code ttl} rather than on every call; a different password misses
 * the cache. {@value #MAX_FAILURES} wrong passwords in a row lock the account for {@code lock}.
 * Disabling an account or changing its password evicts it at once.
 */
public final class Authenticator {

    public static final int MAX_FAILURES = 5;

    private record Verified(byte[] passwordDigest, Caller caller, Instant expires) {
    }

    private final SessionFactory sessionFactory;
    private final PasswordHasher hasher;
    private final Duration ttl;
    private final Duration lock;
    private final Clock clock;
    private final String dummyHash;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    public Authenticator(SessionFactory sessionFactory, PasswordHasher hasher, Duration ttl, Duration lock,
                         Clock clock) {
        this.sessionFactory = sessionFactory;
        this.hasher = hasher;
        this.ttl = ttl;
        this.lock = lock;
        this.clock = clock;
        this.dummyHash = hasher.hash("timing-equaliser");
    }

    /** The caller, or {@link AuthenticationFailed} saying why (unknown user and wrong password read the same). */
    public Caller authenticate(String username, String password) {
        if (username == null || password == null) {
            throw new AuthenticationFailed(AuthenticationFailed.GENERIC);
        }
        byte[] digest = sha256(username + '\0' + password);
        Instant now = clock.instant();
        Verified hit = verified.get(username);
        if (hit != null && hit.expires().isAfter(now) && MessageDigest.isEqual(hit.passwordDigest(), digest)) {
            return hit.caller();
        }
        Associate associate = sessionFactory.fromTransaction(session ->
                session.createSelectionQuery("from Associate where username = :u", Associate.class)
                        .setParameter("u", username)
                        .getSingleResultOrNull());
        if (associate == null) {
            hasher.verify(password, dummyHash);
            throw new AuthenticationFailed(AuthenticationFailed.GENERIC);
        }
        if (associate.isLockedAt(now)) {
            throw new AuthenticationFailed(locked(associate));
        }
        boolean right = hasher.verify(password, associate.getPasswordHash());
        Associate after = sessionFactory.fromTransaction(session -> {
            Associate current = session.find(Associate.class, associate.getId());
            if (right) {
                current.recordSuccessfulLogin();
            } else {
                current.recordFailedLogin(now, MAX_FAILURES, lock);
            }
            return current;
        });
        if (!right) {
            throw new AuthenticationFailed(after.isLockedAt(now) ? locked(after) : AuthenticationFailed.GENERIC);
        }
        if (!after.isEnabled()) {
            throw new AuthenticationFailed("Authentication failed: the account of '" + username
                    + "' is disabled; ask an administrator");
        }
        Caller caller = new Caller(after.getId(), after.getUsername(), after.getRole());
        verified.put(username, new Verified(digest, caller, now.plus(ttl)));
        return caller;
    }

    /**
     * The associate an INTEGRATION account acts for, named in the OnBehalfOf header. It must exist, be
     * enabled, and not be an integration itself; the result never has admin rights.
     */
    public Caller onBehalfOf(Caller integration, String username) {
        Associate associate = sessionFactory.fromTransaction(session ->
                session.createSelectionQuery("from Associate where username = :u", Associate.class)
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

    private static String locked(Associate associate) {
        return "Authentication failed: the account of '" + associate.getUsername() + "' is locked after "
                + MAX_FAILURES + " wrong passwords until " + associate.getLockedUntil() + " (UTC)";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
