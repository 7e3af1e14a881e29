package org.invitations.shared;

/**
 * Someone else changed the same appointment or account at the same moment, and the service's own
 * retries did not get through (or the service was too busy to start the work). Nothing was written;
 * the same request may be sent again.
 */
public final class ConcurrentModification extends DomainException {

    public ConcurrentModification(String message) {
        super(message, null, null);
    }
}
