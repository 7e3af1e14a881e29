package org.invitations.security;

import java.security.Principal;
import org.invitations.security.Role;

/**
 * The associate a SOAP call is made as. {@code integration} names the INTEGRATION account when the
 * call came through one on behalf of this associate; such a call never has admin rights.
 */
public record Caller(long associateId, String username, Role role, String integration) implements Principal {

    public Caller(long associateId, String username, Role role) {
        this(associateId, username, role, null);
    }

    @Override
    public String getName() {
        return username;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN && integration == null;
    }

    public boolean isIntegration() {
        return role == Role.INTEGRATION;
    }

    /** The same associate, reached through the named integration account. */
    public Caller through(String integrationAccount) {
        return new Caller(associateId, username, role, integrationAccount);
    }
}
