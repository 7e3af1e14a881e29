package org.invitations.shared;

/** The caller is authenticated but may not do this to that record. */
public final class NotAllowed extends DomainException {

    public NotAllowed(String message, Long id) {
        super(message, null, id);
    }
}
