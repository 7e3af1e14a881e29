package org.invitations.security;

/** A login was refused; the message is what the caller is told. */
public final class AuthenticationFailed extends RuntimeException {

    /** The one text for every credential problem: unknown user, wrong password, locked, disabled. */
    public static final String GENERIC = "Authentication failed: unknown username or wrong password (or the"
            + " account is locked or disabled); send the username and the PasswordText password of an enabled"
            + " associate";

    public AuthenticationFailed(String message) {
        super(message);
    }
}
