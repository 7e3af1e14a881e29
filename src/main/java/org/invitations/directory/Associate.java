package org.invitations.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An internal user of the company: has a login and a diary, and is the only kind of participant that
 * receives invitations and must answer them.
 */
@Entity
@Table(name = "associate")
public class Associate {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "associate_seq")
    @SequenceGenerator(name = "associate_seq", sequenceName = "associate_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, unique = true, length = 40)
    private String username;

    @Column(name = "full_name", nullable = false, length = 120)
    private String fullName;

    @Column(length = 254)
    private String email;

    @Column(name = "password_hash", nullable = false, length = 200)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Role role;

    /** A disabled associate cannot sign in; its records stay. */
    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    protected Associate() {
    }

    public Associate(String username, String fullName, String email, String passwordHash, Role role) {
        this.username = username;
        this.fullName = fullName;
        this.email = email;
        this.passwordHash = passwordHash;
        this.role = role;
    }

    /**
     * A wrong password. After {@code maxFailures} in a row the account is locked for {@code lock}, so
     * that guessing costs hours rather than seconds. Returns whether it is locked now.
     */
    public boolean recordFailedLogin(Instant now, int maxFailures, java.time.Duration lock) {
        failedLogins++;
        if (failedLogins >= maxFailures) {
            lockedUntil = now.plus(lock);
            failedLogins = 0;
            return true;
        }
        return false;
    }

    /** A right password ends the run of failures. Returns whether anything changed. */
    public boolean recordSuccessfulLogin() {
        boolean changed = failedLogins != 0 || lockedUntil != null;
        failedLogins = 0;
        lockedUntil = null;
        return changed;
    }

    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public void changePassword(String newHash) {
        this.passwordHash = newHash;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant getLockedUntil() {
        return lockedUntil;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getFullName() {
        return fullName;
    }

    public String getEmail() {
        return email;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Role getRole() {
        return role;
    }
}
