package org.invitations.security;

/**
 * What an account may do. USER acts for itself; ADMIN also manages the directory and reads the audit
 * log; INTEGRATION is a legacy system that acts on behalf of a named associate, never as an admin.
 */
public enum Role {
    USER,
    ADMIN,
    INTEGRATION
}
