package org.invitations.availability;

/** How busy a participant is in an interval; BUSY outranks TENTATIVE where both apply. */
public enum BusyKind {
    /** A pending invitation (5-8), or one answered tentatively (14): may still be taken back. */
    TENTATIVE,
    /** Booked: accepted, the owner's own record, a resource's or a person's booking. */
    BUSY
}
