package org.invitations.shared;

/** The status table does not allow this change from the current status; both are named. */
public final class InvalidTransition extends DomainException {

    private final int currentStatus;
    private final int requestedStatus;

    public InvalidTransition(String field, Long id, int currentStatus, int requestedStatus, String message) {
        super(message, field, id);
        this.currentStatus = currentStatus;
        this.requestedStatus = requestedStatus;
    }

    public int currentStatus() {
        return currentStatus;
    }

    public int requestedStatus() {
        return requestedStatus;
    }
}
