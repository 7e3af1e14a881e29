package org.invitations.security;

import java.security.Principal;
import org.invitations.directory.Role;

/** The authenticated associate a SOAP call is made as. */
public record Caller(long associateId, String username, Role role) implements Principal {

    @Override
    public String getName() {
        return username;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
