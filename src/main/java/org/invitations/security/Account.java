package org.invitations.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import java.time.Duration;
import java.time.Instant;

/**
 * The login side of an associate: its password hash, role, whether it is enabled, and its run of
 * wrong passwords. The same row as the directory's associate (which creates it); everything that
 * changes a login changes it here, so the directory never touches the lockout and security never
 * needs the directory.
 */
// Only the columns that changed are written (a login's bookkeeping touches no index).
@DynamicUpdate
@Entity
@Table(name = "associate")
public class Account {

    @Id
    private Long id;

    @Column(nullable = false, length = 40, insertable = false, updatable = false)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 200, insertable = false)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12, insertable = false, updatable = false)
    private Role role;

    @Column(nullable = false, insertable = false)
    private boolean enabled;

    @Column(name = "failed_logins", nullable = false, insertable = false)
    private int failedLogins;

    @Column(name = "locked_until", insertable = false)
    private Instant lockedUntil;

    protected Account() {
    }

    /**
     * A wrong password. After {@code maxFailures} in a row the account is locked for {@code lock}, so
     * that guessing costs hours rather than seconds. Returns whether it is locked now.
     */
    public boolean recordFailedLogin(Instant now, int maxFailures, Duration lock) {
        failedLogins++;
        if (failedLogins >= maxFailures) {
            lockedUntil = now.plus(lock);
            failedLogins = 0;
            return true;
        }
        return false;
    }

    /** A right password ends the run of failures. */
    public void recordSuccessfulLogin() {
        failedLogins = 0;
        lockedUntil = null;
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

    public String getPasswordHash() {
        return passwordHash;
    }

    public Role getRole() {
        return role;
    }

    /** The caller this account signs in as. */
    public Caller caller() {
        return new Caller(id, username, role);
    }
}
