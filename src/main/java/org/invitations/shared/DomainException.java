package org.invitations.shared;

/**
 * A rule of the domain was broken by the caller. Each subtype becomes one declared SOAP fault; the
 * message is written for the integrator and names what to fix.
 */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidRequest, NotFound, NotAllowed, InvalidTransition, ConcurrentModification, BookingRefused {

    private final String field;
    private final Long id;

    protected DomainException(String message, String field, Long id) {
        super(message);
        this.field = field;
        this.id = id;
    }

    /** The request element at fault, as a path, or null. */
    public String field() {
        return field;
    }

    /** The id that was not found or not allowed, or null. */
    public Long id() {
        return id;
    }
}
