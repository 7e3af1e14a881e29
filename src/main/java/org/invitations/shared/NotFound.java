package org.invitations.shared;

/** An id in the request names nothing that exists. */
public final class NotFound extends DomainException {

    public NotFound(String what, long id, String field) {
        super("No " + what + " with id " + id + " (" + field + ")", field, id);
    }

    /** Nothing is named by a value that is not an id (an occurrence's recurrenceId); the message says what. */
    public NotFound(String message, String field) {
        super(message, field, null);
    }
}
