package org.invitations.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import java.time.Instant;

/**
 * The login side of an associate: its password hash, role and whether it is enabled (and the
 * lockout columns of earlier versions, which are only ever cleared now). The same row as the
 * directory's associate (which creates it); everything that changes a login changes it here, so the
 * directory never touches logins and security never needs the directory.
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
     * A right password. Accounts are no longer locked (wrong passwords are throttled per source, see
     * {@link LoginThrottle}); this clears a run or lock that an earlier version left in the row.
     */
    public void recordSuccessfulLogin() {
        failedLogins = 0;
        lockedUntil = null;
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
