package org.invitations.shared;

/**
 * The status table does not allow this change from the current status; both are named. A change of
 * something without a status code (a proposal that was decided already) names none.
 */
public final class InvalidTransition extends DomainException {

    private final Integer currentStatus;
    private final Integer requestedStatus;

    public InvalidTransition(String field, Long id, int currentStatus, int requestedStatus, String message) {
        super(message, field, id);
        this.currentStatus = currentStatus;
        this.requestedStatus = requestedStatus;
    }

    /** A change refused for a state that is no status code: the fault names no statuses. */
    public InvalidTransition(String field, Long id, String message) {
        super(message, field, id);
        this.currentStatus = null;
        this.requestedStatus = null;
    }

    /** Null when the refusal is not about a status code. */
    public Integer currentStatus() {
        return currentStatus;
    }

    /** Null when the refusal is not about a status code. */
    public Integer requestedStatus() {
        return requestedStatus;
    }
}
