package org.invitations.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.SessionFactory;
import org.invitations.directory.Associate;

/**
 * Checks a username and password against the stored slow hash. A successful check is remembered for a
 * short time, keyed by the user and a SHA-256 of the presented password, so that a busy integration
 * pays the PBKDF2 cost once per {@code ttl} rather than on every call. A different password misses
 * the cache and is checked against the database again.
 */
public final class Authenticator {

    private record Verified(byte[] passwordDigest, Caller caller, Instant expires) {
    }

    private final SessionFactory sessionFactory;
    private final PasswordHasher hasher;
    private final Duration ttl;
    private final Clock clock;
    private final String dummyHash;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    public Authenticator(SessionFactory sessionFactory, PasswordHasher hasher, Duration ttl, Clock clock) {
        this.sessionFactory = sessionFactory;
        this.hasher = hasher;
        this.ttl = ttl;
        this.clock = clock;
        this.dummyHash = hasher.hash("timing-equaliser");
    }

    public Optional<Caller> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        byte[] digest = sha256(username + '\0' + password);
        Instant now = clock.instant();
        Verified hit = verified.get(username);
        if (hit != null && hit.expires().isAfter(now) && MessageDigest.isEqual(hit.passwordDigest(), digest)) {
            return Optional.of(hit.caller());
        }
        Associate associate = sessionFactory.fromTransaction(session ->
                session.createSelectionQuery("from Associate where username = :u", Associate.class)
                        .setParameter("u", username)
                        .getSingleResultOrNull());
        if (associate == null) {
            hasher.verify(password, dummyHash);
            return Optional.empty();
        }
        if (!hasher.verify(password, associate.getPasswordHash())) {
            return Optional.empty();
        }
        Caller caller = new Caller(associate.getId(), associate.getUsername(), associate.getRole());
        verified.put(username, new Verified(digest, caller, now.plus(ttl)));
        return Optional.of(caller);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
