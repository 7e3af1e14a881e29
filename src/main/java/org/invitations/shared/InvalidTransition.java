package org.invitations.shared;

/** The status table does not allow this change from the record's current status. */
public final class InvalidTransition extends DomainException {

    private final int currentStatus;
    private final int requestedStatus;

    public InvalidTransition(Long recordId, int currentStatus, int requestedStatus, String message) {
        super(message, "recordId", recordId);
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
