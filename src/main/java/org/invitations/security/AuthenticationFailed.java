package org.invitations.security;

/** A login was refused; the message is what the caller is told. */
public final class AuthenticationFailed extends RuntimeException {

    public static final String GENERIC = "Authentication failed: send a WS-Security UsernameToken with the"
            + " username and the PasswordText password of an associate";

    public AuthenticationFailed(String message) {
        super(message);
    }
}
