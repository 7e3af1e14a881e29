package org.invitations.shared;

/** The request is well-formed XML but breaks a rule (end before start, a participant twice, ...). */
public final class InvalidRequest extends DomainException {

    public InvalidRequest(String field, String message) {
        super(message, field, null);
    }
}
