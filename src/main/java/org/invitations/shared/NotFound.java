package org.invitations.shared;

/** An id in the request names nothing that exists. */
public final class NotFound extends DomainException {

    public NotFound(String what, long id, String field) {
        super("No " + what + " with id " + id + " (" + field + ")", field, id);
    }
}
